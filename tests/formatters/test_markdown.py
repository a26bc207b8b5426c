"""The ``markdown`` format: a pull-request summary that renders as intended, states the verdict, counts
findings per rule, lists the findings (the first 20 in full, the rest collapsed) and fits in a comment."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from minlint.engine.rule import RuleDef
from minlint.findings import SEVERITY_RANK, Finding
from minlint.formatters import FormatOptions
from minlint.formatters.markdown import LIMIT, MARKER, SHOWN, format_markdown
from minlint.report import PathProblem, Suppressed
from minlint.safetext import visible
from tests.conftest import REPO, RunMinlint
from tests.formatters.rendered import read, render, shown
from tests.formatters.support import GOLDEN, RULES, finding, make_checkout, report
from tests.gate.support import GIT_ENV, NO_PURPOSE, NO_RETENTION, PHONE, commit_all, git, plan, write
from tests.helpers import assert_matches_golden

NO_CI = {"GITHUB_ACTIONS": "", "GITLAB_CI": ""}  # the golden file has relative links, whatever CI runs the tests
RULES_DOC = "https://github.com/minlint/minlint/blob/main/docs/rules.md#"
BUILTIN = (RULES[0]._replace(source="rules/core.yaml"), *RULES[1:])  # ML001 is documented in docs/rules.md


def markdown(*findings: Finding, options: FormatOptions | None = None, **fields: Any) -> str:
    """The markdown of a report of ``findings`` (see :func:`tests.formatters.support.report`)."""
    return format_markdown(report(*findings, **fields), options or FormatOptions())


def first_line(text: str) -> str:
    """The verdict: the first line after the marker."""
    lines = text.splitlines()
    assert lines[:2] == [MARKER, ""]
    return lines[2]


# -- the golden file, through the installed command ----------------------------------------------------


@pytest.fixture(scope="module")
def violations(run_minlint_module: RunMinlint, tmp_path_factory: pytest.TempPathFactory) -> str:
    """``minlint check examples/violations --format markdown`` in a checkout of its own (exit 1), the golden file."""
    checkout = make_checkout(tmp_path_factory.mktemp("markdown"))
    result = run_minlint_module("check", "examples/violations", "--format", "markdown", cwd=checkout, env=NO_CI)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert_matches_golden(result.stdout, GOLDEN / "violations.md")
    return result.stdout


def test_violations_output_matches_golden_file(violations: str) -> None:
    assert violations.endswith("\n") and not violations.endswith("\n\n")


def test_the_golden_summary_renders_a_verdict_a_table_per_rule_and_the_findings(
    violations: str, run_minlint: RunMinlint, checkout: Path
) -> None:
    findings = run_minlint("check", "examples/violations", "--format", "json", cwd=checkout).stdout
    total, errors = findings.count('"rule":'), findings.count('"severity": "error"')
    page = read(violations)
    assert page.comments == [" minlint:check "]
    assert page.tags()[:2] == ["h3", "p"]
    verdict = shown(render(violations).split("</h3>")[0]).strip()
    assert verdict == f"❌ minlint failed: {errors} errors, 16 warnings, 0 info"
    header, *rows = page.rows
    assert header == ["Rule", "Name", "Findings", "Severity"]
    assert sum(int(row[2]) for row in rows) == total
    assert len({row[0] for row in rows}) == len(rows)
    severities = [row[3].split()[-1] for row in rows]
    assert severities == sorted(severities, key=lambda severity: -SEVERITY_RANK[severity])
    # Every finding is a list item; the first 20 before the collapsed rest.
    assert len(page.items) == total
    before, after = violations.split("<details>")
    assert before.count("\n- ") == SHOWN
    assert f"<summary>{total - SHOWN} more findings</summary>" in after
    assert page.tags().count("details") == 1 and page.tags().count("summary") == 1


def test_the_golden_summary_links_only_files_and_rule_documentation(violations: str) -> None:
    page = read(violations)
    files = [href for href, _ in page.links if not href.startswith(RULES_DOC)]
    assert len(files) == len(page.items)
    assert all(re.fullmatch(r"examples/violations/[\w./-]+#L\d+", href) for href in files)
    assert all(text == href.replace("#L", ":") for href, text in page.links if href in files)
    assert len(page.links) - len(files) == len(page.rows) - 1  # one documentation link per rule row
    assert page.references() == []


def test_every_golden_finding_says_how_to_fix_it(violations: str) -> None:
    assert all("Fix:" in item for item in read(violations).items)


def test_the_golden_file_has_no_html_but_the_marker_and_the_collapsed_block(violations: str) -> None:
    html_lines = [line for line in violations.splitlines() if line.startswith("<")]
    assert html_lines == [MARKER, "<details>", "<summary>25 more findings</summary>", "</details>"]


# -- the verdict -----------------------------------------------------------------------------------------


def test_no_findings_is_a_short_passing_summary() -> None:
    text = markdown()
    assert first_line(text) == "### ✅ minlint passed: no findings"
    assert text.splitlines()[3:] == ["", "Checked 2 spec files, 7 fields."]


def test_findings_below_fail_on_pass_and_say_none_reaches_it() -> None:
    text = markdown(finding("ML104", line=7))
    assert first_line(text) == "### ✅ minlint passed: 0 errors, 1 warning, 0 info"
    assert "None is at or above `error`, the severity the check fails at (`--fail-on`)." in text


def test_findings_at_fail_on_fail_and_are_counted() -> None:
    text = markdown(finding(), finding("ML104", line=7), options=FormatOptions(fail_on="warning"))
    assert first_line(text) == "### ❌ minlint failed: 1 error, 1 warning, 0 info"
    assert "2 findings are at or above `warning`, the severity the check fails at (`--fail-on`)." in text


def test_the_verdict_is_the_commands_when_it_says() -> None:
    assert "failed" in first_line(markdown(finding("ML300"), options=FormatOptions(failed=True)))
    assert "passed" in first_line(markdown(finding(), options=FormatOptions(failed=False)))


def test_without_one_fail_on_the_threshold_is_not_named() -> None:
    text = markdown(finding(), options=FormatOptions(fail_on="", failed=True))
    assert first_line(text).startswith("### ❌ minlint failed")
    assert "--fail-on" not in text


def test_a_path_that_could_not_be_read_fails_and_is_listed_first() -> None:
    problem = PathProblem("no-such-dir", "no such file or directory")
    text = markdown(finding("ML104"), path_problems=(problem,))
    assert first_line(text) == "### ❌ minlint failed: 1 path could not be read; 0 errors, 1 warning, 0 info"
    assert text.index("#### Not read") < text.index("#### Findings")
    assert "- no-such-dir: no such file or directory" in text
    alone = markdown(path_problems=(problem,))
    assert first_line(alone) == "### ❌ minlint failed: 1 path could not be read; no findings"


def test_new_since_says_so_in_the_verdict_and_the_heading() -> None:
    options = FormatOptions(new_since="origin/main")
    text = markdown(finding(), options=options)
    assert first_line(text) == "### ❌ minlint failed: 1 error, 0 warnings, 0 info new since `origin/main`"
    assert "Only findings that `origin/main` did not have are reported (`--new-since`)." in text
    assert "#### Findings new since `origin/main`" in text
    assert first_line(markdown(options=options)) == "### ✅ minlint passed: no new findings since `origin/main`"


def test_a_hostile_revision_is_inert_code() -> None:
    text = markdown(options=FormatOptions(new_since="x` <img src=x> @team"))
    page = read(text)
    assert "img" not in page.tags() and page.references() == []


def test_silenced_and_baselined_findings_are_counted() -> None:
    silenced = (
        Suppressed(finding(line=9), "inline", "reviewed", 8),
        Suppressed(finding(line=12), "baseline", "accepted in .minlint-baseline.json"),
    )
    text = markdown(finding(), suppressed=silenced, baseline_fixed=1)
    assert "2 findings silenced: 1 by inline suppressions, 1 by the baseline." in text
    assert "1 baselined finding no longer occurs: `minlint baseline --update` prunes the baseline." in text
    assert "<details>" not in text


def test_show_suppressed_lists_them_collapsed_with_the_reason() -> None:
    silenced = (Suppressed(finding(line=9), "inline", "vendor <b>DPA</b> @legal", 8, "2027-03-31"),)
    text = markdown(finding(), suppressed=silenced, options=FormatOptions(show_suppressed=True))
    page = read(text)
    assert "<summary>1 suppressed finding</summary>" in text
    (item,) = [item for item in page.items if "suppressed" in item]
    assert item.replace("\u200b", "") == (
        "plans/web.yaml:9 · ML001 missing-purpose — suppressed (inline, line 8, until 2027-03-31): "
        "vendor <b>DPA</b> @legal"
    )
    assert "b" not in page.tags() and page.references() == []


# -- the table and the findings -------------------------------------------------------------------------


def test_the_table_counts_each_rule_errors_first_then_most_found() -> None:
    text = markdown(finding("ML300", line=1), finding("ML104", line=2), finding("ML104", line=4), finding(line=3))
    assert read(text).rows == [
        ["Rule", "Name", "Findings", "Severity"],
        ["ML001", "missing-purpose", "1", "🔴 error"],
        ["ML104", "free-text-field", "2", "🟡 warning"],
        ["ML300", "note-only", "1", "🔵 info"],
    ]


def test_a_built_in_rule_name_links_to_its_documentation() -> None:
    value = report(finding())._replace(rules=BUILTIN)
    page = read(format_markdown(value, FormatOptions()))
    assert (f"{RULES_DOC}ml001-missing-purpose", "missing-purpose") in page.links


def test_a_pipe_in_a_rule_name_stays_in_its_cell() -> None:
    rules = (RuleDef("X001", "a|b", "error", ("field",), "S.", "R.", "F | G."),)
    value = report(finding("X001", name="a|b"))._replace(rules=rules)
    page = read(format_markdown(value, FormatOptions()))
    assert page.rows[1] == ["X001", "a|b", "1", "🔴 error"]
    assert "F | G." in page.items[0]


def test_findings_are_listed_errors_first_each_with_place_rule_message_and_fix() -> None:
    page = read(markdown(finding("ML104", line=1), finding(line=9)))
    assert page.items == [
        "🔴 error · plans/web.yaml:9 · ML001 missing-purpose\n"
        "field traits.email declares no purpose\nFix: Add purpose:.",
        "🟡 warning · plans/web.yaml:1 · ML104 free-text-field\nfield traits.email declares no purpose\nFix: Use enum.",
    ]
    assert page.tags().count("br") == 4  # the message and the fix on lines of their own, in one item


def test_a_rule_the_report_does_not_know_has_no_fix_line() -> None:
    (item,) = read(markdown(finding("ZZ999"))).items
    assert item == "🔴 error · plans/web.yaml:3 · ZZ999 custom-rule\nfield traits.email declares no purpose"


@pytest.mark.parametrize(("count", "collapsed"), [(SHOWN, 0), (SHOWN + 1, 1), (SHOWN + 7, 7)])
def test_only_findings_past_the_first_20_are_collapsed(count: int, collapsed: int) -> None:
    text = markdown(*(finding(line=line) for line in range(1, count + 1)))
    page = read(text)
    assert len(page.items) == count
    if collapsed:
        assert page.tags().count("details") == 1
        noun = "finding" if collapsed == 1 else "findings"
        assert f"<details>\n<summary>{collapsed} more {noun}</summary>\n\n- " in text
        assert text.split("<details>")[0].count("\n- ") == SHOWN
    else:
        assert "<details>" not in text


HOSTILE_NAMES = [
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "@acme/security-team",
    "#123",
    "a`b``c",
    "a|b",
    "line\nbreak",
    "**x** _y_ ~~z~~ $w$",
    "https://evil.example",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_changes_no_structure_of_the_summary(name: str) -> None:
    def summary(field: str) -> str:
        return markdown(
            finding(path=f"plans/{field}.yaml", message=f"field `traits.{field}` and traits.{field} lack a purpose"),
            finding("ML104", line=9, target=field),
        )

    benign, hostile = read(summary("email")), read(summary(name))
    assert hostile.tags("code") == benign.tags("code")
    assert len(hostile.links) == len(benign.links) and len(hostile.items) == 2
    assert hostile.references() == []
    item = hostile.items[0].replace("\u200b", "")
    assert f"plans/{visible(name)}.yaml:3" in item
    # Backticks in a name make other code spans of the message: still inert, but no longer shown as typed.
    assert "`" in name or f"traits.{visible(name)} and traits.{visible(name)} lack a purpose" in item


# -- the size of a comment -----------------------------------------------------------------------------------


def test_thousands_of_findings_fit_in_a_github_comment_with_a_line_saying_what_was_left_out() -> None:
    count = 3_000
    text = markdown(*(finding(line=line, message="x" * 400 + " @team " + "y" * 200) for line in range(1, count + 1)))
    assert len(text.encode("utf-8")) <= LIMIT and len(text) < 65_536
    page = read(text)
    left_out = count - len(page.items)
    assert left_out > 0
    assert f"**… and {left_out} more findings, left out to keep this summary within a comment's size limit:**" in text
    assert page.tags().count("details") == 1 and "</details>" in text
    assert text.rstrip().endswith("how to fix what it finds.")


def test_a_message_is_cut_and_a_long_one_cannot_push_the_summary_over_the_limit() -> None:
    text = markdown(*(finding(line=line, message="@" * 50_000) for line in range(1, 100)))
    assert len(text.encode("utf-8")) <= LIMIT
    assert read(text).items[0].count("@") == 999  # 1,000 characters, the last one an ellipsis


def test_thousands_of_unreadable_paths_fit_too() -> None:
    problems = tuple(PathProblem(f"missing-{number}-{'p' * 200}", "no such file") for number in range(2_000))
    text = markdown(finding(), path_problems=problems)
    assert len(text.encode("utf-8")) <= LIMIT
    kept = len([line for line in text.splitlines() if line.startswith("- missing-")])
    assert f"**… and {len(problems) - kept} more unread paths, 1 more finding, left out" in text


# -- through the installed command ------------------------------------------------------------------------


def test_output_writes_the_summary_to_a_file(run_minlint: RunMinlint, checkout: Path, tmp_path: Path) -> None:
    target = tmp_path / "summary" / "minlint.md"
    result = run_minlint(
        "check", "examples/violations", "--format", "markdown", "--output", str(target), cwd=checkout, env=NO_CI
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")
    assert target.read_text(encoding="utf-8") == (GOLDEN / "violations.md").read_text(encoding="utf-8")


def test_a_clean_project_passes_with_exit_0(run_minlint: RunMinlint) -> None:
    result = run_minlint("check", "examples/storefront", "--format", "markdown", cwd=REPO, env=NO_CI)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{MARKER}\n\n### ✅ minlint passed: no findings\n\nChecked 6 spec files, 24 fields.\n"


def test_fail_on_warning_from_the_command_line_is_the_verdicts(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write(tmp_path, {".minlint.yaml": "", "web.yaml": plan(phone_number=PHONE)})
    result = run_minlint("check", "--format", "markdown", "--fail-on", "warning", cwd=tmp_path, env=NO_CI)
    assert result.returncode == 1, result.stderr
    assert first_line(result.stdout) == "### ❌ minlint failed: 0 errors, 1 warning, 0 info"
    assert "1 finding is at or above `warning`" in result.stdout
    passing = run_minlint("check", "--format", "markdown", cwd=tmp_path, env=NO_CI)
    assert passing.returncode == 0
    assert first_line(passing.stdout) == "### ✅ minlint passed: 0 errors, 1 warning, 0 info"


def test_a_missing_path_fails_with_exit_2_and_is_listed(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("check", "no-such-dir", "--format", "markdown", cwd=tmp_path, env=NO_CI)
    assert result.returncode == 2
    assert first_line(result.stdout).startswith("### ❌ minlint failed: 1 path could not be read")
    assert "#### Not read" in result.stdout


def test_hostile_names_in_a_project_reach_the_summary_inert(run_minlint: RunMinlint, tmp_path: Path) -> None:
    name = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) @acme-team #12 a|b \x1b[2J\nline"
    spec = plan(ok=NO_PURPOSE).replace("  ok:", f"  {json.dumps(name)}:")  # a double-quoted YAML scalar
    write(tmp_path, {".minlint.yaml": "", f"plan {name.replace(chr(10), ' ')}.yaml": spec})
    result = run_minlint("check", "--format", "markdown", cwd=tmp_path, env=NO_CI)
    assert result.returncode == 1, result.stderr
    page = read(result.stdout)
    assert "img" not in page.tags() and page.references() == []
    assert [href for href, _ in page.links if "docs/rules.md" not in href] == [
        "plan%20%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%20%5Bx%5D%28javascript%3Aalert%281%29%29%20%40acme-team"
        "%20%2312%20a%7Cb%20%1B%5B2J%20line.yaml#L6"
    ]
    assert "\x1b" not in result.stdout
    (item,) = page.items
    assert f"traits.{visible(name)} declares no purpose" in item.replace("\u200b", "")


# -- --new-since, in a real git repository -------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = write(tmp_path / "repo", {".minlint.yaml": "", "plans/web.yaml": plan(old=NO_PURPOSE)})
    git(folder, "init", "-q")
    commit_all(folder, "initial")
    return folder


def test_new_since_lists_only_what_the_change_added(run_minlint: RunMinlint, repo: Path) -> None:
    write(repo, {"plans/web.yaml": plan(old=NO_PURPOSE, added=NO_RETENTION)})
    result = run_minlint("check", "--format", "markdown", "--new-since", "HEAD", cwd=repo, env=GIT_ENV | NO_CI)
    assert result.returncode == 1, result.stderr
    assert first_line(result.stdout) == "### ❌ minlint failed: 1 error, 0 warnings, 0 info new since `HEAD`"
    assert "#### Findings new since `HEAD`" in result.stdout
    (item,) = read(result.stdout).items
    assert item.startswith("🔴 error · plans/web.yaml:7 · ML003 missing-retention\n")
    everything = run_minlint("check", "--format", "markdown", cwd=repo, env=GIT_ENV | NO_CI)
    assert len(read(everything.stdout).items) == 2


def test_new_since_an_unchanged_revision_passes_with_no_new_findings(run_minlint: RunMinlint, repo: Path) -> None:
    result = run_minlint("check", "--format", "markdown", "--new-since", "HEAD", cwd=repo, env=GIT_ENV | NO_CI)
    assert result.returncode == 0, result.stderr
    assert first_line(result.stdout) == "### ✅ minlint passed: no new findings since `HEAD`"
    assert "#### Findings" not in result.stdout
