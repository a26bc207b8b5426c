"""The gates, in their documented order: inline suppressions, per-path ignores, baseline, --new-since."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from minlint.run import Run
from minlint.run.files import FileSet
from minlint.run.gates import git_folders
from minlint.run.request import Request

TODAY = date(2026, 6, 15)
PLAN = (
    "minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n"
    "  plan_tier: {{purpose: [x], basis: contract}}{comment}\n"  # no retention: ML003
)


def check(folder: Path, comment: str = "", config: str = "") -> list[str]:
    (folder / "plan.yaml").write_text(PLAN.format(comment=comment), encoding="utf-8")
    (folder / ".minlint.yaml").write_text(config or "select: [ML003, ML905]\n", encoding="utf-8")
    report = Run(Request(use_cache=False), cwd=folder).check(today=TODAY)
    return [finding.rule for finding in report.findings]


def test_an_inline_suppression_silences_its_finding(tmp_path: Path) -> None:
    assert check(tmp_path) == ["ML003"]
    assert check(tmp_path, "  # minlint: ignore ML003 -- reviewed") == []


def test_a_suppression_is_used_even_when_a_per_path_ignore_would_drop_its_finding(tmp_path: Path) -> None:
    # Inline suppressions come first: the finding is silenced there, so the suppression is in use.
    config = "select: [ML003, ML905]\nper-path-ignores:\n  'plan.yaml': [ML003]\n"
    assert check(tmp_path, "  # minlint: ignore ML003 -- reviewed", config) == []


def test_a_per_path_ignore_drops_what_the_inline_gate_reports_too(tmp_path: Path) -> None:
    config = "select: [ML003, ML905]\nper-path-ignores:\n  'plan.yaml': [ML905]\n"
    assert check(tmp_path, "  # minlint: ignore ML999 -- no such rule", config) == ["ML003"]
    assert check(tmp_path, "  # minlint: ignore ML999 -- no such rule") == ["ML003", "ML905"]


def test_the_baseline_sees_findings_after_the_per_path_ignores(tmp_path: Path) -> None:
    config = "select: [ML003]\nper-path-ignores:\n  'plan.yaml': [ML003]\n"
    assert check(tmp_path, config=config) == []
    report = Run(Request(use_cache=False), cwd=tmp_path).check(today=TODAY)
    assert report.suppressed == ()  # nothing left for the baseline to accept


def test_new_since_reads_from_git_only_the_folders_the_run_reads(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    walked = FileSet(
        [], None, [], walked=(repo / "plans", repo / "campaigns" / "eu"), named=(repo / "misc" / "a.yaml",)
    )
    assert git_folders(repo, walked, {}) == ("campaigns/eu", "misc", "plans")
    # A renamed file came from somewhere else: that folder is read too, to match it.
    assert git_folders(repo, walked, {"old/place/b.yaml": "plans/b.yaml"}) == (
        "campaigns/eu",
        "misc",
        "old/place",
        "plans",
    )
    assert git_folders(repo, FileSet([], None, [], walked=(repo,)), {}) == ()
    assert git_folders(repo, FileSet([], None, [], named=(repo / "top.yaml",)), {}) == ()
    assert git_folders(repo, FileSet([], None, [], walked=(tmp_path / "outside",)), {}) == ()
    assert git_folders(repo, FileSet([], None, [], walked=(repo / "plans",)), {"top.yaml": "plans/top.yaml"}) == ()
