"""A progress bar for long runs, on the terminal only.

Shown on stderr, only when stderr is a terminal, only for runs of many files, and never for a
machine-readable format (the caller decides that). rich is imported only when a bar is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MIN_FILES = 50

Advance = Callable[[str], None]


def _ignore(path: str) -> None:
    """Nothing to show."""


@contextmanager
def file_progress(total: int, wanted: bool, label: str = "Checking") -> Iterator[Advance]:
    """A context giving a function to call once per file read; a transient bar when worth showing."""
    if not wanted or total < MIN_FILES or not sys.stderr.isatty():
        yield _ignore
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(f"{label} specs"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)

        def advance(path: str) -> None:
            progress.advance(task)

        yield advance
