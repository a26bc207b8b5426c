"""The outcome of a check run, as formatters and gates see it: nothing here knows YAML."""

from __future__ import annotations

from typing import NamedTuple

from minlint.engine.rule import RuleDef
from minlint.findings import FINDING_ORDER, Finding, Summary


class PathProblem(NamedTuple):
    """A path that could not be read; ``message`` is one line for stderr."""

    path: str
    message: str


class Suppressed(NamedTuple):
    """A finding that was silenced, and why: an inline ``# minlint: ignore`` or the baseline."""

    finding: Finding
    by: str  # "inline" or "baseline"
    reason: str
    line: int = 0  # the suppression comment's line (inline)
    expires: str | None = None  # ISO date after which an inline suppression stops taking effect


class Report(NamedTuple):
    """A finished run.

    ``findings`` are sorted and already filtered by configuration, suppressions, baseline and
    ``--new-since``; ``suppressed`` holds what those silenced. ``root`` and ``cwd`` are absolute
    POSIX paths (finding paths are relative to ``cwd`` when inside it), so formats that need
    paths relative to the repository (SARIF, GitLab) can compute them. ``baseline_fixed`` counts
    baselined findings that no longer occur.
    """

    findings: tuple[Finding, ...]
    summary: Summary
    rules: tuple[RuleDef, ...]
    path_problems: tuple[PathProblem, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    root: str = ""
    cwd: str = ""
    baseline_fixed: int = 0

    def root_relative(self, path: str) -> str:
        """``path`` (as findings show it) relative to the project root, when inside it."""
        if not self.root or not self.cwd:
            return path
        absolute = path if path.startswith("/") else f"{self.cwd.rstrip('/')}/{path}"
        prefix = self.root.rstrip("/") + "/"
        return absolute[len(prefix) :] if absolute.startswith(prefix) else absolute


def merge_reports(reports: list[Report]) -> Report:
    """One report for several projects checked in one run (a monorepo's changed files)."""
    if len(reports) == 1:
        return reports[0]
    rules: dict[str, RuleDef] = {}
    for report in reports:
        for rule in report.rules:
            rules.setdefault(rule.id, rule)
    findings = tuple(sorted((finding for report in reports for finding in report.findings), key=FINDING_ORDER))
    summaries = [report.summary for report in reports]
    summary = Summary.of(
        list(findings),
        sum(item.files for item in summaries),
        sum(item.fields for item in summaries),
        sum(item.skipped for item in summaries),
    )
    first = reports[0]
    return Report(
        findings,
        summary,
        tuple(sorted(rules.values(), key=lambda rule: rule.id)),
        tuple(problem for report in reports for problem in report.path_problems),
        tuple(item for report in reports for item in report.suppressed),
        first.root,
        first.cwd,
        sum(report.baseline_fixed for report in reports),
    )
