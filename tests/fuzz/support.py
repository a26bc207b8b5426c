"""Running a generated project through minlint in-process, and the invariants every report must hold."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import settings

from minlint.engine.packs import builtin_rules
from minlint.engine.rule import RuleDef
from minlint.findings import SEVERITIES
from minlint.loader.decode import decode
from minlint.report import Report
from minlint.run import Settings, check_sources
from minlint.run.cache.codecs import finding_data
from minlint.run.discover import SourceFile
from tests.fuzz.strategies import GeneratedFile

# The hypothesis profiles registered in conftest.py.
FAST_PROFILE = "fuzz"
LONG_PROFILE = "long"

# A fixed day, so that `until` dates in suppressions expire the same way on every run.
TODAY = date(2026, 6, 1)

RULES = builtin_rules()  # every built-in rule, those off by default (ML204) included
# What `minlint check` runs unconfigured: the rules on by default, of the default jurisdiction (gdpr).
DEFAULT_RULES = tuple(rule for rule in RULES if rule.enabled and rule.jurisdiction == "gdpr")
RULE_NAMES = {rule.id: rule.name for rule in RULES}
KNOWN_CODES = frozenset(RULE_NAMES)

# Everything YAML counts as a line break.
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def fuzz_settings(**overrides: Any) -> settings:
    """The settings for a fuzz test: the ``long`` profile when it is loaded, else the fast ``fuzz`` one.

    Applied per test, so that the profile registered in ``conftest.py`` never leaks into other folders.
    """
    active = settings.get_current_profile_name()
    parent = settings.get_profile(LONG_PROFILE if active == LONG_PROFILE else FAST_PROFILE)
    return settings(parent, **overrides)


def long_run() -> bool:
    """Whether ``--hypothesis-profile=long`` was given."""
    return settings.get_current_profile_name() == LONG_PROFILE


def sources_of(project: Sequence[GeneratedFile]) -> list[SourceFile]:
    """In-memory sources (nothing is read from disk)."""
    return [SourceFile(item.name, Path(item.name), item.data) for item in project]


def check(
    project: Sequence[GeneratedFile],
    *,
    pure: bool = False,
    rules: tuple[RuleDef, ...] = RULES,
    report_only: frozenset[str] | None = None,
) -> Report:
    """Check ``project`` as one project, with every built-in rule unless ``rules`` says otherwise
    (reporting on the files ``report_only`` names, when given)."""
    settings = Settings(rules=rules, known_rules=RULES, pure_yaml=pure)
    return check_sources(sources_of(project), settings, today=TODAY, report_only=report_only)


def text_of(data: bytes) -> str:
    """The file's text as minlint reads it, or (when it cannot be decoded) its bytes as Latin-1."""
    decoded = decode(data)
    return decoded if isinstance(decoded, str) else data.decode("latin-1")


def line_count(data: bytes) -> int:
    """How many lines the file has (a last line without a line break counts)."""
    text = text_of(data)
    if not text:
        return 0
    pieces = LINE_BREAK.split(text)
    return len(pieces) - (1 if pieces[-1] == "" else 0)


def picture(report: Report) -> tuple[object, ...]:
    """Everything a report says, comparable (``Finding`` equality ignores name, severity, target and scope)."""

    return (
        tuple(finding_data(finding) for finding in report.findings),
        report.summary,
        tuple(
            (finding_data(item.finding), item.by, item.reason, item.line, item.expires) for item in report.suppressed
        ),
        report.path_problems,
    )


def assert_well_formed(report: Report, project: Sequence[GeneratedFile]) -> None:
    """The invariants of any report on any project (all files readable, none over the size limit)."""
    by_name = {item.name: item for item in project}
    assert report.path_problems == ()
    for finding in report.findings:
        assert finding.path in by_name, finding
        data = by_name[finding.path].data
        limit = line_count(data) + 1
        assert 1 <= finding.line <= limit, (finding, f"the file has {limit - 1} lines")
        assert finding.line >= 1, finding
        assert finding.column >= 1, finding
        assert finding.rule in KNOWN_CODES, finding
        assert finding.name == RULE_NAMES[finding.rule], finding
        assert finding.severity in SEVERITIES, finding
        assert isinstance(finding.message, str), finding
        assert finding.message.strip(), finding
    assert list(report.findings) == sorted(report.findings)
    summary = report.summary
    counts = {severity: sum(1 for item in report.findings if item.severity == severity) for severity in SEVERITIES}
    assert (summary.errors, summary.warnings, summary.infos) == (counts["error"], counts["warning"], counts["info"])
    # Every file is either a spec (possibly a broken one) or skipped as not a spec.
    assert summary.files + summary.skipped == len(project), summary
    for item in project:
        if not item.spec:
            assert not [finding for finding in report.findings if finding.path == item.name], item
    for silenced in report.suppressed:
        assert silenced.finding.path in by_name
        assert silenced.finding.rule in KNOWN_CODES
