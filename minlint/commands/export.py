"""``minlint export``: the checked project written in another tool's format (``--format fides``).

The paths are read as ``check`` reads them — the same workspace, files and context pass, so a plan in
another format has its declarations files and a Fides dataset its systems — and the exporter turns
the model into files (:mod:`minlint.export`). Exit status: 0 written (or nothing to export, said on
stderr), 2 a bad path or configuration, something the format cannot hold (a purpose with no Fides
data use), a target that exists without ``--force``, or a write that failed — one line each, and
nothing written when any target is refused. What the format cannot say exactly is a note on stderr,
one line each.
"""

from __future__ import annotations

import contextlib
import os
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
from minlint.export import get_exporter
from minlint.export.model import Export, Manifest, Project
from minlint.export.writer import GENERATED, manifest_text
from minlint.fileio import write_atomic
from minlint.report import PathProblem
from minlint.run import Run
from minlint.run.request import Request


def collect_export(
    request: Request, output_format: str, output: Path | None = None, cwd: Path | None = None
) -> tuple[Export, tuple[PathProblem, ...]]:
    """Check the project ``request`` names, keeping its model, and export it as ``output_format``: the
    export, or nothing and the paths that could not be read. The files an earlier export wrote into
    the folder ``output`` are left out: an export inside the project is not read into the next one.

    Raises the set-up errors of :data:`minlint.commands.common.SETUP_ERRORS`.
    """
    run = Run(request._replace(use_cache=False), cwd)  # an export, not a gate: it writes no cache
    files = run.files()
    if output is not None:
        folder = (run.workspace.cwd / output).resolve()
        files = files._replace(sources=[source for source in files.sources if not _exported(source.path, folder)])
    analysis = run.analyse(keep_model=True, files=files)
    problems = analysis.report.path_problems
    if problems:
        return Export(()), problems
    exported = get_exporter(output_format)(Project(analysis, files.report_only, run.workspace.root.name))
    if output is not None and exported.manifests and _inside(run.workspace.cwd / output, files.walked):
        said = (
            f"{output} is among the folders `minlint check` walks: it will read the manifests written there as "
            "specs beside the plans they came from, and report every field twice (ML205); export outside them, "
            f"or add `{output}/**` to `exclude` in the configuration"
        )
        exported = exported._replace(notes=(*exported.notes, said))
    return exported, ()


def _inside(folder: Path, walked: tuple[Path, ...]) -> bool:
    """Whether ``folder`` lies in one of the ``walked`` folders (and so would be checked)."""
    where = Path(os.path.abspath(folder)).resolve()
    return any(where.is_relative_to(Path(os.path.abspath(each)).resolve()) for each in walked)


def run_export(request: Request, output_format: str, output: str, force: bool) -> int:
    """Export the project ``request`` names as ``output_format`` into the folder ``output``."""
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        error(f"--output {output}: not a folder")
        return EXIT_ERROR
    try:
        exported, problems = collect_export(request, output_format, folder)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    if unreadable(problems, "nothing exported"):
        return EXIT_ERROR
    for refusal in exported.refusals:
        error(str(refusal))
    if exported.refusals:
        return EXIT_ERROR
    if not exported.manifests:
        for line in exported.notes:
            note(line)
        note("no tracking plan found; nothing written")
        return EXIT_CLEAN
    placed = [(folder / manifest.name, manifest) for manifest in exported.manifests]
    if refuse_existing((path for path, _ in placed), force):
        return EXIT_ERROR
    try:
        _write(placed, output_format, force)
    except OSError as failure:
        write_failed(output, failure)
        return EXIT_ERROR
    for path, manifest in placed:
        print(f"{path}: {manifest.summary}")
    for line in exported.notes:
        note(line)
    return EXIT_CLEAN


def _exported(path: Path, folder: Path) -> bool:
    """Whether ``path`` is a file an export wrote into ``folder`` (an absolute, resolved path)."""
    if not Path(os.path.abspath(path)).resolve().is_relative_to(folder):
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(len(GENERATED)) == GENERATED.encode()
    except OSError:
        return False


def _write(placed: list[tuple[Path, Manifest]], output_format: str, force: bool) -> None:
    """Write every manifest (each atomically); on a failure, remove the files this write created. Raises OSError."""
    created: list[Path] = []
    try:
        for path, manifest in placed:
            path.parent.mkdir(parents=True, exist_ok=True)
            new = not path.exists()
            write_atomic(path, manifest_text(manifest.document, manifest.sources, output_format), overwrite=force)
            if new:
                created.append(path)
    except BaseException:
        for path in created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
