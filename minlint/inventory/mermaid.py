"""The data-flow graph as a Mermaid ``flowchart LR`` (GitHub renders it in Markdown).

Spec text is untrusted: every label is quoted, and inside it the characters Mermaid (or the
Markdown around it) would read — quotes, ``#``, ``&``, ``<``, ``>`` and backticks — are written as
Mermaid's ``#NN;`` entity codes (control characters, line breaks included, are made visible first
by :func:`minlint.safetext.visible`), so a label can neither end its node, open an HTML tag nor
close the fence. Node ids are generated (``d0``, ``p1`` …), never user text.
"""

from __future__ import annotations

from minlint.inventory.flow import Flow
from minlint.safetext import visible

COLUMN_TITLES = ("Data", "Purposes", "Campaigns", "Recipients")
SUBGRAPH_IDS = ("data", "purposes", "campaigns", "recipients")
ESCAPED = frozenset('"#&<>`')


def label(text: str) -> str:
    """``text`` safe inside a quoted Mermaid label."""
    out = []
    for char in " ".join(visible(text).split()):
        out.append(f"#{ord(char)};" if char in ESCAPED else char)
    return "".join(out)


def render_mermaid(flow: Flow) -> str:
    """The Mermaid source (without the fence) of ``flow``.

    Special-category data gets a thick red border; data a purpose shares with a recipient directly
    (``shared_with``, not through a campaign) is a dotted arrow.
    """
    lines = ["flowchart LR"]
    titles = list(COLUMN_TITLES)
    titles[0] = "Data categories" if flow.grouped else "Fields"
    for column, (subgraph, title) in enumerate(zip(SUBGRAPH_IDS, titles, strict=True)):
        nodes = flow.column(column)
        if not nodes:
            continue
        lines.append(f'  subgraph {subgraph}["{label(title)}"]')
        for node in nodes:
            detail = f"<br/>{label(node.detail)}" if node.detail else ""
            lines.append(f'    {node.id}["{label(node.label)}{detail}"]')
        lines.append("  end")
    for edge in flow.edges:
        lines.append(f"  {edge.source} {'-.->' if edge.shared else '-->'} {edge.target}")
    special = [node.id for node in flow.nodes if node.special]
    personal = [node.id for node in flow.nodes if node.personal and not node.special and node.column == 0]
    if personal:
        lines.append("  classDef personal fill:#fff4d6,stroke:#8a6100")
        lines.append(f"  class {','.join(personal)} personal")
    if special:
        lines.append("  classDef special fill:#fde7ea,stroke:#b00020,stroke-width:3px")
        lines.append(f"  class {','.join(special)} special")
    return "\n".join(lines) + "\n"
