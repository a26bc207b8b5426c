"""The ``junit`` format: valid against both the lenient Jenkins and the strict Ant schema, reproducible."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from minlint.formatters import FormatOptions
from minlint.formatters.junit import format_junit
from minlint.report import PathProblem, Report, Suppressed
from tests.conftest import REPO, RunMinlint
from tests.formatters.support import check_violations, finding, report

SCHEMAS = REPO / "tests" / "data" / "schemas"


@pytest.fixture(scope="module")
def schemas() -> dict[str, xmlschema.XMLSchema]:
    return {name: xmlschema.XMLSchema(str(SCHEMAS / name)) for name in ("junit.xsd", "junit-ant-windyroad.xsd")}


def validate(schemas: dict[str, xmlschema.XMLSchema], text: str) -> ET.Element:
    """Check ``text`` against both schemas (from its UTF-8 bytes, as a CI server reads it) and parse it."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    data = text.encode("utf-8")
    for name, schema in schemas.items():
        errors = [f"{error.path}: {error.reason}" for error in schema.iter_errors(ET.fromstring(data))]
        assert errors == [], name
    return ET.fromstring(data)


def render(schemas: dict[str, xmlschema.XMLSchema], value: Report, options: FormatOptions | None = None) -> ET.Element:
    return validate(schemas, format_junit(value, options or FormatOptions()))


def cases(root: ET.Element) -> list[tuple[str, str, str | None]]:
    """``(classname, name, type of the failure or skipped)`` of every testcase."""
    found = []
    for case in root.iter("testcase"):
        child = next(iter(case), None)
        outcome = None if child is None else child.get("type", child.tag)
        found.append((case.get("classname", ""), case.get("name", ""), outcome))
    return found


def test_the_strict_schema_rejects_attributes_on_testsuites(schemas: dict[str, xmlschema.XMLSchema]) -> None:
    # Why the root element has none: the Ant schema declares no attribute on <testsuites>.
    root = render(schemas, report(finding()))
    assert root.attrib == {}
    root.set("tests", "1")
    assert not schemas["junit-ant-windyroad.xsd"].is_valid(root)
    assert schemas["junit.xsd"].is_valid(root)


def test_layout(schemas: dict[str, xmlschema.XMLSchema]) -> None:
    value = report(finding(), finding(path="plans/app.yaml", line=2, target="", message="not a plan"))
    root = render(schemas, value)
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["plans/app.yaml", "plans/web.yaml"]
    first = suites[0]
    assert first.attrib == {
        "name": "plans/app.yaml",
        "package": "plans/app.yaml",
        "id": "0",
        "tests": "1",
        "failures": "1",
        "errors": "0",
        "skipped": "0",
        "time": "0",
        "timestamp": "1970-01-01T00:00:00",
        "hostname": "minlint",
    }
    assert [child.tag for child in first] == ["properties", "testcase", "system-out", "system-err"]
    assert suites[1].get("id") == "1"
    assert cases(root) == [("plans/app.yaml", "file", "ML001"), ("plans/web.yaml", "traits.email", "ML001")]
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "not a plan"
    assert failure.text == (
        "plans/app.yaml:2:5 ML001 missing-purpose not a plan\nhint: Add `purpose:`. [minlint explain ML001]"
    )
    assert root.find("testsuite/testcase").get("time") == "0"  # type: ignore[union-attr]


def test_several_findings_on_one_target_get_one_testcase_each(schemas: dict[str, xmlschema.XMLSchema]) -> None:
    root = render(schemas, report(finding(), finding("ML104", line=4), finding(line=9)))
    assert cases(root) == [
        ("plans/web.yaml", "traits.email [ML001]", "ML001"),
        ("plans/web.yaml", "traits.email [ML104]", "ML104"),
        ("plans/web.yaml", "traits.email [ML001]", "ML001"),
    ]
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "3")


def test_info_findings_pass_and_go_to_system_out(schemas: dict[str, xmlschema.XMLSchema]) -> None:
    root = render(schemas, report(finding(), finding("ML300", line=4, target="traits.other")))
    assert cases(root) == [("plans/web.yaml", "traits.email", "ML001"), ("plans/web.yaml", "traits.other", None)]
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    assert suite.findtext("system-out") == (
        "plans/web.yaml:4:5 ML300 note-only field `traits.email` declares no purpose\n"
        "hint: Fix it. [minlint explain ML300]\n"
    )


def test_empty_report_is_one_passing_testcase(schemas: dict[str, xmlschema.XMLSchema]) -> None:
    root = render(schemas, report())
    assert cases(root) == [("minlint", "all spec files", None)]
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == ("minlint", "1", "0")
    assert suite.findtext("system-out") == "No findings in 2 spec files.\n"


