r"""The ``csv`` inventory: one row per field, for the spreadsheet the DPO already keeps.

Lists are joined with ``; ``. Spec text is untrusted. Spreadsheets run a cell that starts with ``=``,
``+``, ``-`` or ``@`` as a formula, so such text cells are prefixed with ``'`` (the usual defence
against CSV injection); and a terminal would run the control characters a ``cat`` of the file shows,
so they are made visible (``\x1b``, ``\n``), descriptions folded onto one line
(:func:`minlint.safetext.csv_cell`). Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io

from minlint.inventory.model import Inventory, Row
from minlint.safetext import csv_cell

HEADERS = (
    "file",
    "line",
    "plan",
    "ref",
    "section",
    "event",
    "collected_by",
    "description",
    "category",
    "category_name",
    "personal",
    "special",
    "regime",
    "purposes",
    "purpose_descriptions",
    "basis",
    "retention",
    "retention_days",
    "recipients",
    "campaigns",
    "findings",
)
SEPARATOR = "; "
FOLDED = frozenset({"description", "purpose_descriptions"})  # prose: folded onto one line


def safe(value: str, fold: bool = False) -> str:
    """``value`` as a cell: control characters visible, prefixed with ``'`` when a spreadsheet would run it."""
    return csv_cell(value, fold=fold)


def _flag(value: bool | None) -> str:
    return "unknown" if value is None else "yes" if value else "no"


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _cells(row: Row) -> list[str]:
    findings = SEPARATOR.join(f"{item.rule} {item.name} ({item.severity}): {item.message}" for item in row.findings)
    return [
        row.file,
        str(row.line),
        row.plan,
        row.ref,
        row.section,
        row.event,
        row.collected_by,
        row.description,
        row.category,
        row.category_name,
        _flag(row.personal),
        _flag(row.special),
        row.regime,
        SEPARATOR.join(purpose.id for purpose in row.purposes),
        SEPARATOR.join(purpose.description for purpose in row.purposes),
        row.basis,
        row.retention,
        _days(row.retention_days),
        SEPARATOR.join(row.recipients),
        SEPARATOR.join(row.campaigns),
        findings,
    ]


def render_csv(inventory: Inventory) -> str:
    """The fields as CSV with a header row (RFC 4180 quoting; newline line ends, like ``minlint suppressions``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    for row in inventory.rows:
        writer.writerow([safe(cell, header in FOLDED) for header, cell in zip(HEADERS, _cells(row), strict=True)])
    return buffer.getvalue()
