"""``minlint dsr``: the runbook for a data-subject request, generated from the checked project.

A report, not a gate, like the inventory: it exits 0 even when the runbook lists gaps (``minlint
check`` reports them as ML307, ML309 and ML310), and 2 when the project cannot be set up or a path
cannot be read.
"""

from __future__ import annotations

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error, unreadable, write_output
from minlint.commands.inventory import record_project
from minlint.dsr import RENDERERS, get_renderer
from minlint.dsr.build import build_runbook
from minlint.run.request import Request


def run_dsr(request: Request, output_format: str, output: str | None) -> int:
    """Build the runbook, render it as ``output_format`` and write it to ``output`` (atomically) or stdout."""
    if output_format not in RENDERERS:
        error(f"unknown runbook format `{output_format}`; use one of: {', '.join(sorted(RENDERERS))}")
        return EXIT_ERROR
    try:
        recorded = record_project(request)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    if unreadable(recorded.problems, "runbook not written"):
        return EXIT_ERROR
    runbook = build_runbook(recorded.analysis, recorded.inventory)
    text = get_renderer(output_format)(runbook)
    return EXIT_CLEAN if write_output(text, output, machine=True) else EXIT_ERROR


__all__ = ["run_dsr"]
