"""Findings: what a rule reports, once stamped by the engine, and the summary of a run."""

from __future__ import annotations

import re
from operator import attrgetter
from typing import Final, NamedTuple

SEVERITIES: Final = ("error", "warning", "info")
SEVERITY_RANK: Final = {"error": 3, "warning": 2, "info": 1}
# Line and column numbers inside a message ("at line 5", "lines 3 and 7", "web.yaml:12:3").
_LINE_NUMBERS: Final = re.compile(r"(\b(?:lines?|columns?) |(?<=\d)(?: and |, )|\.ya?ml:|\.json:|(?<=#):)\d+")

# The order of findings (and what makes two the same): a sort key, faster than comparing findings.
FINDING_ORDER: Final = attrgetter("path", "line", "column", "rule", "message")


class Finding:
    """One problem at one place. Ordered by path, line, column, rule (then message), and equal when
    those are; ``scope`` is the plan or campaign the ``target`` belongs to."""

    # A plain class rather than a dataclass: creating dataclasses at import costs every run, the
    # pre-commit hook's above all (docs/performance.md). ``Final`` keeps instances immutable for mypy.
    __slots__ = ("column", "line", "message", "name", "path", "rule", "scope", "severity", "target")

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        rule: str,
        message: str,
        name: str,
        severity: str,
        target: str = "",
        scope: str = "",
    ) -> None:
        self.path: Final = path
        self.line: Final = line
        self.column: Final = column
        self.rule: Final = rule
        self.message: Final = message
        self.name: Final = name
        self.severity: Final = severity
        self.target: Final = target
        self.scope: Final = scope

    def _key(self) -> tuple[str, int, int, str, str]:
        key: tuple[str, int, int, str, str] = FINDING_ORDER(self)
        return key

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Finding) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Finding) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Finding) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Finding) -> bool:
        return self._key() >= other._key()

    def __repr__(self) -> str:
        return (
            f"Finding(path={self.path!r}, line={self.line!r}, column={self.column!r}, rule={self.rule!r}, "
            f"message={self.message!r}, name={self.name!r}, severity={self.severity!r}, "
            f"target={self.target!r}, scope={self.scope!r})"
        )

    def reaches(self, threshold: str) -> bool:
        """Whether this finding's severity is at or above ``threshold`` (``error``/``warning``/``info``)."""
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[threshold]

    def fingerprint(self, path: str | None = None) -> str:
        """A stable identity that survives unrelated edits: rule, file and what the finding is about.

        Not the line number: a finding moved by an edit above it keeps its fingerprint. ``path``
        overrides the finding's own (e.g. with the path relative to the project root).
        """
        text = "\x1f".join((self.rule, path if path is not None else self.path, self.scope, self.about()))
        import hashlib  # only the formats and the baseline need fingerprints

        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def identity(self, path: str | None = None) -> tuple[str, ...]:
        """What makes a finding "the same" across revisions, even if its field moved to another file.

        Findings about a named target (a field of a plan, a campaign's reference) are identified by
        rule, plan and target; the others (a file that does not parse …) by rule, file and
        :meth:`about`.
        """
        if self.target and self.scope:
            return (self.rule, self.scope, self.target)
        return (self.rule, path if path is not None else self.path, self.about())

    def about(self) -> str:
        """What the finding is about, without a line number: its target (a key path), else its
        message with every line and column number taken out (``first defined at line 5``), so that
        an edit above it does not make it a different finding."""
        return self.target or _LINE_NUMBERS.sub(r"\1#", self.message)


class Summary(NamedTuple):
    """Counts for the summary line and machine formats."""

    files: int
    fields: int
    errors: int
    warnings: int
    infos: int
    skipped: int = 0

    @classmethod
    def of(cls, findings: list[Finding], files: int, fields: int, skipped: int = 0) -> Summary:
        """Count ``findings`` by severity."""
        counts = {severity: 0 for severity in SEVERITIES}
        for finding in findings:
            counts[finding.severity] += 1
        return cls(files, fields, counts["error"], counts["warning"], counts["info"], skipped)
