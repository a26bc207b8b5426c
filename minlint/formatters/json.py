"""The ``json`` format: one object with every finding and the summary counts."""

from __future__ import annotations

import json
from typing import Any

from minlint.checker import Report
from minlint.formatters import FormatOptions

JSON_FORMAT_VERSION = 1


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain data, in the documented ``version: 1`` shape."""
    summary = report.summary
    return {
        "version": JSON_FORMAT_VERSION,
        "findings": [
            {
                "rule": finding.rule,
                "name": finding.name,
                "severity": finding.severity,
                "path": finding.path,
                "line": finding.line,
                "column": finding.column,
                "target": finding.target,
                "message": finding.message,
            }
            for finding in report.findings
        ],
        "summary": {
            "files": summary.files,
            "fields": summary.fields,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    }


def format_json(report: Report, options: FormatOptions) -> str:
    """Render ``report`` as indented JSON (stable key order, UTF-8 characters kept)."""
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
