"""Paths as minlint shows and compares them, each way written once.

- :func:`display_path`: how findings name a file — relative to the current folder when inside it.
- :func:`shown_path`: how errors name a configuration file — also a step outside (``../.minlint.yaml``).
- :func:`relative_to`: a path relative to a project root (POSIX), for configuration globs and the baseline.
- :func:`joined_relative`: the same for paths already given as strings (what formatters hold).
- :func:`git_root`: the top of the git work tree holding a folder, found without running git.
"""

from __future__ import annotations

import os
import re
from pathlib import Path


def display_path(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` when inside it, else absolute; always with ``/`` separators.

    A file name that is not valid UTF-8 shows its odd bytes as ``\\xNN``: every output format is UTF-8.
    """
    shown = relative_to(path, cwd)
    if any("\udc80" <= character <= "\udcff" for character in shown):
        shown = os.fsencode(shown).decode("utf-8", "backslashreplace")
    return shown


def relative_to(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (POSIX), or absolute when outside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def joined_relative(path: str, root: str, cwd: str) -> str:
    """``path`` (relative to ``cwd``, or absolute) relative to ``root``; all POSIX strings.

    The string twin of :func:`relative_to`, for reports that carry paths as text.
    """
    if not root or not cwd:
        return path
    absolute = path if path.startswith("/") else f"{cwd.rstrip('/')}/{path}"
    prefix = root.rstrip("/") + "/"
    return absolute[len(prefix) :] if absolute.startswith(prefix) else absolute


def shown_path(path: Path, cwd: Path | None) -> str:
    """``path`` relative to ``cwd`` when inside it or a step outside (``../.minlint.yaml``), else absolute."""
    relative = os.path.relpath(path, cwd)
    return relative if not relative.startswith(os.pardir * 2) and relative.count(os.pardir) <= 1 else str(path)


def git_root(start: Path) -> Path | None:
    """The root of the git work tree containing ``start`` (a folder or a file), if any.

    Found by looking for ``.git`` (a folder, or a file in a linked work tree or submodule) upward;
    a path inside a ``.git`` folder is in no work tree.
    """
    start = start.resolve()
    if ".git" in start.parts:
        return None
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def slug(name: str) -> str:
    """A name (a plan's) as a file name: lower case, words joined by ``-``; ``plan`` when none is left."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "plan"
