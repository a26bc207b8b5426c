"""The ``text`` format's words: escaped names, the summary line's counts, and never a green pass after an error."""

from __future__ import annotations

from minlint.findings import Summary
from minlint.formatters import FormatOptions
from minlint.formatters.text import format_text
from minlint.report import PathProblem, Report, Suppressed
from tests.formatters.support import RULES, finding, report

GREEN = "\x1b[1;32m"
RED = "\x1b[1;31m"


def summary_line(value: Report, options: FormatOptions | None = None) -> str:
    """The summary: the first line after the last blank one (the findings and the suppressed list end with one)."""
    lines = format_text(value, options or FormatOptions()).splitlines()
    blank = max((index for index, line in enumerate(lines) if not line), default=-1)
    return lines[blank + 1]


def test_control_characters_in_paths_names_and_messages_are_escaped() -> None:
    hostile = finding(
        path="plans/a\x1b]0;owned\x07\n::error::x%0A.yaml", message="field `b\r\x1b[2Jc` declares no purpose"
    )
    text = format_text(report(hostile), FormatOptions())
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert "plans/a\\x1b]0;owned\\x07\\n::error::x%0A.yaml:3:5  ML001" in text
    assert "field `b\\r\\x1b[2Jc` declares no purpose" in text
    assert not any(line.startswith("::") for line in text.splitlines())


def test_control_characters_are_escaped_with_colour_too() -> None:
    text = format_text(report(finding(message="a\x1b[2Jb")), FormatOptions(color=True))
    assert "a\\x1b[2Jb" in text
    assert "\x1b[2J" not in text


def test_one_skipped_file_is_not_a_minlint_spec_and_two_are_not_minlint_specs() -> None:
    one = Report((), Summary.of([], 2, 3, skipped=1), RULES)
    assert summary_line(one) == "No findings in 2 spec files, 3 fields (1 other YAML file skipped: not a minlint spec)."
    two = Report((finding(),), Summary.of([finding()], 2, 3, skipped=2), RULES)
    assert summary_line(two) == (
        "Checked 2 spec files, 3 fields (2 other YAML files skipped: not minlint specs): 1 error, 0 warnings, 0 info."
    )


def _suppressed() -> tuple[Suppressed, ...]:
    return (
        Suppressed(finding(line=7), "inline", "reviewed (DPA-12)", line=6),
        Suppressed(finding(line=9), "inline", "reviewed (DPA-13)", line=8),
        Suppressed(finding(line=11), "baseline", "accepted in .minlint-baseline.json"),
    )


def test_show_suppressed_counts_the_listed_findings_by_what_silenced_them() -> None:
    value = report(finding(), suppressed=_suppressed())
    options = FormatOptions(show_suppressed=True)
    text = format_text(value, options)
    assert "Suppressed (3)" in text
    assert summary_line(value, options) == (
        "Checked 2 spec files, 7 fields: 1 error, 0 warnings, 0 info (3 suppressed: 2 inline, 1 baseline)."
    )
    # Listed and counted: the note pointing at `--show-suppressed` would be noise.
    assert "silenced" not in text.splitlines()[-1]
    clean = report(suppressed=_suppressed()[2:])
    assert summary_line(clean, options) == "No findings in 2 spec files, 7 fields (1 suppressed: 1 baseline)."


def test_without_show_suppressed_the_summary_is_unchanged_and_a_note_counts_them() -> None:
    text = format_text(report(finding(), suppressed=_suppressed()), FormatOptions())
    assert text.splitlines()[-2] == "Checked 2 spec files, 7 fields: 1 error, 0 warnings, 0 info."
    assert text.splitlines()[-1].startswith("3 findings silenced: 2 by inline suppressions, 1 by the baseline")


def test_a_path_that_could_not_be_read_replaces_the_green_no_findings_with_a_red_error() -> None:
    value = report(path_problems=(PathProblem("no-such-dir", "no such file or folder"),))
    assert summary_line(value) == "1 path could not be read (no-such-dir); checked 2 spec files, 7 fields: " + (
        "0 errors, 0 warnings, 0 info."
    )
    coloured = format_text(value, FormatOptions(color=True))
    assert "No findings" not in coloured and GREEN not in coloured
    assert f"{RED}1 path could not be read (no-such-dir)" in coloured


def test_a_path_that_could_not_be_read_comes_first_in_a_summary_with_findings() -> None:
    problems = tuple(PathProblem(f"missing-{number}", "no such file or folder") for number in range(5))
    value = report(finding(), path_problems=problems)
    assert summary_line(value) == (
        "5 paths could not be read (missing-0, missing-1, missing-2 and 2 more); "
        "checked 2 spec files, 7 fields: 1 error, 0 warnings, 0 info."
    )


def test_a_path_name_in_the_summary_is_escaped() -> None:
    value = report(path_problems=(PathProblem("a\n::error::b\x1b", "cannot read"),))
    assert "1 path could not be read (a\\n::error::b\\x1b)" in format_text(value, FormatOptions())
