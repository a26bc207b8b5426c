"""The shipped examples stay true: storefront is clean, and each violation fires where its comment says."""

from __future__ import annotations

from minlint.engine.packs import builtin_rules
from tests.conftest import REPO
from tests.helpers import check_folder, expected_from_comments

ENABLED = [rule for rule in builtin_rules() if rule.enabled]


def findings(folder: str) -> list[tuple[str, int, str]]:
    report = check_folder(REPO / folder, ENABLED, cwd=REPO)
    # By line, then rule: two findings on one line are listed as their comment lists them.
    return sorted((finding.path, finding.line, finding.rule) for finding in report.findings)


def test_storefront_example_passes_clean() -> None:
    assert findings("examples/storefront") == []


def test_every_violation_comment_matches_a_finding_and_nothing_else_fires() -> None:
    expected = expected_from_comments(REPO / "examples" / "violations", REPO)
    assert findings("examples/violations") == sorted(expected)


def test_violations_example_covers_every_enabled_rule() -> None:
    fired = {rule for _, _, rule in findings("examples/violations")}
    assert fired == {rule.id for rule in ENABLED}
