"""Findings: what a rule reports, once stamped by the engine, and the summary of a run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

SEVERITIES: Final = ("error", "warning", "info")
SEVERITY_RANK: Final = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem at one place. Ordered by path, line, column, rule (then message)."""

    path: str
    line: int
    column: int
    rule: str
    message: str
    name: str = field(compare=False)
    severity: str = field(compare=False)
    target: str = field(compare=False, default="")
    scope: str = field(compare=False, default="")  # the plan or campaign the target belongs to

    def reaches(self, threshold: str) -> bool:
        """Whether this finding's severity is at or above ``threshold`` (``error``/``warning``/``info``)."""
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[threshold]

    def fingerprint(self, path: str | None = None) -> str:
        """A stable identity that survives unrelated edits: rule, file and what the finding is about.

        Not the line number: a finding moved by an edit above it keeps its fingerprint. ``path``
        overrides the finding's own (e.g. with the path relative to the project root).
        """
        about = self.target or self.message
        text = "\x1f".join((self.rule, path if path is not None else self.path, self.scope, about))
        import hashlib  # only the formats and the baseline need fingerprints

        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def identity(self, path: str | None = None) -> tuple[str, ...]:
        """What makes a finding "the same" across revisions, even if its field moved to another file.

        Findings about a named target (a field of a plan, a campaign's reference) are identified by
        rule, plan and target; the others (a file that does not parse …) by rule, file and message.
        """
        if self.target and self.scope:
            return (self.rule, self.scope, self.target)
        return (self.rule, path if path is not None else self.path, self.target or self.message)


@dataclass(frozen=True, slots=True)
class Summary:
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
