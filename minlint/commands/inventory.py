"""``minlint inventory``: the record of processing (GDPR Art. 30), generated from the checked project.

The inventory is a report, not a gate: it exits 0 even when there are findings (they are shown next
to the fields they concern), and 2 when the project cannot be set up or a path cannot be read.
"""

from __future__ import annotations

from pathlib import Path

from minlint.commands.check import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error, write_stdout
from minlint.fileio import write_atomic
from minlint.inventory import RENDERERS, get_renderer
from minlint.inventory.build import build_inventory
from minlint.inventory.model import Inventory
from minlint.report import PathProblem
from minlint.session import Request, Session


def project_name(session: Session, paths: tuple[str, ...]) -> str:
    """What the inventory was generated from: the named paths relative to the project root, else the root's name."""
    names = [session.relative(session.cwd / path) for path in paths]
    return ", ".join(session.root.name if name == "." else name for name in names) or session.root.name


def collect_inventory(request: Request, cwd: Path | None = None) -> tuple[Inventory, tuple[PathProblem, ...]]:
    """The inventory of the project ``request`` names, and the paths that could not be read.

    Raises the setup errors of :data:`minlint.commands.check.SETUP_ERRORS` (bad configuration …).
    """
    session = Session(request, cwd)
    plan = session.plan()
    analysis = session.analyse(keep_model=True)
    name = project_name(session, request.paths)
    return build_inventory(analysis, generated_from=name, only=plan.report_only), analysis.report.path_problems


def run_inventory(request: Request, output_format: str, output: str | None) -> int:
    """Build the inventory, render it as ``output_format`` and write it to ``output`` (atomically) or stdout."""
    if output_format not in RENDERERS:
        error(f"unknown inventory format `{output_format}`; use one of: {', '.join(sorted(RENDERERS))}")
        return EXIT_ERROR
    try:
        inventory, problems = collect_inventory(request)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    for problem in problems:
        error(f"{problem.path}: {problem.message}")
    if problems:
        error("inventory not written: some paths could not be read")
        return EXIT_ERROR
    text = get_renderer(output_format)(inventory)
    if output is None:
        write_stdout(text, machine=True)
        return EXIT_CLEAN
    target = Path(output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # like `check --output`: create the folder
        write_atomic(target, text, overwrite=True)
    except OSError as failure:
        error(f"cannot write {output}: {(failure.strerror or str(failure)).lower()}")
        return EXIT_ERROR
    return EXIT_CLEAN


__all__ = ["collect_inventory", "project_name", "run_inventory"]
