"""The ``html`` inventory: one self-contained page for the DPO — summary, Art. 30 view, picture, fields.

Nothing is fetched: the stylesheet, the script and the SVG picture are inline, and a Content
Security Policy (``default-src 'none'``, the style and script allowed by their hashes) makes the
browser refuse anything else, even if spec text ever slipped through unescaped — which it does not:
every piece of spec text goes through :func:`escape` (:func:`html.escape`, after its control
characters are made visible; descriptions are also folded onto one line by
:func:`minlint.safetext.prose`). Findings sit in the row of the field they concern, marked by
severity in words and symbols as well as colour.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html import escape as _escape

from minlint.inventory.assets import SCRIPT, STYLE
from minlint.inventory.flow import build_flow
from minlint.inventory.model import FindingRef, Inventory, PurposeView, Row
from minlint.inventory.svg import render_svg
from minlint.inventory.text import INTRO, NONE, SEVERITY_MARKS, TITLE, summary_lines
from minlint.safetext import prose, visible

SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}
INDEFINITE_DAYS = 10**9  # sorts "indefinitely" and unreadable retentions after every real one


def csp_hash(source: str) -> str:
    """``'sha256-…'``: the Content Security Policy source that allows exactly this inline style or script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def escape(text: str) -> str:
    """Spec text for HTML: control characters made visible (:func:`minlint.safetext.visible`), markup escaped."""
    return _escape(visible(text))


def ident(text: str) -> str:
    """``text`` escaped, with a line-break opportunity after each ``.``, ``/`` and ``:`` (identifiers, paths)."""
    return re.sub(r"([./:])", r"\1<wbr>", escape(text))


def message(text: str) -> str:
    """A finding's message, escaped, with its `backticked` parts as ``<code>``."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code at all
        return escape(text)
    return "".join(f"<code>{escape(part)}</code>" if number % 2 else escape(part) for number, part in enumerate(parts))


def _path(file: str, line: int) -> str:
    return f"<code>{ident(file)}:{line}</code>"


def _codes(values: Iterable[str]) -> str:
    return ", ".join(f"<code>{ident(value)}</code>" for value in values) or NONE


def _finding_items(findings: Iterable[FindingRef], where: bool = False) -> str:
    items = []
    for item in findings:
        place = f"{_path(item.file, item.line)} " if where else ""
        items.append(
            f'<li class="finding sev-{escape(item.severity)}">{place}'
            f'<span class="sev">{SEVERITY_MARKS.get(item.severity, "")} {escape(item.severity)}</span> '
            f"<code>{escape(item.rule)}</code> {escape(item.name)}: {message(item.message)}</li>"
        )
    return f'<ul class="findings">{"".join(items)}</ul>' if items else ""


def _small(text: str) -> str:
    return f'<br><span class="small">{escape(text)}</span>' if text else ""


def _list(items: str) -> str:
    return f'<ul class="plain">{items}</ul>' if items else ""


def _finding_count(findings: tuple[FindingRef, ...]) -> str:
    """``✖ 2 ▲ 1``: the row's findings counted by severity (in words for screen readers)."""
    counts = [(severity, sum(1 for item in findings if item.severity == severity)) for severity in SEVERITY_ORDER]
    shown = [
        f'<span class="count sev-{severity}"><span aria-hidden="true">{SEVERITY_MARKS[severity]}</span> {count}'
        f'<span class="sr-only"> {severity}{"s" if count != 1 else ""}</span></span>'
        for severity, count in counts
        if count
    ]
    return " ".join(shown) or "0"


def _personal(row: Row) -> tuple[str, int]:
    """The personal-data tag of a row, and its rank (3 special, 2 personal, 1 unknown, 0 not personal)."""
    regime = escape(row.regime.replace("art", "Art. ")) if row.regime else ""
    if row.special:
        return f'<span class="tag special">⚠ special category ({regime or "Art. 9"})</span>', 3
    if row.personal is None:
        return '<span class="tag unknown">personal? unknown</span>', 1
    if row.personal:
        return f'<span class="tag personal">personal data{f" ({regime})" if regime else ""}</span>', 2
    return '<span class="tag">not personal</span>', 0


