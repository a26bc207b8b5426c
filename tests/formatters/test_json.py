"""The ``json`` format: the documented keys, and an ``errors`` list only when a path could not be read."""

from __future__ import annotations

import json

from minlint.formatters import FormatOptions
from minlint.formatters.json import format_json
from minlint.report import PathProblem
from tests.formatters.support import finding, report


def test_a_report_that_read_every_path_has_exactly_the_documented_keys() -> None:
    document = json.loads(format_json(report(finding()), FormatOptions()))
    assert list(document) == ["version", "findings", "summary"]


def test_paths_that_could_not_be_read_are_listed_under_errors_after_the_summary() -> None:
    problems = (PathProblem("no-such-dir", "no such file or folder"), PathProblem("a\n\x1bb", "cannot read"))
    text = format_json(report(finding(), path_problems=problems), FormatOptions(show_suppressed=True))
    document = json.loads(text)
    assert list(document) == ["version", "findings", "summary", "errors", "suppressed"]
    assert document["errors"] == [
        {"path": "no-such-dir", "message": "no such file or folder"},
        {"path": "a\n\x1bb", "message": "cannot read"},  # exact, JSON-escaped
    ]
    assert '"a\\n\\u001bb"' in text
    assert document["summary"]["errors"] == 1  # findings of severity error: unchanged in meaning
