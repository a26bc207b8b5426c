"""The outcome of a check run, as gates and formatters see it (:class:`Report`), and the project
model it was computed from (:class:`Analysis`, for the inventory). Nothing here knows YAML."""

from __future__ import annotations

from typing import Final, NamedTuple

from minlint.engine.rule import RuleDef
from minlint.findings import FINDING_ORDER, Finding, Summary
from minlint.model.project import ProjectIndex
from minlint.model.purposes import PurposeRegistry
from minlint.model.spec import Spec
from minlint.paths import joined_relative
from minlint.suppressions import Suppression
from minlint.taxonomy import Taxonomy


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
    # Every inline suppression in the reported files, in effect or not (``minlint suppressions`` lists them).
    suppressions: tuple[Suppression, ...] = ()

    def root_relative(self, path: str) -> str:
        """``path`` (as findings show it) relative to the project root, when inside it."""
        return joined_relative(path, self.root, self.cwd)


class Analysis:
    """A run's report together with the project model it was computed from.

    The model (specs with resolved targets, the purposes registry, the taxonomy, the index of plan
    fields and campaigns) is what ``minlint inventory`` turns into a record of processing; it is
    empty when the run came from the cache or did not keep it.
    """

    # Not a NamedTuple (a field named `index` would hide tuple.index), nor a dataclass (see Finding).
    __slots__ = ("index", "registry", "report", "specs", "taxonomy")

    def __init__(
        self,
        report: Report,
        specs: tuple[Spec, ...] = (),
        registry: PurposeRegistry | None = None,
        taxonomy: Taxonomy | None = None,
        index: ProjectIndex | None = None,
    ) -> None:
        self.report: Final = report
        self.specs: Final = specs
        self.registry: Final = registry if registry is not None else PurposeRegistry()
        self.taxonomy: Final = taxonomy if taxonomy is not None else Taxonomy.builtin()
        self.index: Final = index if index is not None else ProjectIndex()

    def with_report(self, report: Report) -> Analysis:
        """The same analysis with another report."""
        return Analysis(report, self.specs, self.registry, self.taxonomy, self.index)


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
        tuple(item for report in reports for item in report.suppressions),
    )
