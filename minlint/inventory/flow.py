"""The data-flow picture as a graph: data → purposes → campaigns → recipients, in four columns.

Both the Mermaid block of the Markdown report and the SVG of the HTML report draw this graph, so
they always agree. Keeping it readable:

* up to :data:`FIELD_NODES` fields, each field is a node of its own;
* beyond that, fields are grouped by data category, one node per category with its field count
  (non-personal data and fields without a category each make one node); while there are more than
  :data:`CATEGORY_NODES` such nodes, categories are merged into their parent category, one level at a
  time, but never above two levels (``user.contact``), so what a node stands for stays specific.

Edges: a data node goes to each purpose its fields serve; a purpose to each campaign run for it; a
campaign to each of its recipients; and a purpose straight to a recipient its fields are shared with
(``shared_with``) when no campaign of that purpose already leads there. Node ids are ``d0``, ``p0``,
``c0``, ``r0`` … in a fixed order, safe in Mermaid, SVG and HTML alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from minlint.inventory.model import Inventory, Row
from minlint.taxonomy import NONE_CATEGORY

FIELD_NODES = 12
CATEGORY_NODES = 8
MIN_DEPTH = 2
COLUMNS = ("data", "purpose", "campaign", "recipient")
NOT_PERSONAL = "Not personal data"
UNDECLARED = "No data category declared"


@dataclass(frozen=True, slots=True)
class Node:
    """A box of the picture. ``detail`` is a second, smaller line (field count, what kind of data)."""

    id: str
    column: int
    label: str
    detail: str
    special: bool = False
    personal: bool = False
    findings: int = 0


@dataclass(frozen=True, slots=True)
class Edge:
    """An arrow between two nodes, by id; ``shared`` marks a purpose's data shared straight with a recipient."""

    source: str
    target: str
    shared: bool = False


@dataclass(frozen=True, slots=True)
class Flow:
    """The graph; ``grouped`` says whether data nodes are categories (True) or single fields."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    grouped: bool

    def column(self, number: int) -> list[Node]:
        """The nodes of column ``number`` (0 data, 1 purposes, 2 campaigns, 3 recipients), in order."""
        return [node for node in self.nodes if node.column == number]


def _group_key(row: Row, depth: int | None) -> str:
    if not row.category or row.category == NONE_CATEGORY or depth is None:
        return row.category
    return ".".join(row.category.split(".")[:depth])


def _groups(rows: tuple[Row, ...]) -> dict[str, list[Row]]:
    """Rows by (possibly truncated) category key, merging levels until few enough remain."""
    depth: int | None = None
    deepest = max((len(row.category.split(".")) for row in rows if row.category), default=MIN_DEPTH)
    while True:
        groups: dict[str, list[Row]] = {}
        for row in rows:
            groups.setdefault(_group_key(row, depth), []).append(row)
        current = deepest if depth is None else depth
        if len(groups) <= CATEGORY_NODES or current <= MIN_DEPTH:
            return groups
        depth = current - 1


def _count_of(number: int) -> str:
    return f"{number} field{'s' if number != 1 else ''}"


def _count(rows: list[Row]) -> str:
    return _count_of(len(rows))


def _findings(count: int) -> str:
    return f" · {count} finding{'s' if count != 1 else ''}" if count else ""


def _data_nodes(inventory: Inventory) -> tuple[list[tuple[Node, list[Row]]], bool]:
    rows = inventory.rows
    if len(rows) <= FIELD_NODES:
        nodes = []
        for number, row in enumerate(rows):
            kind = "special category" if row.special else "personal" if row.personal else row.category_name or "data"
            detail = f"{row.plan} · {kind}{_findings(len(row.findings))}"
            node = Node(f"d{number}", 0, row.ref, detail, row.special, bool(row.personal), len(row.findings))
            nodes.append((node, [row]))
        return nodes, False
    groups = _groups(rows)

    def order(key: str) -> tuple[int, str]:
        return (2 if not key else 1 if key == NONE_CATEGORY else 0, key)

    nodes = []
    for number, key in enumerate(sorted(groups, key=order)):
        members = groups[key]
        special = any(row.special for row in members)
        personal = any(row.personal for row in members)
        if not key:
            label = UNDECLARED
        elif key == NONE_CATEGORY:
            label = NOT_PERSONAL
        else:
            label = inventory.category_name(key) or key
        kind = " · special category" if special else " · personal" if personal else ""
        findings = sum(len(row.findings) for row in members)
        detail = _count(members) + kind + _findings(findings)
        nodes.append((Node(f"d{number}", 0, label, detail, special, personal, findings), members))
    return nodes, True


def build_flow(inventory: Inventory) -> Flow:
    """The data-flow graph of ``inventory`` (see the module docstring for how it stays readable)."""
    data, grouped = _data_nodes(inventory)
    purpose_ids = {view.id: f"p{number}" for number, view in enumerate(inventory.purposes)}
    campaign_ids = {view.name: f"c{number}" for number, view in enumerate(inventory.campaigns)}
    recipient_names = sorted(
        {name for row in inventory.rows for name in row.shared_with}
        | {name for view in inventory.campaigns for name in view.recipients}
    )
    recipient_ids = {name: f"r{number}" for number, name in enumerate(recipient_names)}
    nodes = [node for node, _ in data]
    for view in inventory.purposes:
        detail = f"{_count_of(view.fields)} · {view.personal_fields} personal"
        if not view.declared:
            detail = f"not in the registry · {detail}"
        nodes.append(Node(purpose_ids[view.id], 1, view.id, detail, view.special, view.personal_fields > 0))
    for campaign in inventory.campaigns:
        detail = f"uses {_count_of(len(campaign.uses))} · collects {len(campaign.collects)}"
        nodes.append(Node(campaign_ids[campaign.name], 2, campaign.name, detail))
    for name in recipient_names:
        receives = sum(1 for row in inventory.rows if name in row.recipients)
        nodes.append(Node(recipient_ids[name], 3, name, f"receives {_count_of(receives)}"))
    edges: list[Edge] = []
    for node, members in data:
        served = sorted({purpose.id for row in members for purpose in row.purposes})
        edges.extend(Edge(node.id, purpose_ids[purpose]) for purpose in served if purpose in purpose_ids)
    for campaign in inventory.campaigns:
        edges.extend(Edge(purpose_ids[p], campaign_ids[campaign.name]) for p in campaign.purposes if p in purpose_ids)
    for campaign in inventory.campaigns:
        edges.extend(Edge(campaign_ids[campaign.name], recipient_ids[name]) for name in campaign.recipients)
    for view in inventory.purposes:
        via_campaigns = {name for c in inventory.campaigns if view.id in c.purposes for name in c.recipients}
        shared = {name for row in inventory.rows if view.id in {p.id for p in row.purposes} for name in row.shared_with}
        edges.extend(Edge(purpose_ids[view.id], recipient_ids[name], True) for name in sorted(shared - via_campaigns))
    unique = list(dict.fromkeys(edges))
    return Flow(tuple(nodes), tuple(unique), grouped)
