"""Findings: what a rule reports, once stamped by the engine, and the summary of a run."""

from __future__ import annotations

import hashlib
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

    def reaches(self, threshold: str) -> bool:
        """Whether this finding's severity is at or above ``threshold`` (``error``/``warning``/``info``)."""
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[threshold]

    @property
    def fingerprint(self) -> str:
        """A location-independent identity: rule, file and target, not the line number."""
        text = "\x1f".join((self.rule, self.path, self.target or f"{self.line}:{self.column}"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


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
