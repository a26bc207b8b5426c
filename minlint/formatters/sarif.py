r"""The ``sarif`` format: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run, with every rule of the report in ``tool.driver.rules`` (metadata and help read from
the rule packs through :func:`minlint.docgen.rule_markdown`) and one result per finding.

Choices made so that the output is a pure, reproducible function of the report:

- No timestamps, no absolute paths, and ``invocations`` only when something failed: golden files
  and CI diffs stay stable.
- A path that could not be read (a missing path, an unreadable file) makes the run fail visibly:
  ``invocations[0].executionSuccessful`` is ``false``, with one ``toolExecutionNotifications`` entry
  (level ``error``, the path and why) per path. A clean run has no ``invocations`` at all.
- ``artifactLocation.uri`` is relative to the project root, with ``uriBaseId: "%SRCROOT%"``, and
  percent-encodes the file name's real bytes (RFC 3986): a name that is not UTF-8 is shown as
  ``\xNN`` by the other formats, but here ``%FF`` is the byte itself, which a viewer can open.
  ``originalUriBaseIds`` (the root as a ``file://`` URI) is left out on purpose: the root differs
  per machine and checkout, and SARIF consumers such as GitHub code scanning resolve relative
  URIs against the repository checkout themselves. ``FormatOptions`` has no switch for it.
- ``partialFingerprints["minlint/v1"]`` is :meth:`Finding.fingerprint` of the root-relative path.
  Findings sharing a fingerprint (the same rule about the same target in one file) are told apart
  by an occurrence suffix: the first keeps the bare fingerprint, the n-th gets ``:n`` (``:2``,
  ``:3`` …), so an existing alert keeps its identity when a second occurrence appears.
- Suppressed findings are always included, after the active ones, with ``suppressions``
  (``inSource`` for inline comments, ``external`` for the baseline): code scanning uses them to
  close alerts, whatever ``show_suppressed`` says. Active findings are numbered first, so their
  fingerprints never depend on what is suppressed.
- ``columnKind`` is ``unicodeCodePoints``: minlint's columns count characters.
- ``helpUri`` (the rule's section of docs/rules.md) is given for built-in rules only; rules from
  ``--rules`` packs are not documented there, and carry their full help in ``help`` instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import minlint
from minlint.docgen import rule_markdown
from minlint.engine.rule import RuleDef
from minlint.findings import Finding
from minlint.formatters import FormatOptions
from minlint.formatters.jsontext import dumps
from minlint.report import PathProblem, Report, Suppressed
from minlint.safetext import name_bytes

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/minlint/minlint"
RULES_DOC = "https://github.com/minlint/minlint/blob/main/docs/rules.md"
FINGERPRINT_KEY = "minlint/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SUPPRESSION_KINDS = {"inline": "inSource", "baseline": "external"}

_INLINE = re.compile(r"\*\*|`")


def occurrence_fingerprints(findings: Iterable[Finding], report: Report) -> list[str]:
    """Each finding's fingerprint (of its root-relative path), made unique by an occurrence suffix.

    The first finding with a given fingerprint keeps it bare; later ones get ``:2``, ``:3`` …
    """
    seen: dict[str, int] = {}
    unique: list[str] = []
    for finding in findings:
        base = finding.fingerprint(report.root_relative(finding.path))
        seen[base] = seen.get(base, 0) + 1
        unique.append(base if seen[base] == 1 else f"{base}:{seen[base]}")
    return unique


def plain_text(markdown: str) -> str:
    """A plain-text rendering of minlint's rule Markdown: no heading marks, emphasis or fences.

    Code blocks are kept verbatim, indented by four spaces; only prose loses its markup.
    """
    lines: list[str] = []
    in_code = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            lines.append(f"    {line}" if line else "")
        else:
            lines.append(_INLINE.sub("", line.lstrip("#").lstrip() if line.startswith("#") else line))
    return "\n".join(lines).rstrip("\n") + "\n"


def help_uri(rule: RuleDef) -> str | None:
    """The rule's section in docs/rules.md (the anchor GitHub makes of ``## ML001 `name```).

    Only built-in rules (from the ``rules/`` packs) are documented there; a rule from a pack given
    with ``--rules`` has none, and its full help is in ``help`` anyway.
    """
    if not rule.source.startswith("rules/"):
        return None
    return f"{RULES_DOC}#{rule.id}-{rule.name}".lower()


def _rule(rule: RuleDef) -> dict[str, Any]:
    markdown = rule_markdown(rule, links=False)  # a relative link to docs/ means nothing in a code host
    entry: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": plain_text(markdown), "markdown": markdown},
    }
    uri = help_uri(rule)
    if uri is not None:
        entry["helpUri"] = uri
    entry["defaultConfiguration"] = {"level": LEVELS.get(rule.severity, "warning")}
    entry["properties"] = {"tags": ["privacy", "gdpr", *([rule.pack] if rule.pack else [])], "precision": "high"}
    return entry


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifact location: a URI relative to ``%SRCROOT%``, the name's real bytes percent-encoded.

    ``path`` is a path as findings show it (:func:`minlint.paths.display_path`); a file outside the
    project root (an absolute path) gets a ``file://`` URI and no base.
    """
    uri = quote(name_bytes(path))
    if path.startswith("/"):
        return {"uri": "file://" + uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def _message(finding: Finding, rule: RuleDef | None) -> str:
    if rule is None:
        return finding.message
    return f"{finding.message}\nhint: {rule.short_hint} [minlint explain {finding.rule}]"


def _result(
    finding: Finding,
    fingerprint: str,
    report: Report,
    index: dict[str, int],
    suppressed: Suppressed | None,
) -> dict[str, Any]:
    position = index.get(finding.rule)
    rule = report.rules[position] if position is not None else None
    result: dict[str, Any] = {"ruleId": finding.rule}
    if position is not None:
        result["ruleIndex"] = position
    result["level"] = LEVELS.get(finding.severity, "warning")
    result["message"] = {"text": _message(finding, rule)}
    region = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact_location(report.root_relative(finding.path)),
            "region": region,
        }
    }
    if finding.target:
        name = f"{finding.scope}:{finding.target}" if finding.scope else finding.target
        location["logicalLocations"] = [{"fullyQualifiedName": name, "kind": "member"}]
    result["locations"] = [location]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if suppressed is not None:
        result["suppressions"] = [_suppression(suppressed, report)]
    return result


