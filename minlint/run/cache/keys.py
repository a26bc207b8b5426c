"""What each stored result depends on: the cache's keys, every input listed here and nowhere else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minlint import __version__
from minlint.run.cache import digest

if TYPE_CHECKING:
    from minlint.run.request import Settings


def settings_key(settings: Settings) -> str:
    """What per-file results depend on besides the file and the project's context.

    A rule's documentation (rationale, fix, hint, examples) changes no finding: it is left out.
    """
    rules = sorted(repr(rule._replace(rationale="", fix="", hint=None, examples=())) for rule in settings.rules)
    return digest(
        __version__,
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
    """The built-in rule packs: minlint's version and every pack file's name and bytes."""
    return digest(__version__, *(part for shown, data in files for part in (shown, data)))
