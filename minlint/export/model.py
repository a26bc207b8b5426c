"""What an exporter reads and returns: the project, and the files to write with what was not carried over."""

from __future__ import annotations

from typing import Any, NamedTuple

from minlint.report import Analysis


class Project(NamedTuple):
    """What an exporter reads: the checked project's model, the files to export (None: every one), and
    the project's name."""

    analysis: Analysis
    only: frozenset[str] | None
    name: str


class Manifest(NamedTuple):
    """One file to write: its name in the output folder, a line saying what it holds, its content as
    plain data (mappings, lists, text, numbers) in the order to write it, and the files it comes from."""

    name: str
    summary: str
    document: dict[str, Any]
    sources: tuple[str, ...]


class Refusal(NamedTuple):
    """Why nothing can be written: where the cause is written, and what to do about it."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class Export(NamedTuple):
    """An exporter's result: the files, one line per thing not carried over exactly, and the refusals
    (when there are any, nothing may be written)."""

    manifests: tuple[Manifest, ...]
    notes: tuple[str, ...] = ()
    refusals: tuple[Refusal, ...] = ()
