"""``minlint notice``: the "what we collect and why" part of a privacy notice, from the checked project.

A report, not a gate: it exits 0 even when the notice lists what is still to write (a purpose with
no description is also ML305 of ``minlint check``), and 2 when the project cannot be set up or a path
cannot be read.
"""

from __future__ import annotations

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error, unreadable, write_output
from minlint.commands.inventory import record_project
from minlint.notice import RENDERERS, get_renderer
from minlint.notice.build import build_notice
from minlint.run.request import Request


def run_notice(request: Request, output_format: str, output: str | None) -> int:
    """Build the notice, render it as ``output_format`` and write it to ``output`` (atomically) or stdout."""
    if output_format not in RENDERERS:
        error(f"unknown notice format `{output_format}`; use one of: {', '.join(sorted(RENDERERS))}")
        return EXIT_ERROR
    try:
        recorded = record_project(request)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    if unreadable(recorded.problems, "notice not written"):
        return EXIT_ERROR
    notice = build_notice(recorded.analysis, recorded.inventory, recorded.jurisdictions)
    text = get_renderer(output_format)(notice)
    return EXIT_CLEAN if write_output(text, output, machine=True) else EXIT_ERROR


__all__ = ["run_notice"]
