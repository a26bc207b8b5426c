"""The measure itself: labels are read as written, and a missed or a wrong finding moves the numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accuracy.scoring import Labels, read_labels, score, table

PLAN = """\
traits:
  email: {type: string}  # expect: ML101 -- an email with no category
  password: {type: string}  # expect: ML106, ML101 -- a secret, and undeclared
  plan_tier: {type: string}  # clean
  note: {type: string}  #   clean -- free text, but declared
  referrer: {type: string}  # expect:ML107
  comment: {type: string}  # a comment that is no label
"""
NAMES = {
    "ML101": "undeclared-personal-data",
    "ML106": "credentials-collected",
    "ML107": "raw-capture",
    "ML104": "free-text",
}


@pytest.fixture
def labels(tmp_path: Path) -> Labels:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return read_labels([("p.yaml", path)])


def test_labels_are_read_with_several_codes_explanations_and_loose_spacing(labels: Labels) -> None:
    assert sorted(labels.planted) == [
        ("p.yaml", 2, "ML101"),
        ("p.yaml", 3, "ML101"),
        ("p.yaml", 3, "ML106"),
        ("p.yaml", 6, "ML107"),
    ]
    assert sorted(labels.clean) == [("p.yaml", 4), ("p.yaml", 5)]
    assert labels.labelled(("p.yaml", 3)) and not labels.labelled(("p.yaml", 7))


def test_every_planted_mistake_caught_and_nothing_else_is_perfect(labels: Labels) -> None:
    findings = [("p.yaml", 2, "ML101"), ("p.yaml", 3, "ML101"), ("p.yaml", 3, "ML106"), ("p.yaml", 6, "ML107")]
    scores = {item.rule: item for item in score(labels, findings + findings, NAMES)}  # repeats count once
    assert [(item.planted, item.caught, item.false_alarms) for item in scores.values()] == [
        (2, 2, 0),
        (1, 1, 0),
        (1, 1, 0),
    ]
    assert all(item.precision == 1 and item.recall == 1 for item in scores.values())
    assert "ML104" not in scores  # neither planted nor fired: not scored


def test_a_missed_plant_lowers_recall_and_a_finding_elsewhere_lowers_precision(labels: Labels) -> None:
    findings = [("p.yaml", 2, "ML101"), ("p.yaml", 4, "ML101"), ("p.yaml", 5, "ML104"), ("p.yaml", 6, "ML106")]
    scores = {item.rule: item for item in score(labels, findings, NAMES)}
    assert (scores["ML101"].caught, scores["ML101"].missed, scores["ML101"].false_alarms) == (1, 1, 1)
    assert (scores["ML101"].precision, scores["ML101"].recall) == (0.5, 0.5)
    assert (scores["ML106"].recall, scores["ML106"].precision) == (0.0, 0.0)  # fired on the wrong line only
    assert scores["ML104"].recall is None and scores["ML104"].precision == 0
    assert scores["ML107"].precision is None and scores["ML107"].recall == 0


def test_the_table_shows_each_rule_and_the_total(labels: Labels) -> None:
    findings = [("p.yaml", 2, "ML101"), ("p.yaml", 3, "ML101"), ("p.yaml", 3, "ML106"), ("p.yaml", 4, "ML107")]
    text = table(score(labels, findings, NAMES), 1, 0, 6, 2, start="<!-- a -->", end="<!-- /a -->")
    assert text.startswith("<!-- a -->\n") and text.endswith("\n<!-- /a -->")
    assert "| [ML107](#ml107-raw-capture) `raw-capture` | 1 | 0 | 1 | 0 % | 0 % |" in text
    assert "| **All rules** | 4 | 3 | 1 | 75.0 % | 75.0 % |" in text