def _suppression(suppressed: Suppressed, report: Report) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": SUPPRESSION_KINDS.get(suppressed.by, "external"), "status": "accepted"}
    if suppressed.reason:
        entry["justification"] = suppressed.reason
    if suppressed.by == "inline" and suppressed.line > 0:
        path = report.root_relative(suppressed.finding.path)
        entry["location"] = {
            "physicalLocation": {"artifactLocation": artifact_location(path), "region": {"startLine": suppressed.line}}
        }
    if suppressed.expires:
        entry["properties"] = {"expires": suppressed.expires}
    return entry


def _notification(problem: PathProblem, report: Report) -> dict[str, Any]:
    location = {"physicalLocation": {"artifactLocation": artifact_location(report.root_relative(problem.path))}}
    return {"level": "error", "message": {"text": f"{problem.path}: {problem.message}"}, "locations": [location]}


def invocations(report: Report) -> list[dict[str, Any]]:
    """The run's ``invocations``: none for a run that read every path, else one that failed and says why."""
    if not report.path_problems:
        return []
    notifications = [_notification(problem, report) for problem in report.path_problems]
    return [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]


def sarif_log(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (plain data, keys in a fixed order)."""
    index = {rule.id: position for position, rule in enumerate(report.rules)}
    active = list(report.findings)
    silenced = [item.finding for item in report.suppressed]
    fingerprints = occurrence_fingerprints([*active, *silenced], report)
    results = [_result(f, fingerprints[i], report, index, None) for i, f in enumerate(active)]
    results += [
        _result(item.finding, fingerprints[len(active) + i], report, index, item)
        for i, item in enumerate(report.suppressed)
    ]
    driver = {
        "name": "minlint",
        "version": minlint.__version__,
        "semanticVersion": minlint.__version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in report.rules],
    }
    run: dict[str, Any] = {"tool": {"driver": driver}}
    failed = invocations(report)
    if failed:
        run["invocations"] = failed
    run |= {"results": results, "columnKind": "unicodeCodePoints"}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def format_sarif(report: Report, options: FormatOptions) -> str:
    """Render ``report`` as a SARIF 2.1.0 log (indented JSON, UTF-8 characters kept, newline at the end)."""
    return dumps(sarif_log(report)) + "\n"
