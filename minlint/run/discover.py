"""Which files to check: named files as they are, folders walked for ``*.yaml``/``*.yml``.

Walking skips hidden folders and the usual vendored or generated ones, never follows a symlinked
folder (so a symlink loop cannot trap it), and never opens anything but a regular file (a FIFO
would block a read forever). What cannot be read is collected as a :class:`PathProblem` so the
command can say so and exit 2 — a gate must not pass a file it could not read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Final

from minlint.paths import display_path
from minlint.report import PathProblem
from minlint.vocabulary import walked_file

SKIPPED_FOLDERS = frozenset(
    {
        "node_modules",
        "dbt_packages",  # packages `dbt deps` installs: other projects' property files
        "dbt_modules",  # their folder before dbt 1.0
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


class SourceFile:
    """A file to check: ``display`` is how findings name it (relative to the current folder if inside).

    ``data`` holds the content when it does not come from the disk (a file as it was at a git
    revision); ``size``, when given, says ``data`` is only the start of a file of that many bytes
    (one too large to read whole). Files are ordered, and equal, by ``display`` and ``path``.
    """

    __slots__ = ("data", "display", "path", "size")

    def __init__(self, display: str, path: Path, data: bytes | None = None, size: int | None = None) -> None:
        self.display: Final = display
        self.path: Final = path
        self.data: Final = data
        self.size: Final = size

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceFile):
            return NotImplemented
        return (self.display, self.path) == (other.display, other.path)

    def __hash__(self) -> int:
        return hash((self.display, self.path))

    def __lt__(self, other: SourceFile) -> bool:
        return (self.display, self.path) < (other.display, other.path)

    def __repr__(self) -> str:
        return f"SourceFile(display={self.display!r}, path={self.path!r})"


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


Excluded = Callable[[Path], bool]


def _walk(
    root: Path, cwd: Path, files: list[SourceFile], problems: list[PathProblem], excluded: Excluded | None
) -> None:
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
                    walk = not name.startswith(".") and name not in SKIPPED_FOLDERS
                    if walk and (excluded is None or not excluded(Path(entry.path))):
                        pending.append(Path(entry.path))
                    continue
                if not walked_file(name, folder.name):
                    continue
                if excluded is not None and excluded(Path(entry.path)):
                    continue
                info = entry.stat(follow_symlinks=True)
            except OSError as error:
                # A spec that cannot be read is never passed over silently, a broken link included.
                reason = _reason(error)
                if entry.is_symlink():
                    reason = "a symbolic link loop" if error.errno == errno.ELOOP else "a broken symbolic link"
                problems.append(PathProblem(display_path(Path(entry.path), cwd), f"cannot read: {reason}"))
                continue
            if stat.S_ISREG(info.st_mode):
                files.append(SourceFile(display_path(Path(entry.path), cwd), Path(entry.path)))
            elif not stat.S_ISDIR(info.st_mode):
                problems.append(
                    PathProblem(display_path(Path(entry.path), cwd), "not a regular file (a FIFO, socket or device)")
                )


def discover(
    paths: list[str], cwd: Path, excluded: Excluded | None = None
) -> tuple[list[SourceFile], list[PathProblem]]:
    """The files under ``paths`` (files as named, folders walked), sorted and without repeats.

    ``excluded`` says which walked files and folders to leave out (named files are always kept:
    the caller decides whether to report them).
    """
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
            _walk(path, cwd, files, problems, excluded)
        elif stat.S_ISREG(info.st_mode):
            files.append(SourceFile(display_path(path, cwd), path))
        else:
            problems.append(PathProblem(given, "not a regular file (a FIFO, socket or device)"))
    unique = {source.display: source for source in files}
    return sorted(unique.values()), problems


def walked_into(path: Path, folder: Path) -> bool:
    """Whether walking ``folder`` reaches ``path``: inside it, through no hidden or skipped folder."""
    try:
        parts = Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(folder))).parts
    except ValueError:
        return False
    if not parts or not walked_file(parts[-1], parts[-2] if len(parts) > 1 else Path(os.path.abspath(folder)).name):
        return False
    return not any(part.startswith(".") or part in SKIPPED_FOLDERS for part in parts[:-1])
