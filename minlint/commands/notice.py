"""``minlint notice``: the "what we collect and why" part of a privacy notice, from the checked project.

A report, not a gate: it exits 0 even when the notice lists what is still to write (a purpose with
no description is also ML305 of ``minlint check``), and 2 when the project cannot be set up or a path
cannot be read.
"""

from __future__ import annotations

from minlint.commands.inventory import run_report
from minlint.notice import RENDERERS, get_renderer
from minlint.notice.build import build_notice
from minlint.run.request import Request


def run_notice(request: Request, output_format: str, output: str | None) -> int:
    """Build the notice, render it as ``output_format`` and write it to ``output`` (atomically) or stdout."""
    return run_report(
        request,
        output_format,
        output,
        ("notice", RENDERERS),
        lambda recorded, format_name: get_renderer(format_name)(
            build_notice(recorded.analysis, recorded.inventory, recorded.jurisdictions)
        ),
    )


__all__ = ["run_notice"]
