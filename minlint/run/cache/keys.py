"""What each stored result depends on: the cache's keys, every input listed here and nowhere else."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from minlint import __version__
from minlint.package_data import PACKAGE
from minlint.run.cache import digest

if TYPE_CHECKING:
    from minlint.run.request import Settings


@lru_cache(maxsize=1)
def code_key() -> str:
    """The code and data of minlint as installed: its version and :func:`folder_stamp` of the package.

    minlint is installed from its repository, often editable: a ``git pull`` changes what a run
    finds without changing the version, and must not be answered from results of the old code.
    """
    return digest(__version__, folder_stamp(PACKAGE))


def folder_stamp(folder: Path) -> str:
    """A digest of the name, size and time of each ``.py``, ``.json`` and ``.yaml`` file under ``folder``."""
    stamps: list[str] = []
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json", ".yaml")):
                path = os.path.join(parent, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                stamps.append(f"{os.path.relpath(path, folder)}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*stamps)


def settings_key(settings: Settings) -> str:
    """What per-file results depend on besides the file and the project's context.

    A rule's documentation (rationale, fix, hint, examples) changes no finding: it is left out.
    """
    rules = sorted(repr(rule._replace(rationale="", fix="", hint=None, examples=())) for rule in settings.rules)
    return digest(
        code_key(),
        *rules,
        repr(sorted(settings.severities.items())),
        # Suppressions naming a rule that exists but does not run are not "unknown rules" (ML905).
        *sorted(f"{rule.id}:{rule.name}" for rule in settings.known_rules),
        repr(settings.limits),
        str(settings.max_file_size),
        str(settings.pure_yaml),
        repr(sorted(settings.schema_plans)),
    )


def run_key(settings: str, report_only: frozenset[str] | None, named: frozenset[str], contents: list[str]) -> str:
    """A whole run: the settings, which files are reported and named, every file's name and content digest."""
    return digest(settings, repr(sorted(report_only or ())), str(report_only is None), repr(sorted(named)), *contents)


def context_key(settings: str, context: list[tuple[str, str]], facts: bool) -> str:
    """What a file's result depends on besides itself: settings, the context files, whether facts are kept."""
    return digest(settings, digest(*(part for pair in context for part in pair)), str(facts))


def file_key(context: str, display: str, content: str, report: bool, named: bool = False) -> str:
    """One file's outcome: checked in full (``report``) or read for context only; named on the
    command line or not (a named file that is not a spec can be a finding)."""
    return digest(context, display, content, "report" if report else "context", "named" if named else "")


def packs_key(files: list[tuple[str, bytes]]) -> str:
    """The built-in rule packs: minlint's code and every pack file's name and bytes."""
    return digest(code_key(), *(part for shown, data in files for part in (shown, data)))
