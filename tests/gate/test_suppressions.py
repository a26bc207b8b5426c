"""Inline suppressions end to end: forms, expiry, the ML904-ML907 problems, --show-suppressed, the register.

Fine-grained cases run in-process through :class:`minlint.run.Run` with a fixed ``today``; the
command-line tests use dates far in the past or future (or computed from today) so they never go stale.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from minlint.report import Report
from minlint.run import Run
from minlint.run.request import Request
from tests.conftest import RunMinlint
from tests.gate.support import check_json, found, write

TODAY = date(2026, 6, 15)
HEAD = "minlint: 1\nkind: tracking-plan\nname: web\ndefaults: {basis: legitimate_interests}\n"


def run(folder: Path, today: date = TODAY, **request: Any) -> Report:
    """Check the project in ``folder`` in-process, as of ``today``."""
    return Run(Request(**request), cwd=folder).check(today=today)


def where(report: Report) -> list[tuple[int, int, str]]:
    return [(finding.line, finding.column, finding.rule) for finding in report.findings]


def silenced(report: Report) -> list[tuple[int, str, int]]:
    """(finding line, rule, suppression line) of what inline suppressions silenced."""
    return [(item.finding.line, item.finding.rule, item.line) for item in report.suppressed if item.by == "inline"]


def project(tmp_path: Path, body: str, config: str | None = None) -> Path:
    files = {"web.yaml": HEAD + body}
    if config is not None:
        files[".minlint.yaml"] = config
    return write(tmp_path, files)


# -- forms ---------------------------------------------------------------------------------------------------


def test_trailing_and_own_line_suppressions_silence_the_finding_on_that_key(tmp_path: Path) -> None:
    body = (
        "traits:\n"
        "  trailing: {retention: P1Y}  # minlint: ignore ML001 -- purpose is set by the CRM (DPA-3)\n"  # 6
        "  # minlint: ignore ML001 -- own-line form\n"  # 7
        "  own_line: {retention: P1Y}\n"  # 8
        "  plain: {retention: P1Y}\n"  # 9: not suppressed
    )
    report = run(project(tmp_path, body))
    assert where(report) == [(9, 3, "ML001")]
    assert silenced(report) == [(6, "ML001", 6), (8, "ML001", 7)]
    assert [item.reason for item in report.suppressed] == ["purpose is set by the CRM (DPA-3)", "own-line form"]


def test_stacked_comment_lines_above_a_key_all_apply_to_it(tmp_path: Path) -> None:
    body = (
        "traits:\n"
        "  # minlint: ignore ML001 -- the purpose lives in the CRM\n"  # 6
        "  # (a plain comment in between is fine)\n"  # 7
        "  # minlint: ignore ML003 -- the retention too\n"  # 8
        "  stacked: {}\n"  # 9
    )
    report = run(project(tmp_path, body))
    assert where(report) == []
    assert sorted(silenced(report)) == [(9, "ML001", 6), (9, "ML003", 8)]


def test_one_suppression_may_name_several_codes_and_rule_names(tmp_path: Path) -> None:
    body = (
        "traits:\n"
        "  codes: {}  # minlint: ignore ML001, ML003 -- both declared in the CRM\n"  # 6
        "  names: {}  # minlint: ignore missing-purpose,missing-retention -- both declared in the CRM\n"  # 7
        "  lower: {}  # minlint: ignore ml001 Missing-Retention -- case does not matter\n"  # 8
    )
    report = run(project(tmp_path, body))
    assert where(report) == []
    assert len(report.suppressed) == 6


def test_a_suppression_on_an_object_covers_what_its_nested_fields_share_and_nothing_else(tmp_path: Path) -> None:
    body = (
        "traits:\n"
        "  parcel:  # minlint: ignore ML001 -- the parcel is covered by the contract\n"  # 6
        "    type: object\n"
        "    retention: P1Y\n"
        "    properties:\n"
        "      weight: {type: number}\n"  # 10: lacks the purpose its object lacks: one finding, at 6
        "      label: {type: string, enum: [a], purpose: analytics.reporting, retention: null}\n"  # 11
        "events:\n"
        "  Form Sent:  # minlint: ignore ML001 -- on the event, so it covers no property\n"  # 13
        "    properties:\n"
        "      size: {type: string, retention: P1Y}\n"  # 15
    )
    report = run(project(tmp_path, body))
    assert silenced(report) == [(6, "ML001", 6)]
    assert where(report) == [(13, 15, "ML905"), (15, 7, "ML001")]


# -- what goes wrong with suppressions ------------------------------------------------------------------------


@pytest.mark.parametrize(("until", "in_effect"), [("2026-06-16", True), ("2026-06-15", True), ("2026-06-14", False)])
def test_until_holds_through_its_last_day_then_the_finding_comes_back_with_ml906(
    tmp_path: Path, until: str, in_effect: bool
) -> None:
    body = f"traits:\n  tier: {{retention: P1Y}}  # minlint: ignore ML001 until {until} -- vendor renegotiation\n"
    report = run(project(tmp_path, body))
    if in_effect:
        assert (where(report), silenced(report)) == ([], [(6, "ML001", 6)])
    else:
        assert where(report) == [(6, 3, "ML001"), (6, 27, "ML906")]
        assert silenced(report) == []
        assert f"expired on {until}" in report.findings[1].message


def test_a_suppression_without_a_reason_is_ml904_at_the_comment_and_does_not_apply(tmp_path: Path) -> None:
    body = (
        "traits:\n"
        "  tier: {retention: P1Y}  # minlint: ignore ML001\n"  # 6
        "  # minlint: ignore ML001 --\n"  # 7: an empty reason is no reason
        "  level: {retention: P1Y}\n"  # 8
    )
    report = run(project(tmp_path, body))
    assert where(report) == [(6, 3, "ML001"), (6, 27, "ML904"), (7, 3, "ML904"), (8, 3, "ML001")]
    assert report.suppressed == ()


def test_a_suppression_that_silences_nothing_is_ml905_at_the_comment(tmp_path: Path) -> None:
    body = (
        "traits:\n"
        "  # minlint: ignore ML003 -- copied from another field\n"  # 6
        "  tier: {retention: P1Y}\n"  # 7: ML001, not ML003
        "  level: {purpose: analytics.reporting, retention: P1Y}  # minlint: ignore NOPE001 -- typo\n"  # 8
    )
    report = run(project(tmp_path, body))
    assert where(report) == [(6, 3, "ML905"), (7, 3, "ML001"), (8, 58, "ML905")]
    assert report.findings[0].message == "this suppression of ML003 silences nothing; remove it"
    assert "no rule is called NOPE001" in report.findings[2].message


@pytest.mark.parametrize(
    "comment",
    [
        "# minlint: ignore ML001 until spring -- vendor",
        "# minlint: ignore ML001 until 2026-02-30 -- vendor",
        "# minlint: ignore -- no rule named",
        "# minlint: ignore ML001! -- punctuation",
    ],
)
def test_an_unreadable_suppression_is_ml907_and_does_not_apply(tmp_path: Path, comment: str) -> None:
    report = run(project(tmp_path, f"traits:\n  tier: {{retention: P1Y}}  {comment}\n"))
    assert where(report) == [(6, 3, "ML001"), (6, 27, "ML907")]


def test_a_suppression_of_a_rule_turned_off_by_configuration_is_not_unused(tmp_path: Path) -> None:
    body = "traits:\n  tier: {purpose: analytics.reporting}  # minlint: ignore ML003 -- the CRM sets it\n"
    folder = project(tmp_path, body, config="ignore: [missing-retention]\n")
    assert where(run(folder)) == []
    (folder / ".minlint.yaml").unlink()
    assert where(run(folder, ignore=("ML003",))) == []
    assert where(run(folder, select=("ML001",))) == []
    # With the rule running and nothing to silence it would be reported.
    body = "traits:\n  tier: {purpose: analytics.reporting, retention: P1Y}  # minlint: ignore ML003 -- stale\n"
    project(tmp_path, body)
    assert [rule for _, _, rule in where(run(folder))] == ["ML905"]


def test_suppression_problems_cannot_themselves_be_suppressed(tmp_path: Path) -> None:
    body = "traits:\n  tier: {retention: P1Y}  # minlint: ignore ML001, ML904\n"
    assert [rule for _, _, rule in where(run(project(tmp_path, body)))] == ["ML001", "ML904"]


# -- through the command -------------------------------------------------------------------------------------


def test_expired_suppression_through_the_command_brings_the_finding_back(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    body = (
        "traits:\n"
        f"  old: {{retention: P1Y}}  # minlint: ignore ML001 until {yesterday} -- vendor renegotiation\n"
        f"  new: {{retention: P1Y}}  # minlint: ignore ML001 until {tomorrow} -- vendor renegotiation\n"
    )
    code, document = check_json(run_minlint, cwd=project(tmp_path, body))
    assert code == 1
    assert found(document) == [("web.yaml", 6, "ML001"), ("web.yaml", 6, "ML906")]
    assert [item["severity"] for item in document["findings"]] == ["error", "warning"]


SHOWN = (
    "traits:\n"
    "  tier: {retention: P1Y}  # minlint: ignore ML001 until 2999-12-31 -- purpose set by the CRM (DPA-3)\n"  # 6
    "  # minlint: ignore missing-purpose -- see the data map\n"  # 7
    "  level: {retention: P1Y}\n"  # 8
)


def test_show_suppressed_lists_what_was_silenced_and_why_in_text(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = project(tmp_path, SHOWN)
    plain = run_minlint("check", cwd=folder)
    assert plain.returncode == 0
    assert "Suppressed" not in plain.stdout
    assert "2 findings silenced: 2 by inline suppressions (`--show-suppressed` lists them" in plain.stdout
    shown = run_minlint("check", "--show-suppressed", cwd=folder)
    assert shown.returncode == 0
    assert "Suppressed (2)\n" in shown.stdout
    assert "web.yaml:6:3  ML001 missing-purpose  field `traits.tier` declares no purpose" in shown.stdout
    assert "    suppressed (inline) line 6, until 2999-12-31: purpose set by the CRM (DPA-3)" in shown.stdout
    assert "    suppressed (inline) line 7: see the data map" in shown.stdout


def test_show_suppressed_lists_what_was_silenced_and_why_in_json(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = project(tmp_path, SHOWN)
    _, plain = check_json(run_minlint, cwd=folder)
    assert "suppressed" not in plain
    _, document = check_json(run_minlint, "--show-suppressed", cwd=folder)
    assert document["findings"] == []
    assert [
        (item["path"], item["line"], item["rule"], item["by"], item["reason"], item["suppression_line"], item["until"])
        for item in document["suppressed"]
    ] == [
        ("web.yaml", 6, "ML001", "inline", "purpose set by the CRM (DPA-3)", 6, "2999-12-31"),
        ("web.yaml", 8, "ML001", "inline", "see the data map", 7, None),
    ]


# -- the register: `minlint suppressions` --------------------------------------------------------------------

REGISTER = (
    "traits:\n"
    "  active: {retention: P1Y}  # minlint: ignore ML001 until 2999-12-31 -- set by the CRM | see DPA-3\n"  # 6
    "  # minlint: ignore ML001, ML003 -- both, on the line below\n"  # 7
    "  both: {}\n"  # 8
    "  expired: {retention: P1Y}  # minlint: ignore ML001 until 2000-01-31 -- vendor renegotiation\n"  # 9
    "  noreason: {retention: P1Y}  # minlint: ignore ML001\n"  # 10
    "  unreadable: {retention: P1Y}  # minlint: ignore ML001 until spring -- vendor\n"  # 11
    "  unused: {purpose: analytics.reporting, retention: P1Y}  # minlint: ignore ML003 -- stale\n"  # 12
)
EXPECTED_ROWS = [
    {
        "file": "web.yaml",
        "line": 6,
        "rules": "ML001",
        "reason": "set by the CRM | see DPA-3",
        "until": "2999-12-31",
        "status": "active",
        "silenced": 1,
    },
    {
        "file": "web.yaml",
        "line": 7,
        "rules": "ML001, ML003",
        "reason": "both, on the line below",
        "until": "",
        "status": "active",
        "silenced": 2,
    },
    {
        "file": "web.yaml",
        "line": 9,
        "rules": "ML001",
        "reason": "vendor renegotiation",
        "until": "2000-01-31",
        "status": "expired",
        "silenced": 0,
    },
    {
        "file": "web.yaml",
        "line": 10,
        "rules": "ML001",
        "reason": "",
        "until": "",
        "status": "no reason (not applied)",
        "silenced": 0,
    },
    {
        "file": "web.yaml",
        "line": 11,
        "rules": "ML001",
        "reason": "vendor",
        "until": "",
        "status": "unreadable (not applied)",
        "silenced": 0,
    },
    {
        "file": "web.yaml",
        "line": 12,
        "rules": "ML003",
        "reason": "stale",
        "until": "",
        "status": "unused",
        "silenced": 0,
    },
]


@pytest.fixture
def register_project(tmp_path: Path) -> Path:
    return project(tmp_path, REGISTER)


def test_register_as_json_gives_status_and_silenced_counts(register_project: Path, run_minlint: RunMinlint) -> None:
    result = run_minlint("suppressions", "--format", "json", cwd=register_project)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"version": 1, "suppressions": EXPECTED_ROWS}


def test_register_as_csv(register_project: Path, run_minlint: RunMinlint) -> None:
    result = run_minlint("suppressions", "--format", "csv", cwd=register_project)
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["file", "line", "rules", "reason", "until", "status", "silenced"]
    assert rows == [{key: str(value) for key, value in row.items()} for row in EXPECTED_ROWS]


def test_register_as_markdown_escapes_pipes(register_project: Path, run_minlint: RunMinlint) -> None:
    result = run_minlint("suppressions", "--format", "markdown", cwd=register_project)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "| file | line | rules | reason | until | status | silenced |"
    assert lines[1] == "| --- | --- | --- | --- | --- | --- | --- |"
    assert lines[2] == "| web.yaml | 6 | ML001 | set by the CRM \\| see DPA-3 | 2999-12-31 | active | 1 |"
    assert len(lines) == 2 + len(EXPECTED_ROWS)
    assert "| web.yaml | 10 | ML001 |  |  | no reason (not applied) | 0 |" in lines


def test_register_as_text_has_a_row_per_suppression_and_a_total(
    register_project: Path, run_minlint: RunMinlint
) -> None:
    result = run_minlint("suppressions", cwd=register_project)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["file", "line", "rules", "reason", "until", "status", "silenced"]
    statuses = ["active", "active", "expired", "no reason (not applied)", "unreadable (not applied)", "unused"]
    for line, row, status in zip(lines[1:7], EXPECTED_ROWS, statuses, strict=True):
        assert line.startswith(f"web.yaml  {row['line']:<4}"), line
        assert status in line
    assert lines[-1] == "6 suppressions, 2 in effect."


def test_register_with_no_suppressions_says_so(tmp_path: Path, run_minlint: RunMinlint) -> None:
    result = run_minlint("suppressions", cwd=project(tmp_path, "traits:\n  tier: {retention: P1Y}\n"))
    assert (result.returncode, result.stdout) == (0, "No suppressions.\n")


def test_register_of_a_named_file_lists_only_that_file(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = project(tmp_path, REGISTER)
    write(folder, {"other.yaml": HEAD.replace("web", "other") + "traits:\n  a: {}  # minlint: ignore ML001 -- x\n"})
    result = run_minlint("suppressions", "--format", "json", "other.yaml", cwd=folder)
    rows = json.loads(result.stdout)["suppressions"]
    assert [(row["file"], row["line"], row["status"]) for row in rows] == [("other.yaml", 6, "active")]


def test_register_status_ignores_the_baseline(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = project(tmp_path, "traits:\n  tier: {retention: P1Y}  # minlint: ignore ML001\n")
    assert run_minlint("baseline", cwd=folder).returncode == 0
    result = run_minlint("suppressions", "--format", "json", cwd=folder)
    assert [row["status"] for row in json.loads(result.stdout)["suppressions"]] == ["no reason (not applied)"]


def test_register_leaves_out_yaml_files_that_are_not_specs(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = project(tmp_path, "traits:\n  tier: {purpose: analytics.reporting, retention: P1Y}\n")
    write(folder, {"docker-compose.yml": "services:\n  web:\n    image: shop  # minlint: ignore ML001 -- not a spec\n"})
    result = run_minlint("suppressions", "--format", "json", cwd=folder)
    assert json.loads(result.stdout)["suppressions"] == []
