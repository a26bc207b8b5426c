"""``minlint check --statistics``: counts per rule, most first, instead of the findings (as ruff's)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import RunMinlint, write_files

PLAN = """\
minlint: 1
kind: tracking-plan
name: web
traits:
  a: {type: string, enum: [x]}
  b: {type: string, enum: [x], purpose: analytics.reporting}
  email: {type: string, purpose: analytics.reporting, basis: consent, retention: P1Y}
"""


def test_statistics_count_each_rule_most_first_with_the_summary(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write_files(tmp_path, {"plan.yaml": PLAN})
    result = run_minlint("check", "--statistics", "--no-cache", "--no-color", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "2  ML002  missing-basis             error",
        "2  ML003  missing-retention         error",
        "1  ML001  missing-purpose           error",
        "1  ML101  undeclared-personal-data  warning",
        "",
        "Checked 1 spec file, 3 fields: 5 errors, 1 warning, 0 info.",
    ]
    quiet = run_minlint("check", "--statistics", "--quiet", "--no-cache", ".", cwd=tmp_path)
    assert quiet.stdout.splitlines()[-1] == "1  ML101  undeclared-personal-data  warning"


def test_statistics_are_for_text_only(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write_files(tmp_path, {"plan.yaml": PLAN})
    result = run_minlint("check", "--statistics", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "--statistics counts findings for a reader: use it with --format text" in result.stderr
    assert result.stdout == ""
