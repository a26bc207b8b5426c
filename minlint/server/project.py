"""Which files and buffers make a document's project, and checking or loading it with the buffers laid over.

A document belongs to the minlint project of its folder — the nearest folder upward with a
configuration, else its git root, else the folder itself (``config.find_root``), as for ``minlint
check FILE``. A project's open documents are checked together, in one run named by all of them,
with every one of their buffers in place of the bytes on disk: an edit in one (a purposes registry,
a declarations file, a plan a campaign uses) is seen by the others, and the rest of the project is
read from the disk as context. Buffers of other projects are never laid over: they are no part of
this one. These functions block (they read the project): the server calls them off its event loop.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import minlint
from minlint.api import CheckResult, Project, StrPath
from minlint.config import find_root
from minlint.engine.packs import builtin_rules
from minlint.engine.rule import RuleDef
from minlint.errors import SetupError
from minlint.run.read import DEFAULT_MAX_FILE_SIZE


class Buffer(NamedTuple):
    """An open document: its file (resolved), its text and the client's version of it."""

    path: Path
    text: str
    version: int | None


def project_root(path: Path) -> Path:
    """The root of the minlint project ``path`` (a file, saved or not) belongs to."""
    try:
        return find_root(path.parent)[0]
    except OSError:
        return path.parent


def absolute(root: Path, shown: str) -> Path:
    """The file a finding's path (relative to ``root``, or absolute) names."""
    return Path(os.path.normpath(root / shown))


def _contents(buffers: Iterable[Buffer]) -> dict[StrPath, str | bytes]:
    # A client may send text with lone surrogates: kept as bytes minlint reports as undecodable.
    return {str(buffer.path): buffer.text.encode("utf-8", "surrogatepass") for buffer in buffers}


def _named(root: Path, buffers: list[Buffer]) -> list[str]:
    """The paths a run over ``buffers`` names: theirs, and the project's root when none is on disk yet.

    A run naming only files that do not exist reads no context (``run/files.select_files`` walks the
    project's paths only when a named path exists): a new, unsaved plan would be checked without
    its registry. Naming the root too makes it read the project; findings elsewhere are not published.
    """
    named = [str(buffer.path) for buffer in buffers]
    if not any(os.path.lexists(path) for path in named):
        named.append(str(root))
    return named


def check_buffers(root: Path, buffers: Iterable[Buffer]) -> CheckResult:
    """Check ``buffers`` (of the project at ``root``) with the whole project as context.

    As ``minlint check`` does, cache included: each buffer's bytes are part of its cache key, so an
    unsaved buffer never gets a stale result, and the files that did not change come from the cache
    (the pre-commit case). One process (``jobs=1``): the server must not fork from a thread.
    Raises :class:`~minlint.errors.SetupError` when the project's configuration cannot be used.
    """
    listed = list(buffers)
    return minlint.check(_named(root, listed), contents=_contents(listed), cwd=root, jobs=1)


def load_project(root: Path, buffers: Iterable[Buffer]) -> Project | None:
    """The model of the project at ``root`` with ``buffers`` laid over; None when it cannot be set up."""
    listed = list(buffers)
    try:
        return minlint.load(_named(root, listed), contents=_contents(listed), cwd=root)
    except SetupError:
        return None


def project_rules(root: Path) -> dict[str, RuleDef]:
    """Every rule the project at ``root`` knows, by code: the built-in ones and its own packs'."""
    from minlint.run.request import Request
    from minlint.run.rules import rule_set
    from minlint.run.workspace import Workspace

    known: Iterable[RuleDef]
    try:
        request = Request()
        known = rule_set(Workspace(request, root), request).known
    except (SetupError, OSError):
        known = builtin_rules()
    return {rule.id: rule for rule in known}


def read_text(path: Path, buffers: Mapping[Path, Buffer]) -> str | None:
    """The text of ``path``: its open buffer's, else the file's on disk (None when it cannot be read)."""
    buffer = buffers.get(path)
    if buffer is not None:
        return buffer.text
    try:
        if path.stat().st_size > DEFAULT_MAX_FILE_SIZE:
            return None
        with open(path, encoding="utf-8", newline="") as handle:  # newline="": keep CR LF as it is
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None
