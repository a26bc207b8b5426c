"""The ``json`` format: one object with every finding and the summary counts.

A run in which some path could not be read (a missing path, an unreadable file) also has ``errors``:
one ``{"path": …, "message": …}`` per path, after ``summary``. A run that read everything has no
``errors`` key, so its output is what it always was.
"""

from __future__ import annotations

from typing import Any

from minlint.findings import Finding
from minlint.formatters import FormatOptions
from minlint.formatters.jsontext import dumps
from minlint.report import Report

JSON_FORMAT_VERSION = 1


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "target": finding.target,
        "message": finding.message,
    }


def report_dict(report: Report, show_suppressed: bool = False, *, lazy: bool = False) -> dict[str, Any]:
    """The report as plain data, in the documented ``version: 1`` shape.

    ``errors`` lists the paths that could not be read, when there are any. With ``show_suppressed`` a
    ``suppressed`` list is added: each silenced finding with ``by``
    (``inline`` or ``baseline``), ``reason`` and, for inline ones, the comment's ``line`` and ``until``.
    ``lazy`` gives the findings as a generator, for :func:`~minlint.formatters.jsontext.dumps`.
    """
    summary = report.summary
    findings = (_finding(finding) for finding in report.findings)
    document: dict[str, Any] = {
        "version": JSON_FORMAT_VERSION,
        "findings": findings if lazy else list(findings),
        "summary": {
            "files": summary.files,
            "fields": summary.fields,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    }
    if report.path_problems:
        document["errors"] = [{"path": problem.path, "message": problem.message} for problem in report.path_problems]
    if show_suppressed:
        document["suppressed"] = [
            {
                **_finding(item.finding),
                "by": item.by,
                "reason": item.reason,
                **({"suppression_line": item.line, "until": item.expires} if item.by == "inline" else {}),
            }
            for item in report.suppressed
        ]
    return document


def format_json(report: Report, options: FormatOptions) -> str:
    """Render ``report`` as indented JSON (stable key order, UTF-8 characters kept)."""
    return dumps(report_dict(report, options.show_suppressed, lazy=True)) + "\n"
