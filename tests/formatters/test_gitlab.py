"""The ``gitlab`` format: a Code Quality report GitLab accepts, with one entry per occurrence."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from minlint.formatters import FormatOptions
from minlint.formatters.gitlab import format_gitlab
from minlint.report import PathProblem, Report, Suppressed
from tests.conftest import RunMinlint
from tests.formatters.support import GOLDEN, check_violations, finding, report

# Written from the documented facts (tests/data/schemas/SOURCES.md): what GitLab reads, plus the
# Code Climate extras minlint adds. GitLab publishes no schema file of its own.
CODE_QUALITY_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "type": {"const": "issue"},
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "categories": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^/"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                    "positions": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {
                                "type": "object",
                                "required": ["line", "column"],
                                "properties": {
                                    "line": {"type": "integer", "minimum": 1},
                                    "column": {"type": "integer", "minimum": 1},
                                },
                            }
                        },
                    },
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    jsonschema.Draft7Validator.check_schema(CODE_QUALITY_SCHEMA)
    return jsonschema.Draft7Validator(CODE_QUALITY_SCHEMA)


def render(validator: jsonschema.Draft7Validator, value: Report, options: FormatOptions | None = None) -> Any:
    """Render, check what GitLab's parser needs, and return the parsed array."""
    text = format_gitlab(value, options or FormatOptions())
    assert not text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert not text.startswith("\ufeff")
    assert text.endswith("\n")
    issues = json.loads(text)
    assert [error.message for error in validator.iter_errors(issues)] == []
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    return issues


def test_issue_fields(validator: jsonschema.Draft7Validator) -> None:
    (issue,) = render(validator, report(finding()))
    assert issue == {
        "type": "issue",
        "check_name": "ML001",
        "description": "missing-purpose: field `traits.email` declares no purpose",
        "categories": ["Security"],
        "severity": "critical",
        "fingerprint": hashlib.md5(finding().fingerprint("plans/web.yaml").encode()).hexdigest(),
        "location": {
            "path": "plans/web.yaml",
            "lines": {"begin": 3},
            "positions": {"begin": {"line": 3, "column": 5}},
        },
    }


def test_severity_mapping(validator: jsonschema.Draft7Validator) -> None:
    issues = render(validator, report(finding(), finding("ML104", line=4), finding("ML300", line=5)))
    assert [issue["severity"] for issue in issues] == ["critical", "minor", "info"]


def test_identical_fingerprints_become_unique_per_occurrence(validator: jsonschema.Draft7Validator) -> None:
    issues = render(validator, report(finding(line=3), finding(line=8), finding(line=11)))
    base = finding().fingerprint("plans/web.yaml")
    expected = [hashlib.md5(text.encode()).hexdigest() for text in (base, f"{base}:2", f"{base}:3")]
    assert [issue["fingerprint"] for issue in issues] == expected


def test_fingerprint_ignores_the_line_so_moved_findings_stay_the_same(validator: jsonschema.Draft7Validator) -> None:
    before = render(validator, report(finding(line=3)))[0]["fingerprint"]
    after = render(validator, report(finding(line=40, column=9)))[0]["fingerprint"]
    assert before == after


def test_paths_are_relative_to_the_project_root(validator: jsonschema.Draft7Validator) -> None:
    value = report(finding(), root="/home/someone/project", cwd="/home/someone/project/sub")
    assert render(validator, value)[0]["location"]["path"] == "sub/plans/web.yaml"


def test_lines_are_at_least_one(validator: jsonschema.Draft7Validator) -> None:
    location = render(validator, report(finding(line=0, column=0)))[0]["location"]
    assert location["lines"] == {"begin": 1}
    assert location["positions"] == {"begin": {"line": 1, "column": 1}}


def test_unicode_is_kept(validator: jsonschema.Draft7Validator) -> None:
    value = report(finding(message="champ « prénom » 🙂", path="plans/café.yaml"))
    text = format_gitlab(value, FormatOptions())
    assert "champ « prénom » 🙂" in text and "plans/café.yaml" in text
    render(validator, value)


def test_newline_and_percent_in_messages(validator: jsonschema.Draft7Validator) -> None:
    message = "100% wrong\nsecond line"
    (issue,) = render(validator, report(finding(message=message)))
    assert issue["description"] == f"missing-purpose: {message}"


def test_empty_report(validator: jsonschema.Draft7Validator) -> None:
    assert render(validator, report()) == []
    assert format_gitlab(report(), FormatOptions()) == "[]\n"


def test_suppressed_findings_are_never_reported(validator: jsonschema.Draft7Validator) -> None:
    item = Suppressed(finding(line=20), "baseline", "accepted risk")
    for options in (FormatOptions(), FormatOptions(show_suppressed=True)):
        assert len(render(validator, report(finding(), suppressed=(item,)), options)) == 1


def test_the_schema_rejects_what_gitlab_rejects(validator: jsonschema.Draft7Validator) -> None:
    (issue,) = render(validator, report(finding()))
    assert not validator.is_valid([issue | {"severity": "error"}])
    assert not validator.is_valid([issue | {"location": {"path": "a.yaml", "lines": {"begin": "3"}}}])
    assert not validator.is_valid([issue | {"location": {"path": "/abs/a.yaml", "lines": {"begin": 3}}}])


def test_golden_file(run_minlint: RunMinlint, checkout: Path, validator: jsonschema.Draft7Validator) -> None:
    output = check_violations(run_minlint, checkout, "gitlab", "violations.gitlab.json")
    assert not (GOLDEN / "violations.gitlab.json").read_bytes().startswith(b"\xef\xbb\xbf")
    issues = json.loads(output)
    assert [error.message for error in validator.iter_errors(issues)] == []
    assert len({issue["fingerprint"] for issue in issues}) == len(issues) > 0
    assert all(issue["location"]["path"].startswith("examples/violations/") for issue in issues)


def test_a_path_that_could_not_be_read_is_a_blocker_issue_first(validator: jsonschema.Draft7Validator) -> None:
    problems = (PathProblem("no-such-dir", "no such file or folder"),)
    first, second = render(validator, report(finding(), path_problems=problems))
    assert first == {
        "type": "issue",
        "check_name": "minlint/path-not-read",
        "description": "path could not be read: no-such-dir: no such file or folder",
        "categories": ["Bug Risk"],
        "severity": "blocker",
        "fingerprint": hashlib.md5(b"minlint/path-not-read:no-such-dir").hexdigest(),
        "location": {"path": "no-such-dir", "lines": {"begin": 1}},
    }
    assert second["check_name"] == "ML001"


def test_the_path_of_a_name_that_is_not_utf8_is_what_gitlab_reads(validator: jsonschema.Draft7Validator) -> None:
    (issue,) = render(validator, report(finding(path="plans/\\xff.yaml")))
    assert issue["location"]["path"] == "plans/\ufffd.yaml"
