"""A path that could not be read fails the run in every format's own words, never with a green "No findings".

Each test runs the installed command on the clean storefront example plus a path that does not exist:
exit 2, one error line on stderr, and the report itself says what failed.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from typing import Any

import jsonschema
import pytest
import xmlschema

from tests.conftest import REPO, RunMinlint

SCHEMAS = REPO / "tests" / "data" / "schemas"
ERROR_LINE = "minlint: error: no-such-dir: no such file or folder\n"


def check_with_a_missing_path(run_minlint: RunMinlint, *options: str) -> subprocess.CompletedProcess[str]:
    """``minlint check examples/storefront no-such-dir OPTIONS``: exit 2 and exactly one error line."""
    result = run_minlint("check", "examples/storefront", "no-such-dir", *options, cwd=REPO)
    assert result.returncode == 2, result.stderr
    assert result.stderr == ERROR_LINE
    return result


def test_text_says_what_failed_in_red_instead_of_a_green_no_findings(run_minlint: RunMinlint) -> None:
    plain = check_with_a_missing_path(run_minlint).stdout
    assert "No findings" not in plain
    unread = r"1 path could not be read \(no-such-dir\); "
    assert re.fullmatch(unread + r"checked \d+ spec files, \d+ fields: 0 errors, 0 warnings, 0 info\.\n", plain)
    assert check_with_a_missing_path(run_minlint, "--quiet").stdout == ""  # the error: stderr and the exit code
    forced = run_minlint("check", "examples/storefront", "no-such-dir", cwd=REPO, env={"FORCE_COLOR": "1"})
    assert forced.returncode == 2
    assert "\x1b[1;31m1 path could not be read" in forced.stdout
    assert "\x1b[1;32m" not in forced.stdout  # nothing green


def test_json_lists_the_errors_and_keeps_its_other_keys(run_minlint: RunMinlint) -> None:
    document = json.loads(check_with_a_missing_path(run_minlint, "--format", "json").stdout)
    assert list(document) == ["version", "findings", "summary", "errors"]
    assert document["errors"] == [{"path": "no-such-dir", "message": "no such file or folder"}]
    assert document["version"] == 1 and document["findings"] == []
    clean = run_minlint("check", "examples/storefront", "--format", "json", cwd=REPO)
    assert clean.returncode == 0
    assert list(json.loads(clean.stdout)) == ["version", "findings", "summary"]


def test_sarif_says_the_run_did_not_execute_successfully(run_minlint: RunMinlint) -> None:
    log: dict[str, Any] = json.loads(check_with_a_missing_path(run_minlint, "--format", "sarif").stdout)
    schema = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert [error.message for error in jsonschema.Draft4Validator(schema).iter_errors(log)] == []
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"] == {"text": "no-such-dir: no such file or folder"}
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "no-such-dir"


def test_junit_has_an_error_valid_against_both_schemas(run_minlint: RunMinlint) -> None:
    output = check_with_a_missing_path(run_minlint, "--format", "junit").stdout
    data = output.encode("utf-8")
    for name in ("junit.xsd", "junit-ant-windyroad.xsd"):
        schema = xmlschema.XMLSchema(str(SCHEMAS / name))
        assert [error.reason for error in schema.iter_errors(ET.fromstring(data))] == [], name
    root = ET.fromstring(data)
    (error,) = root.iter("error")
    assert error.get("type") == "path-not-read"
    assert error.get("message") == "no-such-dir: no such file or folder"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("errors") == "1"
    assert not any(case.get("name") == "all spec files" for case in root.iter("testcase"))


def test_github_has_an_error_annotation_per_path(run_minlint: RunMinlint) -> None:
    lines = check_with_a_missing_path(run_minlint, "--format", "github").stdout.splitlines()
    assert lines[0] == "::error file=no-such-dir,title=minlint%3A path not read::no-such-dir: no such file or folder"
    assert re.fullmatch(r"minlint: 1 path could not be read; 0 findings in \d+ spec files\.", lines[-1])
    assert len(lines) == 2


def test_gitlab_has_a_blocker_issue_per_path(run_minlint: RunMinlint) -> None:
    (issue,) = json.loads(check_with_a_missing_path(run_minlint, "--format", "gitlab").stdout)
    assert (issue["check_name"], issue["severity"]) == ("minlint/path-not-read", "blocker")
    assert issue["location"] == {"path": "no-such-dir", "lines": {"begin": 1}}
    assert issue["description"] == "path could not be read: no-such-dir: no such file or folder"


@pytest.mark.parametrize("output_format", ["text", "json", "csv", "markdown"])
def test_the_suppressions_register_fails_when_a_path_could_not_be_read(
    run_minlint: RunMinlint, output_format: str
) -> None:
    result = run_minlint(
        "suppressions", "examples/violations", "no-such-dir", "--format", output_format, "--no-cache", cwd=REPO
    )
    assert result.returncode == 2
    assert result.stderr == ERROR_LINE
    if output_format == "text":
        assert result.stdout.splitlines()[-1].startswith("1 path could not be read; ")
    elif output_format == "json":
        document = json.loads(result.stdout)
        assert document["errors"] == [{"path": "no-such-dir", "message": "no such file or folder"}]
        assert document["suppressions"]  # what could be read is still listed
    assert run_minlint("suppressions", "examples/violations", cwd=REPO).returncode == 0
