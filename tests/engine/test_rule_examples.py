"""Every rule fires exactly where its own pack examples say, and not on its good examples.

The cases come from the rule packs themselves (one source of truth): each rule's bad examples
state the line and column of every finding; its good examples must produce none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from minlint.engine.packs import builtin_rules
from minlint.engine.rule import Example, RuleDef
from tests.helpers import example_positions

RULES = builtin_rules()
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'bad' if example.bad else 'good'}-{index}")
    for rule in RULES
    for index, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_fires_exactly_where_its_example_says(rule: RuleDef, example: Example, tmp_path: Path) -> None:
    assert example_positions(rule, example, tmp_path, RULES) == list(example.expect)


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_every_rule_has_a_firing_and_a_passing_example(rule: RuleDef) -> None:
    bad = [example for example in rule.examples if example.bad]
    good = [example for example in rule.examples if not example.bad]
    assert bad and all(example.expect for example in bad), "a bad example must say where the rule fires"
    assert good


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_every_rule_cites_the_law_it_rests_on(rule: RuleDef) -> None:
    # An article of the GDPR (or the ePrivacy Directive), or a section of the California Civil Code.
    assert ("§1798." if rule.jurisdiction == "cpra" else "Art.") in rule.rationale
