"""The context pass: purposes and categories files are read first, and only they."""

from __future__ import annotations

from pathlib import Path

from minlint.engine.packs import builtin_rules
from minlint.run import Settings, check_sources
from minlint.run.discover import discover

PURPOSES = "minlint: 1\nkind: purposes\npurposes:\n  analytics.reporting: {description: Reports.}\n"


def plan(extra: str = "", purpose: str = "analytics.reporting") -> str:
    return (
        f"minlint: 1\n{extra}kind: tracking-plan\nname: web\ntraits:\n"
        f"  plan_tier: {{purpose: [{purpose}], basis: contract, retention: P1Y}}\n"
    )


def rules_of(folder: Path) -> list[tuple[str, str, int]]:
    sources, problems = discover([str(folder)], folder)
    assert not problems
    report = check_sources(sources, Settings(rules=builtin_rules()))
    assert not report.path_problems
    return [(finding.path, finding.rule, finding.line) for finding in report.findings]


def test_a_plan_mentioning_kind_purposes_in_a_comment_is_checked_as_a_plan(tmp_path: Path) -> None:
    (tmp_path / "purposes.yaml").write_text(PURPOSES, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(plan("# unlike kind: purposes files\n", "made.up"), encoding="utf-8")
    # It does not join the registry (no purpose of its own), and its unknown purpose is reported.
    assert ("plan.yaml", "ML004", 6) in rules_of(tmp_path)


def test_a_purposes_file_whose_kind_is_an_alias_still_forms_the_registry(tmp_path: Path) -> None:
    aliased = PURPOSES.replace("kind: purposes\n", "word: &k purposes\nkind: *k\n")
    (tmp_path / "purposes.yaml").write_text(aliased, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(plan(purpose="made.up"), encoding="utf-8")
    assert ("plan.yaml", "ML004", 5) in rules_of(tmp_path)  # the registry exists: unknown purposes are flagged


def test_a_purposes_file_in_utf_16_still_forms_the_registry(tmp_path: Path) -> None:
    (tmp_path / "purposes.yaml").write_bytes(PURPOSES.encode("utf-16"))
    (tmp_path / "plan.yaml").write_text(plan(purpose="made.up"), encoding="utf-8")
    assert ("plan.yaml", "ML004", 5) in rules_of(tmp_path)


def test_without_a_registry_no_purpose_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(plan(purpose="made.up"), encoding="utf-8")
    assert not [item for item in rules_of(tmp_path) if item[1] == "ML004"]
