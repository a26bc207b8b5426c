"""The ``github`` format: one workflow command per finding, escaped exactly as GitHub's toolkit does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from minlint.engine.rule import RuleDef
from minlint.formatters import FormatOptions
from minlint.formatters.github import annotation, escape_data, escape_property, format_github
from minlint.report import Suppressed
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
    message = "100% sure: a, b\nline two\r\nliteral %0A and %25 and ::error"
    (line,) = format_github(report(finding(message=message)), FormatOptions(quiet=True)).splitlines()
    command, _, data = parse(line)
    assert command == "error"
    assert data == f"{message}\nhint: Add `purpose:`. [minlint explain ML001]"
    # A `::` inside the message is harmless: the runner only reads a command at the start of a line,
    # and the first `::` after the properties (which never contain `:`) ends them.
    assert "\r" not in line and line.startswith("::error file=")


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
        "minlint: suppressed (inline: ok%0A::error file=x.yaml::injected) plans/web.yaml:20:5 "
        "ML001 missing-purpose silenced one"
    )
    assert sum(1 for line in lines if line.startswith("::")) == 1


@given(st.text())
def test_escaping_is_reversible(text: str) -> None:
    assert unescape(escape_data(text)) == text
    assert unescape(escape_property(text)) == text
    assert "\n" not in escape_data(text) and "\r" not in escape_data(text)
    assert not {":", ",", "\n", "\r"} & set(escape_property(text))


@given(st.text(min_size=1), st.text(min_size=1))
def test_any_path_and_message_parse_back(path: str, message: str) -> None:
    line = annotation(finding(path=path, message=message), path, None)
    assert "\n" not in line and "\r" not in line
    _, properties, data = parse(line)
    assert (properties["file"], data) == (path, message)


def test_golden_file(run_minlint: RunMinlint) -> None:
    *commands, summary = check_violations(run_minlint, "github", "violations.github.txt").splitlines()
    assert all(parse(line)[1]["file"].startswith("examples/violations/") for line in commands)
    assert summary.startswith("minlint: ") and len(commands) > 0
