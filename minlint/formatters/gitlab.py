"""The ``gitlab`` format: a GitLab Code Quality report (a JSON array of Code Climate issues).

Attach it in CI with ``artifacts: reports: codequality: gl-code-quality-report.json``.

- ``check_name`` is the rule code, ``description`` the rule name and the message.
- ``severity``: ``error`` → ``critical``, ``warning`` → ``minor``, ``info`` → ``info``. minlint's
  errors are compliance failures (no lawful basis, unlimited retention …) that should sort to the
  top of the merge-request widget; warnings are things to review. ``major`` is left unused so that
  a future finer grading has room.
- A path that could not be read (a missing path, an unreadable file) is an issue of its own, first,
  with ``check_name`` ``minlint/path-not-read``, severity ``blocker`` (the check did not see
  everything, which outranks any finding) and the path at line 1. Code Quality has no other way
  to report a tool error: a report without it would show a clean merge request.
- ``fingerprint`` is the MD5 hex digest of the finding's own stable fingerprint (rule, root-relative
  file, plan and target; not the line), with the occurrence suffix of
  :func:`minlint.formatters.sarif.occurrence_fingerprints` when several findings share one: GitLab
  collapses issues with identical fingerprints into one entry, and every occurrence must show.
- ``location.path`` is relative to the project root, the name as GitLab reads it (a byte that is
  not UTF-8 is U+FFFD, :func:`minlint.safetext.host_name`); the line is given both as ``lines.begin``
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
from minlint.report import PathProblem, Report
from minlint.safetext import host_name

SEVERITIES = {"error": "critical", "warning": "minor", "info": "info"}
CATEGORIES = ("Security",)
PATH_NOT_READ = "minlint/path-not-read"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()


def problem_issue(problem: PathProblem, report: Report) -> dict[str, Any]:
    """A path that could not be read, as a ``blocker`` issue at its line 1."""
    path = report.root_relative(problem.path)
    return {
        "type": "issue",
        "check_name": PATH_NOT_READ,
        "description": f"path could not be read: {problem.path}: {problem.message}",
        "categories": ["Bug Risk"],
        "severity": "blocker",
        "fingerprint": _md5(f"{PATH_NOT_READ}:{path}"),
        "location": {"path": host_name(path), "lines": {"begin": 1}},
    }


def gitlab_issues(report: Report) -> list[dict[str, Any]]:
    """The paths that could not be read, then the report's findings, as Code Climate issues."""
    fingerprints = occurrence_fingerprints(report.findings, report)
    issues = [problem_issue(problem, report) for problem in report.path_problems]
    for finding, fingerprint in zip(report.findings, fingerprints, strict=True):
        line = max(finding.line, 1)
        issues.append(
            {
                "type": "issue",
                "check_name": finding.rule,
                "description": f"{finding.name}: {finding.message}",
                "categories": list(CATEGORIES),
                "severity": SEVERITIES.get(finding.severity, "minor"),
                "fingerprint": _md5(fingerprint),
                "location": {
                    "path": host_name(report.root_relative(finding.path)),
                    "lines": {"begin": line},
                    "positions": {"begin": {"line": line, "column": max(finding.column, 1)}},
                },
            }
        )
    return issues


def format_gitlab(report: Report, options: FormatOptions) -> str:
    """Render ``report`` as a GitLab Code Quality JSON array (indented, UTF-8 characters kept)."""
    return dumps(gitlab_issues(report)) + "\n"
