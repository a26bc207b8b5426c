"""``minlint suppressions``: every inline suppression of the project — the exceptions register.

File names and reasons are written by whoever controls the repository: every format but JSON shows
their control characters as visible escapes (:func:`minlint.safetext.visible`), the CSV's text cells
are also defused against formulas (:func:`minlint.safetext.csv_cell`), and JSON escapes them its own
way (:mod:`minlint.formatters.jsontext`). A path that could not be read is one ``minlint: error:``
line and exit 2, after the register of what could be read: a register missing files is not complete.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import asdict, dataclass

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error
from minlint.formatters.jsontext import dumps
from minlint.report import PathProblem
from minlint.run import Run
from minlint.run.request import Request
from minlint.safetext import csv_cell, visible
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
    """Every suppression in the project, with whether it is in effect and how many findings it silences."""
    return collect(request)[0]


def collect(request: Request) -> tuple[list[Row], tuple[PathProblem, ...]]:
    """The register (see :func:`register`) and the paths that could not be read.

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
    return sorted(rows, key=lambda row: (row.file, row.line)), report.path_problems


HEADERS = ("file", "line", "rules", "reason", "until", "status", "silenced")
NUMBERS = frozenset({"line", "silenced"})


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def render(rows: list[Row], output_format: str, problems: tuple[PathProblem, ...] = ()) -> str:
    """The register as text, JSON, CSV or Markdown; ``problems`` (paths not read) are said in text and JSON."""
    if output_format == "json":
        document = {"version": 1, "suppressions": [asdict(row) for row in rows]}
        if problems:
            document["errors"] = [{"path": problem.path, "message": problem.message} for problem in problems]
        return dumps(document) + "\n"
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEADERS)
        writer.writerows(
            [[value if header in NUMBERS else csv_cell(str(value)) for header, value in _values(row)] for row in rows]
        )
        return buffer.getvalue()
    table = [[visible(str(value)) for _, value in _values(row)] for row in rows]
    if output_format == "markdown":
        lines = ["| " + " | ".join(HEADERS) + " |", "| " + " | ".join("---" for _ in HEADERS) + " |"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |" for cells in table]
        return "\n".join(lines) + "\n"
    unread = f"{_plural(len(problems), 'path')} could not be read; " if problems else ""
    if not rows:
        return f"{unread}0 suppressions.\n" if unread else "No suppressions.\n"
    widths = [max(len(header), *(len(cells[index]) for cells in table)) for index, header in enumerate(HEADERS)]
    lines = ["  ".join(header.ljust(widths[index]) for index, header in enumerate(HEADERS)).rstrip()]
    lines += ["  ".join(cell.ljust(widths[index]) for index, cell in enumerate(cells)).rstrip() for cells in table]
    active = sum(1 for row in rows if row.status == "active")
    lines.append("")
    lines.append(f"{unread}{_plural(len(rows), 'suppression')}, {active} in effect.")
    return "\n".join(lines) + "\n"


def _values(row: Row) -> list[tuple[str, str | int]]:
    return [(header, getattr(row, header)) for header in HEADERS]


def run_suppressions(request: Request, output_format: str) -> int:
    """Print the register, then a ``minlint: error:`` line per path that could not be read; returns the exit code."""
    try:
        rows, problems = collect(request)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    sys.stdout.write(render(rows, output_format, problems))
    for problem in problems:
        error(f"{problem.path}: {problem.message}")
    return EXIT_ERROR if problems else EXIT_CLEAN
