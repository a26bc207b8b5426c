"""The data-flow graph as inline SVG: four columns of boxes joined by curves, laid out by arithmetic.

Coordinates are integers computed from each node's column and position, so the same inventory
always gives the same picture (the golden file holds it). Text has its control characters made
visible, is escaped and is truncated to fit its box; the full text is the box's ``<title>`` (a
tooltip, and what screen readers announce). Styling comes from classes (the HTML report's
stylesheet), with presentation attributes as a fallback so the picture is legible on its own.
Special-category boxes also say so in words: colour is not the only signal.
"""

from __future__ import annotations

from html import escape as _escape

from minlint.inventory.flow import COLUMNS, Flow, Node
from minlint.safetext import visible

NODE_WIDTH = 260
NODE_HEIGHT = 48
COLUMN_GAP = 90
ROW_GAP = 14
MARGIN = 16
HEADER = 36
LABEL_CHARS = 32
DETAIL_CHARS = 40
TITLES = ("Fields", "Purposes", "Campaigns", "Recipients")


def escape(text: str) -> str:
    """``text`` for SVG: control characters made visible (:func:`minlint.safetext.visible`), markup escaped."""
    return _escape(visible(text))


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with ``…`` when cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def size(flow: Flow) -> tuple[int, int]:
    """The picture's width and height in pixels."""
    rows = max((len(flow.column(number)) for number in range(len(COLUMNS))), default=1) or 1
    width = 2 * MARGIN + len(COLUMNS) * NODE_WIDTH + (len(COLUMNS) - 1) * COLUMN_GAP
    return width, HEADER + 2 * MARGIN + rows * (NODE_HEIGHT + ROW_GAP) - ROW_GAP


def positions(flow: Flow) -> dict[str, tuple[int, int]]:
    """The top-left corner of every node, by id: columns side by side, each centred vertically."""
    _, height = size(flow)
    inner = height - HEADER - 2 * MARGIN
    placed: dict[str, tuple[int, int]] = {}
    for number in range(len(COLUMNS)):
        nodes = flow.column(number)
        used = len(nodes) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP
        top = HEADER + MARGIN + max(inner - used, 0) // 2
        x = MARGIN + number * (NODE_WIDTH + COLUMN_GAP)
        for row, node in enumerate(nodes):
            placed[node.id] = (x, top + row * (NODE_HEIGHT + ROW_GAP))
    return placed


def _node(node: Node, x: int, y: int) -> str:
    classes = ["node", COLUMNS[node.column]]
    if node.special:
        classes.append("special")
    elif node.personal:
        classes.append("personal")
    if node.findings:
        classes.append("has-findings")
    stroke = ' stroke-width="3" stroke="#b00020"' if node.special else ' stroke-width="1" stroke="#555"'
    return (
        f'<g class="{" ".join(classes)}" id="flow-{node.id}" data-node="{node.id}">'
        f"<title>{escape(node.label)}{escape(' — ' + node.detail) if node.detail else ''}</title>"
        f'<rect x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="6" fill="#fff"{stroke}/>'
        f'<text class="label" x="{x + 10}" y="{y + 20}">{escape(fit(visible(node.label), LABEL_CHARS))}</text>'
        f'<text class="detail" x="{x + 10}" y="{y + 38}">{escape(fit(visible(node.detail), DETAIL_CHARS))}</text>'
        "</g>"
    )


def render_svg(flow: Flow, title: str = "Data flow") -> str:
    """``flow`` as an ``<svg>`` element (no XML declaration: it is meant to be inlined in HTML)."""
    width, height = size(flow)
    placed = positions(flow)
    titles = list(TITLES)
    titles[0] = "Data categories" if flow.grouped else "Fields"
    description = (
        f"{len(flow.column(0))} {titles[0].lower()}, {len(flow.column(1))} purposes, "
        f"{len(flow.column(2))} campaigns and {len(flow.column(3))} recipients; arrows show where data goes."
    )
    parts = [
        f'<svg class="flow" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        'aria-labelledby="flow-title flow-desc" font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="flow-title">{escape(title)}</title>',
        f'<desc id="flow-desc">{escape(description)}</desc>',
        '<defs><marker id="flow-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#666"/></marker></defs>',
    ]
    for number, heading in enumerate(titles):
        x = MARGIN + number * (NODE_WIDTH + COLUMN_GAP) + NODE_WIDTH // 2
        parts.append(
            f'<text class="column-title" x="{x}" y="{MARGIN + 12}" text-anchor="middle" font-weight="bold">'
            f"{escape(heading)}</text>"
        )
        if not flow.column(number):
            parts.append(f'<text class="empty" x="{x}" y="{HEADER + MARGIN + 20}" text-anchor="middle">(none)</text>')
    for edge in flow.edges:
        (x1, y1), (x2, y2) = placed[edge.source], placed[edge.target]
        x1, y1, y2 = x1 + NODE_WIDTH, y1 + NODE_HEIGHT // 2, y2 + NODE_HEIGHT // 2
        middle = (x1 + x2) // 2
        kind, dash = ("edge shared", ' stroke-dasharray="5 4"') if edge.shared else ("edge", "")
        parts.append(
            f'<path class="{kind}" data-from="{edge.source}" data-to="{edge.target}" '
            f'd="M {x1} {y1} C {middle} {y1} {middle} {y2} {x2} {y2}" fill="none" stroke="#888"{dash} '
            'stroke-width="1.5" marker-end="url(#flow-arrow)"/>'
        )
    for node in flow.nodes:
        x, y = placed[node.id]
        parts.append(_node(node, x, y))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
