"""The ``gitlab`` format: a GitLab Code Quality report (a JSON array of Code Climate issues).

Attach it in CI with ``artifacts: reports: codequality: gl-code-quality-report.json``.

- ``check_name`` is the rule code, ``description`` the rule name and the message.
- ``severity``: ``error`` → ``critical``, ``warning`` → ``minor``, ``info`` → ``info``. minlint's
  errors are compliance failures (no lawful basis, unlimited retention …) that should sort to the
  top of the merge-request widget; warnings are things to review. ``major`` and ``blocker`` are
  left unused so that a future finer grading has room.
- ``fingerprint`` is the MD5 hex digest of the finding's own stable fingerprint (rule, root-relative
  file, plan and target; not the line), with the occurrence suffix of
  :func:`minlint.formatters.sarif.occurrence_fingerprints` when several findings share one: GitLab
  collapses issues with identical fingerprints into one entry, and every occurrence must show.
- ``location.path`` is relative to the project root; the line is given both as ``lines.begin``
  (what GitLab reads) and as Code Climate ``positions.begin`` with the column. ``type`` and
  ``categories`` are Code Climate fields that GitLab ignores.
- Suppressed findings are never included, even with ``show_suppressed``: the format has no way
  to mark an issue as accepted, so it would show up in the merge request as a new problem.
- The output is plain UTF-8 JSON without a byte order mark (GitLab's parser rejects one).
"""

from __future__ import annotations

import hashlib
from typing import Any

from minlint.formatters import FormatOptions
from minlint.formatters.jsontext import dumps
from minlint.formatters.sarif import occurrence_fingerprints
from minlint.report import Report

SEVERITIES = {"error": "critical", "warning": "minor", "info": "info"}
CATEGORIES = ("Security",)


def gitlab_issues(report: Report) -> list[dict[str, Any]]:
    """The report's findings as Code Climate issues, in report order."""
    fingerprints = occurrence_fingerprints(report.findings, report)
    issues: list[dict[str, Any]] = []
    for finding, fingerprint in zip(report.findings, fingerprints, strict=True):
        line = max(finding.line, 1)
        issues.append(
            {
                "type": "issue",
                "check_name": finding.rule,
                "description": f"{finding.name}: {finding.message}",
                "categories": list(CATEGORIES),
                "severity": SEVERITIES.get(finding.severity, "minor"),
                "fingerprint": hashlib.md5(fingerprint.encode("utf-8"), usedforsecurity=False).hexdigest(),
                "location": {
                    "path": report.root_relative(finding.path),
                    "lines": {"begin": line},
                    "positions": {"begin": {"line": line, "column": max(finding.column, 1)}},
                },
            }
        )
    return issues


def format_gitlab(report: Report, options: FormatOptions) -> str:
    """Render ``report`` as a GitLab Code Quality JSON array (indented, UTF-8 characters kept)."""
    return dumps(gitlab_issues(report)) + "\n"
