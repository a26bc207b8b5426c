"""``minlint dsr``: the runbook for a data-subject request, generated from the checked project.

A report, not a gate, like the inventory: it exits 0 even when the runbook lists gaps (``minlint
check`` reports them as ML307, ML309 and ML310), and 2 when the project cannot be set up or a path
cannot be read.
"""

from __future__ import annotations

from minlint.commands.inventory import run_report
from minlint.dsr import RENDERERS, get_renderer
from minlint.dsr.build import build_runbook
from minlint.run.request import Request


def run_dsr(request: Request, output_format: str, output: str | None) -> int:
    """Build the runbook, render it as ``output_format`` and write it to ``output`` (atomically) or stdout."""
    return run_report(
        request,
        output_format,
        output,
        ("runbook", RENDERERS),
        lambda recorded, format_name: get_renderer(format_name)(build_runbook(recorded.analysis, recorded.inventory)),
    )


__all__ = ["run_dsr"]
