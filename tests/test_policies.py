"""The example organisation pack: each policy rule proven on its own examples and on a project."""

from __future__ import annotations

import json
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from minlint.engine.packs import builtin_packs, combine, load_pack
from minlint.engine.rule import Example, RuleDef
from tests.conftest import REPO, RunMinlint
from tests.helpers import example_positions, expected_from_comments

PACK = REPO / "examples" / "policies" / "acme-policy.yaml"
PROJECT = REPO / "examples" / "policies" / "project"
RULES = combine([*builtin_packs(), load_pack(PACK)])
OWN = load_pack(PACK).rules
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'bad' if example.bad else 'good'}-{index}")
    for rule in OWN
    for index, example in enumerate(rule.examples)
]


def test_the_pack_has_the_four_policies() -> None:
    assert [rule.name for rule in OWN] == [
        "marketing-needs-consent",
        "no-special-data-in-campaigns",
        "analytics-retention-25-months",
        "approved-recipients-only",
    ]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_policy_fires_exactly_where_its_example_says(rule: RuleDef, example: Example, tmp_path: Path) -> None:
    assert example_positions(rule, example, tmp_path, RULES) == list(example.expect)


def test_each_policy_fires_once_on_the_example_project_through_the_cli(run_minlint: RunMinlint) -> None:
    result = run_minlint("check", "--rules", str(PACK), "--format", "json", "examples/policies/project", cwd=REPO)
    assert result.returncode == 1, result.stderr
    got = sorted((f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"])
    assert got == sorted(expected_from_comments(PROJECT, REPO))


def test_the_example_project_is_clean_without_the_policy_pack(run_minlint: RunMinlint) -> None:
    assert run_minlint("check", "examples/policies/project", cwd=REPO).returncode == 0


def check_with_edited_pack(run_minlint: RunMinlint, folder: Path, old: str, new: str) -> CompletedProcess[str]:
    """Check the example project with a copy of the pack (in ``folder``) whose ``old`` text is ``new``."""
    pack = folder / "edited.yaml"
    pack.write_text(PACK.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return run_minlint("check", "--rules", str(pack), str(PROJECT), cwd=folder)


def test_a_pack_reusing_a_builtin_code_is_exit_two(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = check_with_edited_pack(run_minlint, tmp_path, "id: ACME003", "id: ML003")
    assert result.returncode == 2
    assert "rule `ML003` is already defined by rules/core.yaml (a built-in rule; choose another code)" in result.stderr
    assert result.stderr.count("\n") == 1


def test_extending_an_unknown_rule_is_exit_two(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = check_with_edited_pack(run_minlint, tmp_path, "  ML101:", "  ML999:")
    assert result.returncode == 2
    assert "`extends` names no known rule `ML999`" in result.stderr


def test_a_missing_pack_is_exit_two(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("check", "--rules", "nope.yaml", str(PROJECT), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("minlint: error: nope.yaml:1:1: cannot read rule pack")


def test_a_condition_in_another_json_schema_draft_is_refused_with_its_place(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    pack = (REPO / "examples" / "policies" / "acme-policy.yaml").read_text(encoding="utf-8")
    first_when = pack.index("    when:")
    pack = pack[:first_when] + pack[first_when:].replace(
        "    when:\n", '    when:\n      $schema: "http://json-schema.org/draft-07/schema#"\n', 1
    )
    (tmp_path / "pack.yaml").write_text(pack, encoding="utf-8")
    result = run_minlint("check", "--rules", str(tmp_path / "pack.yaml"), "examples/policies/project", cwd=REPO)
    assert result.returncode == 2
    assert "draft 2020-12" in result.stderr and "pack.yaml:" in result.stderr and result.stderr.count("\n") == 1
