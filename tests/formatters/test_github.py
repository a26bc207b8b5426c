"""The ``github`` format: one workflow command per finding, escaped exactly as GitHub's toolkit does."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from minlint.engine.rule import RuleDef
from minlint.formatters import FormatOptions
from minlint.formatters.github import annotation, escape_data, escape_property, format_github
from minlint.report import PathProblem, Suppressed
from minlint.safetext import UNSAFE, visible
from tests.conftest import RunMinlint
from tests.formatters.support import Reports, check_violations

RULES = (
    RuleDef(
        "ML001", "missing-purpose", "error", ("field",), "No purpose.", "Why.", "Add `purpose:`. More.", pack="core"
    ),
    RuleDef("ML104", "free-text-field", "warning", ("field",), "Free text.", "Why.", "Use enum.", pack="sensitive"),
    RuleDef("ML300", "note-only", "info", ("field",), "A note.", "Why.", "Fix it.", hint="a custom hint", pack="org"),
)

COMMAND = re.compile(r"^::(?P<command>error|warning|notice) (?P<properties>[^:]*)::(?P<data>.*)$")
UNESCAPE = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def unescape(text: str) -> str:
    """Undo GitHub's escaping in one pass, as the runner does."""
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda match: UNESCAPE[match.group()], text)


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """``(command, properties, message)`` of one workflow command line."""
    match = COMMAND.match(line)
    assert match is not None, line
    properties = dict(item.split("=", 1) for item in match["properties"].split(","))
    return match["command"], {key: unescape(value) for key, value in properties.items()}, unescape(match["data"])


EXAMPLES = Reports(RULES)
finding = EXAMPLES.finding
report = EXAMPLES.report


def test_one_annotation_per_finding_then_a_plain_summary() -> None:
    lines = format_github(report(finding(), finding("ML104", line=7), finding("ML300", line=9)), FormatOptions())
    *commands, summary = lines.splitlines()
    assert lines.endswith("\n")
    assert commands[0] == (
        "::error file=plans/web.yaml,line=3,col=5,endLine=3,title=ML001 missing-purpose"
        "::field `traits.email` declares no purpose%0Ahint: Add `purpose:`. [minlint explain ML001]"
    )
    assert [parse(line)[0] for line in commands] == ["error", "warning", "notice"]
    assert summary == "minlint: 3 findings in 2 spec files (1 error, 1 warning, 1 info)."
    assert not summary.startswith("::")


def test_quiet_drops_the_summary() -> None:
    assert format_github(report(finding()), FormatOptions(quiet=True)).count("\n") == 1
    assert format_github(report(), FormatOptions(quiet=True)) == ""


def test_empty_report() -> None:
    assert format_github(report(), FormatOptions()) == "minlint: no findings in 2 spec files.\n"


def test_messages_round_trip() -> None:
    message = "100% sure: a, b; literal %0A and %25 and ::error"
    (line,) = format_github(report(finding(message=message)), FormatOptions(quiet=True)).splitlines()
    command, _, data = parse(line)
    assert command == "error"
    assert data == f"{message}\nhint: Add `purpose:`. [minlint explain ML001]"
    # A `::` inside the message is harmless: the runner only reads a command at the start of a line,
    # and the first `::` after the properties (which never contain `:`) ends them.
    assert line.startswith("::error file=")


def test_control_characters_from_the_specs_show_as_escapes_on_one_line() -> None:
    message = "field `a\x1b[31mb\x07c\rd\ne::error::f%0Ag` declares no purpose"
    (line,) = format_github(report(finding(message=message)), FormatOptions(quiet=True)).splitlines()
    assert not {char for char in line if ord(char) < 32 or 0x7F <= ord(char) < 0xA0}
    _, _, data = parse(line)
    # The only real line break is the one before the hint; the spec's own show as escapes.
    assert data == (
        "field `a\\x1b[31mb\\x07c\\rd\\ne::error::f%0Ag` declares no purpose\n"
        "hint: Add `purpose:`. [minlint explain ML001]"
    )


def test_a_file_name_with_a_line_break_keeps_it_in_the_file_property_and_starts_no_command() -> None:
    path = "plans/a\n::error::forged%0A\x1b.yaml"
    text = format_github(report(finding(path=path)), FormatOptions())
    lines = text.splitlines()
    assert len(lines) == 2 and sum(1 for line in lines if line.startswith("::")) == 1
    assert "\x1b" not in text and "::error::forged" not in text
    # GitHub gets the line break back (it can be part of a real name); ESC cannot travel: it shows as `\x1b`.
    assert parse(lines[0])[1]["file"] == "plans/a\n::error::forged%0A\\x1b.yaml"


def test_the_file_property_of_a_name_that_is_not_utf8_is_what_github_reads() -> None:
    (line,) = format_github(report(finding(path="plans/\\xff-web.yaml")), FormatOptions(quiet=True)).splitlines()
    assert parse(line)[1]["file"] == b"plans/\xff-web.yaml".decode("utf-8", "replace")


