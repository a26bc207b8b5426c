"""``minlint rules``: every rule, with its severity and whether it runs under the current configuration."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error
from minlint.run.request import Request
from minlint.run.rules import rule_set
from minlint.run.workspace import Workspace

HEADERS = ("code", "name", "severity", "target", "enabled", "summary")


@dataclass(frozen=True, slots=True)
class RuleRow:
    """One rule as the table shows it (severity after configuration overrides)."""

    code: str
    name: str
    severity: str
    target: str
    enabled: bool
    summary: str
    pack: str


def rule_rows(request: Request) -> list[RuleRow]:
    """Every known rule (built-in and configured packs), in code order."""
    rules = rule_set(Workspace(request), request)
    running = {rule.id for rule in rules.running}
    return [
        RuleRow(
            code=rule.id,
            name=rule.name,
            severity=rules.severity(rule),
            target=", ".join(rule.targets),
            enabled=rule.id in running,
            summary=rule.summary,
            pack=rule.pack,
        )
        for rule in rules.known
    ]


def render(rows: list[RuleRow], output_format: str) -> str:
    """The rule table as text, JSON or Markdown."""
    if output_format == "json":
        return json.dumps({"version": 1, "rules": [asdict(row) for row in rows]}, indent=2, ensure_ascii=False) + "\n"
    cells = [
        [row.code, row.name, row.severity, row.target, "yes" if row.enabled else "no", row.summary] for row in rows
    ]
    if output_format == "markdown":
        lines = ["| " + " | ".join(HEADERS) + " |", "| " + " | ".join("---" for _ in HEADERS) + " |"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    widths = [max(len(header), *(len(row[index]) for row in cells)) for index, header in enumerate(HEADERS[:-1])]
    lines = ["  ".join(header.ljust(widths[index]) for index, header in enumerate(HEADERS[:-1])) + "  summary"]
    lines += [
        "  ".join(cell.ljust(widths[index]) for index, cell in enumerate(row[:-1])) + "  " + row[-1] for row in cells
    ]
    enabled = sum(1 for row in rows if row.enabled)
    lines += ["", f"{len(rows)} rules, {enabled} enabled. `minlint explain CODE` explains one."]
    return "\n".join(lines) + "\n"


def run_rules(request: Request, output_format: str) -> int:
    """Print the rule table; returns the exit code."""
    try:
        rows = rule_rows(request)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    sys.stdout.write(render(rows, output_format))
    return EXIT_CLEAN
