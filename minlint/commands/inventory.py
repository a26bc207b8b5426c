"""``minlint inventory``: the record of processing (GDPR Art. 30), generated from the checked project.

The inventory is a report, not a gate: it exits 0 even when there are findings (they are shown next
to the fields they concern), and 2 when the project cannot be set up or a path cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error, unreadable, write_output
from minlint.inventory import RENDERERS, get_renderer
from minlint.inventory.build import build_inventory
from minlint.inventory.model import Inventory
from minlint.report import Analysis, PathProblem
from minlint.run import Run
from minlint.run.request import Request


def project_name(run: Run, paths: tuple[str, ...]) -> str:
    """What the inventory was generated from: the named paths relative to the project root, else the root's name."""
    workspace = run.workspace
    names = [workspace.relative(workspace.cwd / path) for path in paths]
    return ", ".join(workspace.root.name if name == "." else name for name in names) or workspace.root.name


class Recorded(NamedTuple):
    """A checked project with its model, its record of processing, and the paths that could not be read."""

    analysis: Analysis
    inventory: Inventory
    problems: tuple[PathProblem, ...]
    jurisdictions: tuple[str, ...] = ("gdpr",)


def record_project(request: Request, cwd: Path | None = None) -> Recorded:
    """Check the project ``request`` names, keeping its model, and build its record of processing.

    What ``minlint inventory``, ``notice`` and ``dsr`` start from. Raises the setup errors of
    :data:`minlint.commands.common.SETUP_ERRORS` (bad configuration …).
    """
    run = Run(request._replace(use_cache=False), cwd)  # a record, not a gate: it writes no cache
    files = run.files()
    analysis = run.analyse(keep_model=True, files=files)
    name = project_name(run, request.paths)
    inventory = build_inventory(analysis, generated_from=name, only=files.report_only)
    jurisdictions = run.workspace.config.jurisdictions
    return Recorded(analysis, inventory, analysis.report.path_problems, jurisdictions)


def collect_inventory(request: Request, cwd: Path | None = None) -> tuple[Inventory, tuple[PathProblem, ...]]:
    """The inventory of the project ``request`` names, and the paths that could not be read.

    Raises the setup errors of :data:`minlint.commands.common.SETUP_ERRORS` (bad configuration …).
    """
    recorded = record_project(request, cwd)
    return recorded.inventory, recorded.problems


def run_report(
    request: Request,
    output_format: str,
    output: str | None,
    report: tuple[str, Mapping[str, str]],
    render: Callable[[Recorded, str], str],
) -> int:
    """Record the project, render it and write it to ``output`` (atomically) or stdout: what ``inventory``,
    ``notice`` and ``dsr`` share. ``report`` is its name (for messages) and its table of formats;
    ``render`` turns the recorded project into text of the format. Exit 0, or 2 when the format is
    unknown, the project cannot be set up, a path cannot be read or the output cannot be written.
    """
    noun, formats = report
    if output_format not in formats:
        error(f"unknown {noun} format `{output_format}`; use one of: {', '.join(sorted(formats))}")
        return EXIT_ERROR
    try:
        recorded = record_project(request)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    if unreadable(recorded.problems, f"{noun} not written"):
        return EXIT_ERROR
    return EXIT_CLEAN if write_output(render(recorded, output_format), output, machine=True) else EXIT_ERROR


def run_inventory(request: Request, output_format: str, output: str | None) -> int:
    """Build the inventory, render it as ``output_format`` and write it to ``output`` (atomically) or stdout."""
    return run_report(
        request,
        output_format,
        output,
        ("inventory", RENDERERS),
        lambda recorded, name: get_renderer(name)(recorded.inventory),
    )


__all__ = ["Recorded", "collect_inventory", "project_name", "record_project", "run_inventory", "run_report"]