def test_suppressed_findings_are_skipped_only_when_shown(schemas: dict[str, xmlschema.XMLSchema]) -> None:
    items = (
        Suppressed(finding(line=20), "inline", "reviewed", line=19),
        Suppressed(finding(path="plans/old.yaml"), "baseline", ""),
    )
    value = report(finding(), suppressed=items)
    assert len(render(schemas, value).findall("testsuite")) == 1
    root = render(schemas, value, FormatOptions(show_suppressed=True))
    assert cases(root) == [
        ("plans/old.yaml", "traits.email [ML001]", "skipped"),
        ("plans/web.yaml", "traits.email", "ML001"),
        ("plans/web.yaml", "traits.email [ML001]", "skipped"),
    ]
    messages = [element.get("message") for element in root.iter("skipped")]
    assert messages == ["suppressed (baseline)", "suppressed (inline): reviewed"]
    assert [suite.get("skipped") for suite in root.findall("testsuite")] == ["1", "1"]


def test_markup_unicode_and_forbidden_characters(schemas: dict[str, xmlschema.XMLSchema]) -> None:
    message = 'a <b> & "c" 100% \x00\x07\x1b\ufffe é 🙂\nsecond line'
    target = "traits.<odd> & \x01"
    root = render(schemas, report(finding(message=message, target=target, path="plans/ça & <x>.yaml")))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == 'a <b> & "c" 100% \\x00\\x07\\x1b\\xfffe é 🙂\\nsecond line'
    assert cases(root) == [("plans/ça & <x>.yaml", "traits.<odd> & \\x01", "ML001")]


def test_line_breaks_from_the_specs_show_as_escapes_and_start_no_line(schemas: dict[str, xmlschema.XMLSchema]) -> None:
    hostile = "a\x1b[31m\x07b\r\n::error::c%0A"
    value = report(finding(message=f"field `{hostile}` x", target=hostile, path=f"plans/{hostile}.yaml"))
    root = render(schemas, value)
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    shown = "a\\x1b[31m\\x07b\\r\\n::error::c%0A"
    assert failure.get("message") == f"field `{shown}` x"
    assert failure.text == (
        f"plans/{shown}.yaml:3:5 ML001 missing-purpose field `{shown}` x\nhint: Add `purpose:`. [minlint explain ML001]"
    )
    assert cases(root) == [(f"plans/{shown}.yaml", shown, "ML001")]
    text = format_junit(report(finding(message=hostile, path=hostile)), FormatOptions())
    assert not any(line.lstrip().startswith("::") for line in text.splitlines())
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text


def test_paths_that_could_not_be_read_are_errors_in_a_first_suite(schemas: dict[str, xmlschema.XMLSchema]) -> None:
    problems = (PathProblem("no-such-dir", "no such file or folder"), PathProblem("b\n::error::", "cannot read"))
    root = render(schemas, report(path_problems=problems))
    (suite,) = root.findall("testsuite")
    counts = (suite.get("name"), suite.get("tests"), suite.get("errors"), suite.get("failures"))
    assert counts == ("minlint", "2", "2", "0")
    assert cases(root) == [("minlint", "no-such-dir", "path-not-read"), ("minlint", "b\\n::error::", "path-not-read")]
    errors = list(root.iter("error"))
    assert [error.get("message") for error in errors] == [
        "no-such-dir: no such file or folder",
        "b\\n::error::: cannot read",
    ]
    assert errors[0].text == "no-such-dir: no such file or folder"
    assert suite.findtext("system-out") == "2 paths could not be read; 0 findings in 2 spec files.\n"
    assert not any(case.get("name") == "all spec files" for case in root.iter("testcase"))
    with_findings = render(schemas, report(finding(), path_problems=problems[:1]))
    assert [suite.get("name") for suite in with_findings.findall("testsuite")] == ["minlint", "plans/web.yaml"]
    assert [suite.get("id") for suite in with_findings.findall("testsuite")] == ["0", "1"]
    assert with_findings.find("testsuite/system-out") is not None
    assert with_findings.findtext("testsuite/system-out") == ""


def test_output_is_reproducible() -> None:
    value = report(finding(), finding("ML104", line=4))
    assert format_junit(value, FormatOptions()) == format_junit(value, FormatOptions())


def test_golden_file(run_minlint: RunMinlint, checkout: Path, schemas: dict[str, xmlschema.XMLSchema]) -> None:
    output = check_violations(run_minlint, checkout, "junit", "violations.junit.xml")
    root = validate(schemas, output)
    failures = sum(int(suite.get("failures", "0")) for suite in root.findall("testsuite"))
    assert failures == sum(1 for _ in root.iter("failure")) > 0
    assert str(REPO) not in output