def _summary(inventory: Inventory) -> str:
    alerts = {"Special-category fields (Art. 9)", "Fields without a data category", "Findings"}
    items = "".join(
        f'<li class="{"alert" if label in alerts and count else "count"}"><span class="number">{count}</span>'
        f"{escape(label)}</li>"
        for label, count in summary_lines(inventory)
    )
    parts = ['<section id="summary" aria-labelledby="summary-title">', '<h2 id="summary-title">Summary</h2>']
    parts.append(f'<ul class="counts">{items}</ul>')
    if inventory.findings_by_rule:
        rows = "".join(
            f"<tr><td><code>{escape(item.rule)}</code></td><td>{escape(item.name)}</td>"
            f'<td><span class="finding sev-{escape(item.severity)}">{SEVERITY_MARKS.get(item.severity, "")} '
            f'{escape(item.severity)}</span></td><td class="number">{item.count}</td></tr>'
            for item in inventory.findings_by_rule
        )
        parts.append(
            '<table id="findings-by-rule"><caption class="small">Findings by rule</caption><thead><tr>'
            '<th scope="col">Rule</th><th scope="col">Name</th><th scope="col">Severity</th>'
            f'<th scope="col" class="number">Findings</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    else:
        parts.append("<p>No findings.</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _purpose_row(number: int, view: PurposeView) -> str:
    name = f'<br><span class="small">{escape(view.name)}</span>' if view.name else ""
    undeclared = "" if view.declared else ' <span class="tag unknown">not in the purposes registry</span>'
    categories = "".join(
        f'<li>{escape(item.name or item.key)} <code class="key">{ident(item.key)}</code>'
        + (' <span class="tag special">⚠ Art. 9</span>' if item.special else "")
        + "</li>"
        for item in view.categories
    )
    listed = _list(categories) or "no personal data"
    retention = ", ".join(escape(item) for item in view.retention) or NONE
    if view.max_retention:
        retention += f'<br><span class="small">limit {escape(view.max_retention)}</span>'
    return (
        f'<tr id="purpose-{number}"><th scope="row"><code>{ident(view.id)}</code>{name}</th>'
        f"<td>{escape(prose(view.description)) or NONE}{undeclared}</td>"
        f"<td>{listed}</td>"
        f"<td>{escape(', '.join(view.bases)) or NONE}</td><td>{retention}</td>"
        f"<td>{_codes(view.recipients)}</td><td>{_codes(view.campaigns)}</td>"
        f'<td class="number">{view.fields}<br><span class="small">{view.personal_fields} personal</span></td></tr>'
    )


def _purposes(inventory: Inventory) -> str:
    head = "".join(
        f'<th scope="col">{label}</th>'
        for label in (
            "Purpose",
            "Description",
            "Categories of personal data",
            "Lawful basis",
            "Retention",
            "Recipients",
            "Campaigns",
            "Fields",
        )
    )
    body = "".join(_purpose_row(number, view) for number, view in enumerate(inventory.purposes))
    return (
        '<section id="purposes" aria-labelledby="purposes-title">'
        '<h2 id="purposes-title">Purposes (GDPR Art. 30)</h2>'
        '<p class="small">For each purpose: the categories of personal data processed for it, the lawful basis, '
        "how long the data is kept and who receives it.</p>"
        f'<div class="table-wrap"><table id="purpose-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div></section>"
    )


def _flow(inventory: Inventory) -> str:
    flow = build_flow(inventory)
    labels = {node.id: node.label for node in flow.nodes}
    edges = "".join(f"<li>{escape(labels[e.source])} → {escape(labels[e.target])}</li>" for e in flow.edges)
    return (
        '<section id="flow" aria-labelledby="flow-heading"><h2 id="flow-heading">Data flow</h2>'
        '<p class="small">Data → purposes → campaigns → recipients. A dashed arrow from a purpose to a recipient: '
        "fields serving the purpose are shared with that recipient directly (<code>shared_with</code>), not through "
        "a campaign. Special-category data has a thick dashed red border and says so.</p>"
        f'<div class="flow-wrap">{render_svg(flow, "Data flow: data, purposes, campaigns, recipients")}</div>'
        f'<details><summary>The data flow as a list</summary><ul id="flow-list">{edges}</ul></details></section>'
    )


def _field_row(number: int, row: Row, anchors: dict[str, str]) -> str:
    personal, personal_rank = _personal(row)
    worst = max((SEVERITY_ORDER.get(item.severity, 0) for item in row.findings), default=0)
    row_class = "".join(f' class="worst-{name}"' for name, rank in SEVERITY_ORDER.items() if rank == worst)
    weight = sum(10 ** (2 * SEVERITY_ORDER.get(item.severity, 0)) for item in row.findings)
    purposes = "".join(
        f'<li><a href="#{anchors[item.id]}" title="{escape(prose(item.description))}">'
        f"<code>{ident(item.id)}</code></a></li>"
        if item.id in anchors
        else f"<li><code>{ident(item.id)}</code></li>"
        for item in row.purposes
    )
    bases = row.basis.split("; ") if "; " in row.basis else []
    basis = "".join(f"<li>{ident(item)}</li>" for item in bases)
    collected = '<br><span class="tag">collected by the campaign</span>' if row.collected_by else ""
    days = row.retention_days if row.retention_days is not None else (INDEFINITE_DAYS if row.retention else -1)
    category = escape(row.category_name or row.category) if row.category else "undeclared"
    if row.category and row.category_name:
        category += f'<br><code class="key">{ident(row.category)}</code>'
    field = f"<code>{ident(row.ref)}</code>{_small(row.plan)}{_small(prose(row.description))}{collected}"
    return (
        f'<tr id="field-{number}" data-key="{escape(row.key)}"{row_class}>'
        f'<th scope="row" data-sort="{escape(row.ref)}">{field}{_finding_items(row.findings)}</th>'
        f'<td data-sort="{escape(row.file)}:{row.line:08d}">{_path(row.file, row.line)}</td>'
        f'<td data-sort="{3 - personal_rank} {escape(row.category_name or row.category)}">{category}<br>{personal}</td>'
        f"<td>{_list(purposes) or NONE}</td>"
        f"<td>{_list(basis) or escape(row.basis) or NONE}</td>"
        f'<td data-sort="{days:g}">{escape(row.retention) or NONE}</td>'
        f"<td>{_codes(row.recipients)}</td><td>{_codes(row.campaigns)}</td>"
        f'<td class="number" data-sort="{weight}">{_finding_count(row.findings)}</td></tr>'
    )


COLUMNS = (
    ("Field", "text"),
    ("Defined at", "text"),
    ("Data category", "text"),
    ("Purposes", "text"),
    ("Lawful basis", "text"),
    ("Retention", "number"),
    ("Recipients", "text"),
    ("Campaigns", "text"),
    ("Findings", "number"),
)


def _fields(inventory: Inventory) -> str:
    head = "".join(
        f'<th scope="col" data-column="{label.lower().replace(" ", "-")}" data-sort-type="{kind}" '
        f'aria-sort="{"ascending" if label == "Defined at" else "none"}">{label}</th>'
        for label, kind in COLUMNS
    )
    anchors = {view.id: f"purpose-{number}" for number, view in enumerate(inventory.purposes)}
    body = "\n".join(_field_row(number, row, anchors) for number, row in enumerate(inventory.rows))
    total = len(inventory.rows)
    return (
        '<section id="fields" aria-labelledby="fields-title"><h2 id="fields-title">Fields</h2>'
        '<div class="filter" id="filter-controls" hidden><label for="filter">Filter fields</label>'
        '<input id="filter" type="search" placeholder="e.g. email, consent, mailchimp" autocomplete="off" '
        'aria-controls="field-table">'
        f'<span id="filter-status" role="status" aria-live="polite">{total} of {total} fields shown</span></div>'
        '<noscript><p class="small">Sorting and filtering need JavaScript; the table below is complete without it.'
        "</p></noscript>"
        f'<div class="table-wrap"><table id="field-table"><caption class="small">{total} fields, in file order. '
        "Click a column header to sort; a purpose links to its description.</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div></section>"
    )


def _campaigns(inventory: Inventory) -> str:
    if not inventory.campaigns:
        return ""
    body = "".join(
        f'<tr><th scope="row"><code>{escape(view.name)}</code><br><span class="small">{escape(prose(view.description))}'
        f"</span></th><td>{_path(view.file, view.line)}</td><td>{_codes(view.purposes)}</td>"
        f"<td>{escape(view.basis) or NONE}</td><td>{_codes(view.uses)}</td><td>{_codes(view.collects)}</td>"
        f"<td>{_codes(view.recipients)}</td></tr>"
        for view in inventory.campaigns
    )
    head = "".join(
        f'<th scope="col">{label}</th>'
        for label in ("Campaign", "Defined at", "Purposes", "Lawful basis", "Uses", "Collects", "Recipients")
    )
    return (
        '<section id="campaigns" aria-labelledby="campaigns-title"><h2 id="campaigns-title">Campaigns</h2>'
        f'<table id="campaign-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>'
    )


def _other(inventory: Inventory) -> str:
    if not inventory.other_findings:
        return ""
    return (
        '<section id="other-findings" aria-labelledby="other-title">'
        '<h2 id="other-title">Findings about no single field</h2>'
        "<p>Fields of a file that cannot be read are missing from the tables above.</p>"
        f"{_finding_items(inventory.other_findings, where=True)}</section>"
    )


def render_html(inventory: Inventory) -> str:
    """The inventory as one self-contained HTML page (inline CSS, JS and SVG; nothing fetched)."""
    title = f"{TITLE}: {inventory.generated_from}" if inventory.generated_from else TITLE
    policy = f"default-src 'none'; style-src {csp_hash(STYLE)}; script-src {csp_hash(SCRIPT)}"
    intro = escape(INTRO).replace("`minlint inventory`", "<code>minlint inventory</code>")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="minlint inventory">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f'<header><h1>{escape(title)}</h1><p class="intro">{intro}</p></header>',
        "<main>",
        _summary(inventory),
        _purposes(inventory),
        _flow(inventory),
        _fields(inventory),
        _campaigns(inventory),
        _other(inventory),
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"
