"""The shipped examples stay true: storefront is clean, and each violation fires where its comment says."""

from __future__ import annotations

import re

from minlint.checker import Settings, check_sources
from minlint.discovery import discover
from minlint.engine.packs import builtin_rules
from tests.conftest import REPO

EXPECT = re.compile(r"#\s*expect:\s*(ML\d{3})")


def check(folder: str) -> list[tuple[str, int, str]]:
    sources, problems = discover([str(REPO / folder)], REPO)
    assert not problems
    report = check_sources(sources, Settings(rules=builtin_rules()))
    return [(finding.path, finding.line, finding.rule) for finding in report.findings]


def test_storefront_example_passes_clean() -> None:
    assert check("examples/storefront") == []


def test_every_violation_comment_matches_a_finding_and_nothing_else_fires() -> None:
    expected = []
    for path in sorted((REPO / "examples" / "violations").glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                expected.append((path.relative_to(REPO).as_posix(), number, match.group(1)))
    assert check("examples/violations") == sorted(expected)


def test_violations_example_covers_every_rule_once() -> None:
    fired = [rule for _, _, rule in check("examples/violations")]
    assert sorted(fired) == sorted(rule.id for rule in builtin_rules() if rule.enabled)
