"""A finding keeps its identity after unrelated edits: the baseline and --new-since depend on it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from minlint.engine.packs import builtin_rules
from minlint.engine.rule import Example, RuleDef
from minlint.findings import Finding
from tests.helpers import check_folder

RULES = builtin_rules()
BAD = [
    pytest.param(rule, example, id=f"{rule.id}-{index}")
    for rule in RULES
    for index, example in enumerate(item for item in rule.examples if item.bad)
]


def findings_of(folder: Path, example: Example, above: str) -> list[Finding]:
    for name, text in example.files.items():
        (folder / name).write_text(above + text if name == "spec.yaml" else text, encoding="utf-8")
    return list(check_folder(folder, RULES).findings)


@pytest.mark.parametrize(("rule", "example"), BAD)
def test_every_rules_findings_keep_their_identity_when_a_line_is_inserted_above(
    rule: RuleDef, example: Example, tmp_path: Path
) -> None:
    before = findings_of(tmp_path, example, "")
    after = findings_of(tmp_path, example, "# an unrelated comment, added above\n")
    assert [f.line for f in before if f.rule == rule.id] != [f.line for f in after if f.rule == rule.id]  # moved
    assert Counter(f.fingerprint() for f in after) == Counter(f.fingerprint() for f in before)
    assert Counter(f.identity() for f in after) == Counter(f.identity() for f in before)


def test_a_duplicate_key_is_the_same_finding_wherever_its_first_definition_moves() -> None:
    first = Finding("p.yaml", 9, 3, "ML903", "duplicate key `email` (first defined at line 5); keep one", "n", "error")
    moved = Finding("p.yaml", 12, 3, "ML903", "duplicate key `email` (first defined at line 8); keep one", "n", "error")
    other = Finding("p.yaml", 9, 3, "ML903", "duplicate key `phone` (first defined at line 5); keep one", "n", "error")
    assert first.fingerprint() == moved.fingerprint() != other.fingerprint()
    assert first.identity() == moved.identity() != other.identity()
