"""``minlint import``: move plans kept in other formats to minlint's own format.

Exit status: 0 written (or nothing to import, said on stderr), 2 a bad path or configuration, a
target that exists without ``--force``, or a write that failed — one line each, nothing written
when any target is refused.
"""

from __future__ import annotations

from pathlib import Path

from minlint.commands.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    SETUP_ERRORS,
    error,
    note,
    refuse_existing,
    unreadable,
    write_failed,
)
from minlint.importer import Guesser, foreign_plans, targets, write_plans
from minlint.run.request import Request


def run_import(request: Request, output: str, force: bool) -> int:
    """Import every plan in another format under ``request.paths`` into the folder ``output``."""
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        error(f"--output {output}: not a folder")
        return EXIT_ERROR
    try:
        plans, problems = foreign_plans(request)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    if unreadable(problems, "nothing imported"):
        return EXIT_ERROR
    if not plans:
        note("no tracking plan in another format found; nothing written")
        return EXIT_CLEAN
    placed = targets(plans, folder)
    if refuse_existing((path for path, _ in placed), force):
        return EXIT_ERROR
    try:
        written = write_plans(placed, Guesser(), force)
    except OSError as failure:
        write_failed(output, failure)
        return EXIT_ERROR
    for path, (_, plan) in zip(written, placed, strict=True):
        print(f"{path}: plan `{plan.name}` from {plan.path}")
    return EXIT_CLEAN
