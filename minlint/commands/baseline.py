"""``minlint baseline``: record the current findings so that a gate can start clean."""

from __future__ import annotations

import sys

from minlint.baseline import build, dumps, load
from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error
from minlint.fileio import write_atomic
from minlint.paths import display_path
from minlint.run import Run
from minlint.run.gates import baseline_path
from minlint.run.request import Request
from minlint.safetext import visible


def run_baseline(request: Request, update: bool) -> int:
    """Write the baseline (refusing to replace an existing one unless ``update``); returns the exit code."""
    try:
        run = Run(request._replace(use_baseline=False, new_since=None))
        files = run.files()
        report = run.analyse(files=files).report
        workspace = run.workspace
        path = baseline_path(workspace, run.request)
        old = load(path) if update and path.exists() else None
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    # Entries of files this run did not look at (another folder, files not named) are kept as they are.
    entries = old.entries if old is not None else ()
    keep = [entry for entry in entries if not files.covers(workspace.root / str(entry.get("path", "")))]
    previous = sum(int(entry.get("count", 1)) for entry in entries if entry not in keep)
    for problem in report.path_problems:
        error(f"{problem.path}: {problem.message}")
    if report.path_problems:
        error("baseline not written: some paths could not be read")
        return EXIT_ERROR
    shown = visible(display_path(path, workspace.cwd))
    if path.exists() and not update:
        error(f"{shown} already exists; use `minlint baseline --update` to replace it")
        return EXIT_ERROR
    document = build(report.findings, workspace.root_relative_display, keep)
    try:
        write_atomic(path, dumps(document), overwrite=update)
    except FileExistsError:
        error(f"{shown} already exists; use `minlint baseline --update` to replace it")
        return EXIT_ERROR
    except OSError as failure:
        error(f"cannot write {shown}: {(failure.strerror or str(failure)).lower()}")
        return EXIT_ERROR
    count = len(report.findings)
    message = f"Wrote {count} finding{'s' if count != 1 else ''} to {shown}"
    if keep:
        message += f", keeping {len(keep)} entr{'ies' if len(keep) != 1 else 'y'} of files this run did not check"
    if update and previous > count:
        message += f" ({previous - count} fixed since the last baseline were pruned)"
    sys.stdout.write(message + ".\n")
    return EXIT_CLEAN
