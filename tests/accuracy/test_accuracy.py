"""Accuracy as a number: precision and recall of every rule on labelled translations of real plans.

The plans in ``project/`` translate the public tracking plans of the test corpus (tests/data/corpus,
credited in this folder's SOURCES.md) into minlint specs, with the declarations a careful privacy
engineer would write and realistic mistakes planted. Each planted mistake is labelled ``# expect:
CODE`` on the line its rule must fire on; each collected field without one is labelled ``# clean``
(see scoring.py). minlint runs on the project as users run it — the installed command — and every
rule must catch every planted mistake (recall 100 %) and raise at most one false alarm in twenty
(precision 95 %). The table in docs/rules.md is this measurement; ``MINLINT_UPDATE_GOLDEN=1``
rewrites it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

import pytest

from minlint.docgen import ACCURACY_END, ACCURACY_START, accuracy_block
from minlint.engine.packs import builtin_rules
from minlint.fileio import write_atomic
from tests.accuracy.scoring import Labels, Score, read_labels, score, table
from tests.conftest import REPO, RunMinlint

PROJECT = REPO / "tests" / "accuracy" / "project"
SHOWN = "tests/accuracy/project"
RULES_PAGE = REPO / "docs" / "rules.md"
MIN_PRECISION = 0.95
# The packs about data: each of their rules must face planted mistakes, or its recall means nothing.
MEASURED_PACKS = ("core", "sensitive", "campaigns", "principles")


class Measurement(NamedTuple):
    labels: Labels
    findings: list[tuple[str, int, str]]  # (path, line, rule)
    fields: list[tuple[str, int, str]]  # (path, line, ref) of every collected field
    scores: list[Score]
    plans: int
    campaigns: int


def _spec_files() -> list[Path]:
    return sorted(path for path in PROJECT.rglob("*.yaml") if path.name != ".minlint.yaml")


@pytest.fixture(scope="module")
def measured(run_minlint_module: RunMinlint) -> Measurement:
    checked = run_minlint_module("check", SHOWN, "--format", "json", "--no-cache", cwd=REPO)
    assert checked.returncode in (0, 1), checked.stderr
    findings = [(item["path"], item["line"], item["rule"]) for item in json.loads(checked.stdout)["findings"]]
    inventory = run_minlint_module("inventory", SHOWN, "--format", "json", "--no-cache", cwd=REPO)
    assert inventory.returncode == 0, inventory.stderr
    fields = [(row["path"], row["line"], row["ref"]) for row in json.loads(inventory.stdout)["fields"]]
    files = _spec_files()
    labels = read_labels((f"{SHOWN}/{path.relative_to(PROJECT).as_posix()}", path) for path in files)
    names = {rule.id: rule.name for rule in builtin_rules()}
    kinds = [_kind(path) for path in files]
    return Measurement(
        labels, findings, fields, score(labels, findings, names), kinds.count("tracking-plan"), kinds.count("campaign")
    )


def _kind(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("kind:"):
            return line.partition(":")[2].split("#")[0].strip()
    return ""


def test_the_project_is_big_enough_to_measure(measured: Measurement) -> None:
    assert measured.plans >= 6 and measured.campaigns >= 2
    assert len(measured.fields) >= 150
    assert sum(item.planted for item in measured.scores) >= 60


def test_every_collected_field_is_labelled_clean_or_with_its_planted_mistake(measured: Measurement) -> None:
    unlabelled = [
        f"{path}:{line} {ref}" for path, line, ref in measured.fields if not measured.labels.labelled((path, line))
    ]
    assert not unlabelled, "fields without `# clean` or `# expect: CODE`:\n" + "\n".join(unlabelled)


def test_every_rule_about_data_faces_planted_mistakes(measured: Measurement) -> None:
    planted = {item.rule for item in measured.scores if item.planted}
    rules = [rule.id for rule in builtin_rules() if rule.pack in MEASURED_PACKS]
    assert [rule for rule in rules if rule not in planted] == []


def test_no_rule_misses_a_planted_mistake(measured: Measurement) -> None:
    reported = set(measured.findings)
    missed = sorted(
        f"{path}:{line} {rule}" for path, line, rule in measured.labels.planted if (path, line, rule) not in reported
    )
    assert not missed, "planted mistakes no finding reports (recall below 100 %):\n" + "\n".join(missed)


def test_no_rule_raises_more_than_one_false_alarm_in_twenty(measured: Measurement) -> None:
    below = [item for item in measured.scores if item.precision is not None and item.precision < MIN_PRECISION]
    alarms = sorted(
        f"{path}:{line} {rule}"
        for path, line, rule in set(measured.findings)
        if (path, line, rule) not in measured.labels.planted and any(item.rule == rule for item in below)
    )
    assert not below, "rules below 95 % precision; their false alarms:\n" + "\n".join(alarms)


def test_the_table_in_docs_rules_md_is_the_one_measured(measured: Measurement) -> None:
    measured_table = table(
        measured.scores,
        measured.plans,
        measured.campaigns,
        len(measured.fields),
        len(measured.labels.clean),
        start=ACCURACY_START,
        end=ACCURACY_END,
    )
    page = RULES_PAGE.read_text(encoding="utf-8")
    shown = accuracy_block(page)
    if os.environ.get("MINLINT_UPDATE_GOLDEN") and shown != measured_table:
        if shown:
            page = page.replace(shown, measured_table)
        else:
            from minlint.docgen import rules_page

            page = rules_page(builtin_rules(), measured_table)
        write_atomic(RULES_PAGE, page, overwrite=True)
        shown = measured_table
    assert shown == measured_table, "docs/rules.md shows another accuracy: run with MINLINT_UPDATE_GOLDEN=1"
