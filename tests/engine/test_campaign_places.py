"""Findings about a campaign itself point at its own declarations, and messages say what they are about."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from minlint.engine.packs import builtin_rules
from minlint.run import Settings, check_sources
from minlint.run.discover import discover

PURPOSES = """\
minlint: 1
kind: purposes
purposes:
  marketing.communications.email: {description: Newsletters., bases: [consent]}
"""
PLAN = (
    "minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n"
    "  email: {purpose: [marketing.communications.email], basis: consent, retention: P1Y}\n"
)


def check(folder: Path, files: dict[str, str]) -> list[tuple[str, int, int, str, str]]:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    sources, _ = discover([str(folder)], folder)
    report = check_sources(sources, Settings(rules=builtin_rules()), today=date(2026, 6, 1))
    return [(f.path, f.line, f.column, f.rule, f.message) for f in report.findings]


def test_a_campaign_without_a_basis_is_reported_at_its_purpose(tmp_path: Path) -> None:
    campaign = (
        "minlint: 1\nkind: campaign\nname: winback\npurpose: marketing.communications.email\nuses: [traits.email]\n"
    )
    found = check(tmp_path, {"purposes.yaml": PURPOSES, "plan.yaml": PLAN, "campaign.yaml": campaign})
    assert [(path, line, column) for path, line, column, rule, _ in found if rule == "ML002"] == [
        ("campaign.yaml", 4, 10)
    ]


def test_a_basis_the_purpose_does_not_allow_names_the_campaign_and_points_at_its_basis(tmp_path: Path) -> None:
    campaign = (
        "minlint: 1\nkind: campaign\nname: winback\npurpose: marketing.communications.email\n"
        "basis: legitimate_interests\nuses: [traits.email]\n"
    )
    found = check(tmp_path, {"purposes.yaml": PURPOSES, "plan.yaml": PLAN, "campaign.yaml": campaign})
    ((path, line, column, _, message),) = [item for item in found if item[3] == "ML009"]
    assert (path, line, column) == ("campaign.yaml", 5, 8)
    assert message.startswith("`winback`: basis `legitimate_interests` is not allowed")


def test_a_suppression_without_a_reason_names_the_code_it_suppresses(tmp_path: Path) -> None:
    plan = PLAN.replace("retention: P1Y}", "retention: P1Y}  # minlint: ignore ML101")
    found = check(tmp_path, {"plan.yaml": plan})
    ((_, line, _, _, message),) = [item for item in found if item[3] == "ML904"]
    assert line == 5
    assert "this suppression of ML101 needs a reason after `--` (`# minlint: ignore ML101 -- " in message
