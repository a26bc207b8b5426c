r"""The ``markdown`` inventory: summary, the Art. 30 purpose table, the data flow as Mermaid, the fields.

GitHub-flavoured Markdown, meant to be committed next to the specs or pasted into a wiki. Spec text
is untrusted: plain text is folded onto one line and escaped so it cannot start a link, emphasis, an
HTML tag or a new table cell; identifiers go in code spans (whose pipes are still escaped, as GitHub
tables require). Control characters never reach the file raw (:mod:`minlint.safetext`): in plain
text they are folded or made visible, in an identifier a line break shows as ``\n``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from minlint.inventory.flow import build_flow
from minlint.inventory.mermaid import render_mermaid
from minlint.inventory.model import Inventory, Row
from minlint.inventory.text import (
    INTRO,
    NONE,
    SEVERITY_MARKS,
    TITLE,
    personal_text,
    summary_lines,
)
from minlint.safetext import visible

_MARKUP = re.compile(r"([\\`*_\[\]<>|#!~])")


def text(value: str) -> str:
    """Plain text safe in a table cell: one line, Markdown and HTML characters backslash-escaped."""
    # Folded, not stripped: a message's parts between code spans keep their edge spaces.
    one_line = visible(re.sub(r"\s+", " ", value.replace("&", "&amp;")))
    return _MARKUP.sub(r"\\\1", one_line)


def code(value: str) -> str:
    """``value`` as a code span in a table cell (long enough backtick fences, pipes escaped)."""
    value = " ".join(visible(value).split())
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {value} " if value.startswith("`") or value.endswith("`") or longest else value
    return f"{fence}{padded}{fence}".replace("|", "\\|")


def message(value: str) -> str:
    """A finding's message: its `backticked` parts as code spans, the rest as escaped text."""
    parts = value.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code spans at all
        return text(value)
    return "".join(code(part) if number % 2 else text(part) for number, part in enumerate(parts) if part)


def codes(values: Iterable[str]) -> str:
    """Several identifiers as code spans, comma-separated; ``—`` when there are none."""
    return ", ".join(code(value) for value in values) or NONE


def table(headers: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """A GitHub table: a header row, an alignment row (``right``: right-aligned column numbers), the rows."""
    align = ["---:" if number in right else "---" for number in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines.extend("| " + " | ".join(cell or NONE for cell in row) + " |" for row in rows)
    return lines


def _summary(inventory: Inventory) -> list[str]:
    lines = ["## Summary", ""]
    lines += table(["", "Count"], [[label, str(count)] for label, count in summary_lines(inventory)], frozenset({1}))
    lines.append("")
    if inventory.findings_by_rule:
        rows = [
            [
                code(item.rule),
                text(item.name),
                f"{SEVERITY_MARKS.get(item.severity, '')} {item.severity}",
                str(item.count),
            ]
            for item in inventory.findings_by_rule
        ]
        lines += ["Findings by rule:", "", *table(["Rule", "Name", "Severity", "Findings"], rows, frozenset({3})), ""]
    else:
        lines += ["No findings.", ""]
    return lines


def _purposes(inventory: Inventory) -> list[str]:
    lines = ["## Purposes (GDPR Art. 30)", ""]
    if not inventory.purposes:
        return [*lines, "No field declares a purpose.", ""]
    rows = []
    for view in inventory.purposes:
        description = text(view.description) if view.description else ""
        if not view.declared:
            description = (description + " " if description else "") + "*(not in the purposes registry)*"
        categories = ", ".join(
            text(category.name or category.key) + (" (Art. 9)" if category.special else "")
            for category in view.categories
        )
        retention = ", ".join(text(item) for item in view.retention)
        if view.max_retention:
            retention += f" (limit {text(view.max_retention)})"
        rows.append(
            [
                code(view.id),
                description,
                categories or "no personal data",
                ", ".join(text(basis) for basis in view.bases),
                retention,
                codes(view.recipients),
                codes(view.campaigns),
                f"{view.fields} ({view.personal_fields} personal)",
            ]
        )
    headers = [
        "Purpose",
        "Description",
        "Categories of personal data",
        "Lawful basis",
        "Retention",
        "Recipients",
        "Campaigns",
        "Fields",
    ]
    return [*lines, *table(headers, rows), ""]


def _flow(inventory: Inventory) -> list[str]:
    flow = build_flow(inventory)
    how = "grouped by data category" if flow.grouped else "one box per field"
    intro = f"Data (fields {how}) → purposes → campaigns → recipients."
    return ["## Data flow", "", intro, "", "```mermaid", render_mermaid(flow).rstrip("\n"), "```", ""]


def _category(row: Row) -> str:
    if not row.category:
        return "undeclared"
    return f"{text(row.category_name)} {code(row.category)}" if row.category_name else code(row.category)


def _findings(row: Row) -> str:
    return "<br>".join(
        f"{SEVERITY_MARKS.get(item.severity, '')} {item.severity} {code(item.rule)} {message(item.message)}"
        for item in row.findings
    )


def _fields(inventory: Inventory) -> list[str]:
    lines = ["## Fields", ""]
    if not inventory.rows:
        return [*lines, "No fields.", ""]
    rows = []
    for row in inventory.rows:
        field = code(row.ref) + f"<br>{text(row.plan)}"
        if row.collected_by:
            field += " (collected by the campaign)"
        rows.append(
            [
                field,
                code(row.where),
                _category(row),
                text(personal_text(row)),
                codes(purpose.id for purpose in row.purposes),
                text(row.basis),
                text(row.retention),
                codes(row.recipients),
                codes(row.campaigns),
                _findings(row),
            ]
        )
    headers = [
        "Field",
        "Defined at",
        "Data category",
        "Personal",
        "Purposes",
        "Lawful basis",
        "Retention",
        "Recipients",
        "Campaigns",
        "Findings",
    ]
    return [*lines, *table(headers, rows), ""]


def _campaigns(inventory: Inventory) -> list[str]:
    if not inventory.campaigns:
        return []
    rows = [
        [
            code(view.name),
            code(f"{view.file}:{view.line}"),
            codes(view.purposes),
            text(view.basis),
            codes(view.uses),
            codes(view.collects),
            codes(view.recipients),
        ]
        for view in inventory.campaigns
    ]
    headers = ["Campaign", "Defined at", "Purposes", "Lawful basis", "Uses", "Collects", "Recipients"]
    return ["## Campaigns", "", *table(headers, rows), ""]


def _other(inventory: Inventory) -> list[str]:
    if not inventory.other_findings:
        return []
    lines = ["## Findings about no single field", "", "Fields of a file that cannot be read are missing above.", ""]
    for item in inventory.other_findings:
        mark = SEVERITY_MARKS.get(item.severity, "")
        lines.append(
            f"- {code(f'{item.file}:{item.line}')} {mark} {item.severity} {code(item.rule)} {message(item.message)}"
        )
    return [*lines, ""]


def render_markdown(inventory: Inventory) -> str:
    """The inventory as a Markdown document (GitHub renders the Mermaid data-flow block)."""
    title = f"# {TITLE}: {text(inventory.generated_from)}" if inventory.generated_from else f"# {TITLE}"
    sections = [
        [title, "", INTRO, ""],
        _summary(inventory),
        _purposes(inventory),
        _flow(inventory),
        _fields(inventory),
        _campaigns(inventory),
        _other(inventory),
    ]
    return "\n".join(line for section in sections for line in section).rstrip("\n") + "\n"