def test_a_path_that_could_not_be_read_is_an_error_annotation_and_counted_in_the_summary() -> None:
    problems = (PathProblem("no-such-dir", "no such file or folder"), PathProblem("a\n::error::b", "cannot read"))
    lines = format_github(report(path_problems=problems), FormatOptions()).splitlines()
    assert [parse(line)[0] for line in lines[:2]] == ["error", "error"]
    assert parse(lines[0])[1] == {"file": "no-such-dir", "title": "minlint: path not read"}
    assert parse(lines[0])[2] == "no-such-dir: no such file or folder"
    assert parse(lines[1])[2] == "a\\n::error::b: cannot read"
    assert lines[2] == "minlint: 2 paths could not be read; 0 findings in 2 spec files."
    assert len(lines) == 3
    with_findings = format_github(report(finding(), path_problems=problems[:1]), FormatOptions()).splitlines()
    assert (
        with_findings[-1]
        == "minlint: 1 path could not be read; 1 finding in 2 spec files (1 error, 0 warnings, 0 info)."
    )


def test_property_values_with_commas_and_colons_round_trip() -> None:
    path = "dir: x/a,b:c%.yaml"
    (line,) = format_github(report(finding(path=path)), FormatOptions(quiet=True)).splitlines()
    assert "file=dir%3A x/a%2Cb%3Ac%25.yaml," in line
    _, properties, _ = parse(line)
    assert properties == {
        "file": path,
        "line": "3",
        "col": "5",
        "endLine": "3",
        "title": "ML001 missing-purpose",
    }


def test_paths_are_relative_to_the_project_root() -> None:
    value = report(finding(), root="/home/someone/project", cwd="/home/someone/project/sub")
    assert parse(format_github(value, FormatOptions()).splitlines()[0])[1]["file"] == "sub/plans/web.yaml"


def test_unicode() -> None:
    message = "champ « prénom » 🙂"
    (line,) = format_github(report(finding(message=message, path="plans/café.yaml")), FormatOptions(quiet=True))[
        :-1
    ].splitlines()
    _, properties, data = parse(line)
    assert properties["file"] == "plans/café.yaml"
    assert data.startswith(message)


def test_identical_findings_make_one_annotation_each() -> None:
    text = format_github(report(finding(line=3), finding(line=8)), FormatOptions(quiet=True))
    assert [parse(line)[1]["line"] for line in text.splitlines()] == ["3", "8"]


def test_suppressed_findings_are_not_annotations() -> None:
    hostile = "ok\n::error file=x.yaml::injected"
    item = Suppressed(finding(line=20, message="silenced one"), "inline", hostile, line=19)
    value = report(finding(), suppressed=(item,))
    assert "silenced one" not in format_github(value, FormatOptions())
    lines = format_github(value, FormatOptions(show_suppressed=True)).splitlines()
    assert len(lines) == 3
    assert lines[1] == (
        "minlint: suppressed (inline: ok\\n::error file=x.yaml::injected) plans/web.yaml:20:5 "
        "ML001 missing-purpose silenced one"
    )
    assert sum(1 for line in lines if line.startswith("::")) == 1


# Text with no control character but line breaks: what GitHub's escaping carries exactly.
CARRIED = st.text(
    alphabet=st.characters(exclude_characters="\\").filter(lambda char: ord(char) not in UNSAFE)
    | st.sampled_from("\r\n")
)


@given(CARRIED)
def test_escaping_is_reversible(text: str) -> None:
    assert unescape(escape_data(text)) == text
    assert unescape(escape_property(text)) == text


@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_escaping_leaves_no_control_character(text: str) -> None:
    assert not {ord(char) for char in escape_data(text)} & UNSAFE
    assert not {ord(char) for char in escape_property(text)} & UNSAFE
    assert not {":", ","} & set(escape_property(text))


@given(CARRIED.filter(bool), CARRIED.filter(bool))
def test_any_path_and_message_parse_back(path: str, message: str) -> None:
    line = annotation(finding(path=path, message=message), path, None)
    assert "\n" not in line and "\r" not in line
    _, properties, data = parse(line)
    assert (properties["file"], data) == (path, visible(message))


@given(st.text(min_size=1), st.text(min_size=1))
def test_any_path_and_message_make_exactly_one_command_line(path: str, message: str) -> None:
    line = annotation(finding(path=path, message=message), path, "hint")
    assert len(line.splitlines()) == 1 and line.startswith("::error file=")
    assert not {ord(char) for char in line} & UNSAFE


def test_golden_file(run_minlint: RunMinlint, checkout: Path) -> None:
    *commands, summary = check_violations(run_minlint, checkout, "github", "violations.github.txt").splitlines()
    assert all(parse(line)[1]["file"].startswith("examples/violations/") for line in commands)
    assert summary.startswith("minlint: ") and len(commands) > 0
