"""Which files to check: named files as they are, folders walked for ``*.yaml``/``*.yml``.

Walking skips hidden folders and the usual vendored or generated ones, never follows a symlinked
folder (so a symlink loop cannot trap it), and never opens anything but a regular file (a FIFO
would block a read forever). What cannot be read is collected as a :class:`PathProblem` so the
command can say so and exit 2 — a gate must not pass a file it could not read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = frozenset(
    {
        "node_modules",
        "venv",
        "site-packages",
        "__pycache__",
        "__pypackages__",
        "_build",
        "buck-out",
        "dist",
        "build",
    }
)


@dataclass(frozen=True, slots=True, order=True)
class SourceFile:
    """A file to check: ``display`` is how findings name it (relative to the current folder if inside)."""

    display: str
    path: Path


@dataclass(frozen=True, slots=True)
class PathProblem:
    """A path that could not be read; ``message`` is one line for stderr."""

    path: str
    message: str


def display_path(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` when inside it, else absolute; always with ``/`` separators."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        return absolute.as_posix()


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _walk(root: Path, cwd: Path, files: list[SourceFile], problems: list[PathProblem]) -> None:
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(PathProblem(display_path(folder, cwd), f"cannot read folder: {_reason(error)}"))
            continue
        for entry in listed:
            name = entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not name.startswith(".") and name not in SKIPPED_FOLDERS:
                        pending.append(Path(entry.path))
                    continue
                if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                    continue
                info = entry.stat(follow_symlinks=True)
            except OSError as error:
                if entry.is_symlink():
                    continue  # a dangling or looping symlink to something that is not a folder we walk
                problems.append(PathProblem(display_path(Path(entry.path), cwd), f"cannot read: {_reason(error)}"))
                continue
            if stat.S_ISREG(info.st_mode):
                files.append(SourceFile(display_path(Path(entry.path), cwd), Path(entry.path)))
            elif not stat.S_ISDIR(info.st_mode):
                problems.append(
                    PathProblem(display_path(Path(entry.path), cwd), "not a regular file (a FIFO, socket or device)")
                )


def discover(paths: list[str], cwd: Path) -> tuple[list[SourceFile], list[PathProblem]]:
    """The files under ``paths`` (files as named, folders walked), sorted and without repeats."""
    files: list[SourceFile] = []
    problems: list[PathProblem] = []
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()
        except FileNotFoundError:
            problems.append(PathProblem(given, "no such file or folder"))
            continue
        except OSError as error:
            problems.append(PathProblem(given, f"cannot read: {_reason(error)}"))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, cwd, files, problems)
        elif stat.S_ISREG(info.st_mode):
            files.append(SourceFile(display_path(path, cwd), path))
        else:
            problems.append(PathProblem(given, "not a regular file (a FIFO, socket or device)"))
    unique = {source.display: source for source in files}
    return sorted(unique.values()), problems
