"""``minlint suppressions``: every inline suppression of the project — the exceptions register."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import asdict, dataclass

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error
from minlint.run import Run
from minlint.run.request import Request
from minlint.vocabulary import EXPIRED, INVALID, NO_REASON, UNUSED

STATUS = {
    NO_REASON: "no reason (not applied)",
    EXPIRED: "expired",
    INVALID: "unreadable (not applied)",
    UNUSED: "unused",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One suppression as the register shows it."""

    file: str
    line: int
    rules: str
    reason: str
    until: str
    status: str
    silenced: int


def register(request: Request) -> list[Row]:
    """Every suppression in the project, with whether it is in effect and how many findings it silences.

    One run of the check (no baseline, no ``--new-since``) gives all of it: the suppressions of the
    reported files, the findings about them (ML904 to ML907) and the findings they silenced.
    """
    report = Run(request._replace(use_baseline=False, new_since=None)).check()
    problems = {(finding.path, finding.line): finding.rule for finding in report.findings if finding.rule in STATUS}
    silenced: dict[tuple[str, int], int] = {}
    for item in report.suppressed:
        if item.by == "inline":
            key = (item.finding.path, item.line)
            silenced[key] = silenced.get(key, 0) + 1
    rows: list[Row] = []
    for suppression in report.suppressions:
        where = (suppression.path, suppression.line)
        code = problems.get(where)
        rows.append(
            Row(
                file=suppression.path,
                line=suppression.line,
                rules=", ".join(suppression.codes),
                reason=suppression.reason or "",
                until=suppression.until.isoformat() if suppression.until else "",
                status=STATUS[code] if code else "active",
                silenced=silenced.get(where, 0),
            )
        )
    return sorted(rows, key=lambda row: (row.file, row.line))


HEADERS = ("file", "line", "rules", "reason", "until", "status", "silenced")


def render(rows: list[Row], output_format: str) -> str:
    """The register as text, JSON, CSV or Markdown."""
    if output_format == "json":
        return (
            json.dumps({"version": 1, "suppressions": [asdict(row) for row in rows]}, indent=2, ensure_ascii=False)
            + "\n"
        )
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEADERS)
        writer.writerows([[getattr(row, header) for header in HEADERS] for row in rows])
        return buffer.getvalue()
    table = [[str(getattr(row, header)) for header in HEADERS] for row in rows]
    if output_format == "markdown":
        lines = ["| " + " | ".join(HEADERS) + " |", "| " + " | ".join("---" for _ in HEADERS) + " |"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |" for cells in table]
        return "\n".join(lines) + "\n"
    if not rows:
        return "No suppressions.\n"
    widths = [max(len(header), *(len(cells[index]) for cells in table)) for index, header in enumerate(HEADERS)]
    lines = ["  ".join(header.ljust(widths[index]) for index, header in enumerate(HEADERS)).rstrip()]
    lines += ["  ".join(cell.ljust(widths[index]) for index, cell in enumerate(cells)).rstrip() for cells in table]
    active = sum(1 for row in rows if row.status == "active")
    lines.append("")
    lines.append(f"{len(rows)} suppression{'s' if len(rows) != 1 else ''}, {active} in effect.")
    return "\n".join(lines) + "\n"


def run_suppressions(request: Request, output_format: str) -> int:
    """Print the register; returns the exit code."""
    try:
        rows = register(request)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    sys.stdout.write(render(rows, output_format))
    return EXIT_CLEAN
