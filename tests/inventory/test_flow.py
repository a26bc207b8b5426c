"""The data-flow graph, and its two drawings: Mermaid (Markdown) and SVG (HTML)."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from minlint.inventory.flow import CATEGORY_NODES, FIELD_NODES, Flow, build_flow
from minlint.inventory.mermaid import label, render_mermaid
from minlint.inventory.model import Inventory
from minlint.inventory.svg import positions, render_svg, size

SAFE_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def test_many_fields_are_grouped_by_category_and_merged_into_parents_until_few(storefront: Inventory) -> None:
    flow = build_flow(storefront)
    assert flow.grouped and len(storefront.rows) > FIELD_NODES
    data = {node.label: node.detail for node in flow.column(0)}
    assert len(data) <= CATEGORY_NODES
    # street, postal code, city and country merged into their parent category
    assert data["User Contact Address"] == "5 fields · personal"
    assert data["Not personal data"] == "13 fields"
    assert [node.label for node in flow.column(1)] == [view.id for view in storefront.purposes]
    assert [node.label for node in flow.column(2)] == ["cart-reminder", "spring-winback"]
    assert [node.label for node in flow.column(3)] == ["firebase", "mailchimp"]


def test_edges_go_data_to_purpose_to_campaign_to_recipient(storefront: Inventory) -> None:
    flow = build_flow(storefront)
    names = {node.id: node.label for node in flow.nodes}
    edges = {(names[edge.source], names[edge.target], edge.shared) for edge in flow.edges}
    assert ("User Contact Email", "marketing.communications.email", False) in edges
    assert ("marketing.communications.email", "spring-winback", False) in edges
    assert ("spring-winback", "mailchimp", False) in edges
    # email is shared with mailchimp for essential.service too, by no campaign: a direct, dashed edge
    assert ("essential.service", "mailchimp", True) in edges
    assert ("marketing.communications.email", "mailchimp", True) not in edges  # the campaign already leads there
    assert len(flow.edges) == len(set(flow.edges))


def test_few_fields_are_drawn_one_box_each(storefront: Inventory) -> None:
    small = replace(storefront, rows=storefront.rows[:3])
    flow = build_flow(small)
    assert not flow.grouped
    assert [node.label for node in flow.column(0)] == ["context.device_id", "context.app_version", "traits.push_token"]
    assert flow.column(0)[0].detail == "storefront-app · personal"


def test_special_category_data_is_marked(violations: Inventory) -> None:
    flow = build_flow(violations)
    special = [node for node in flow.nodes if node.special]
    # Religious belief (sensitive.yaml's `religion`) and health data, and the purposes they serve.
    assert {node.label for node in special} == {
        "Demographic Data",
        "Health and Medical Data",
        "essential.service",
        "marketing.communications.email",
    }
    assert "special category" in next(node.detail for node in special if node.column == 0)


# -- Mermaid ---------------------------------------------------------------------------------------
def _check_mermaid(source: str) -> None:
    lines = source.splitlines()
    assert lines[0] == "flowchart LR"
    declared: set[str] = set()
    depth = 0
    for line in lines[1:]:
        stripped = line.strip()
        assert stripped.count('"') % 2 == 0, line
        if stripped.startswith("subgraph "):
            depth += 1
            match = re.fullmatch(r'subgraph ([a-z]+)\["[^"]*"\]', stripped)
            assert match, line
        elif stripped == "end":
            depth -= 1
        elif node := re.fullmatch(r'([a-z0-9_]+)\["([^"]*)"\]', stripped):
            assert SAFE_ID.match(node.group(1)), line
            declared.add(node.group(1))
        elif edge := re.fullmatch(r"([a-z0-9_]+) (-->|-\.->) ([a-z0-9_]+)", stripped):
            assert edge.group(1) in declared and edge.group(3) in declared, line
        elif stripped.startswith("classDef "):
            assert re.fullmatch(r"classDef [a-z]+ [a-z0-9#:,\-]+", stripped), line
        elif stripped.startswith("class "):
            ids = stripped.split()[1].split(",")
            assert all(item in declared for item in ids), line
        else:
            raise AssertionError(f"unexpected Mermaid line: {line!r}")
        assert depth in (0, 1), line
    assert depth == 0


def test_mermaid_is_syntactically_plausible(storefront: Inventory, violations: Inventory) -> None:
    for inventory in (storefront, violations):
        _check_mermaid(render_mermaid(build_flow(inventory)))


def test_mermaid_labels_are_escaped(hostile: Inventory) -> None:
    source = render_mermaid(build_flow(replace(hostile, rows=hostile.rows[:3])))
    _check_mermaid(source)
    assert "<script>" not in source and "```" not in source and "`" not in source
    assert label('a "b" <c> & #d `e` f') == "a #34;b#34; #60;c#62; #38; #35;d #96;e#96; f"


def test_mermaid_labels_show_control_characters_as_visible_escapes() -> None:
    # As in every other format: a line break in a name shows as `\n`, so `a\nb` and `a b` stay apart.
    assert label("a\nb\x1b[31m\x07  c") == "a\\nb\\x1b[31m\\x07 c"


# -- SVG -------------------------------------------------------------------------------------------
class _Svg(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []
        self.edges: list[tuple[str, str]] = []
        self.rects: list[tuple[int, int]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.add(tag)
        if tag == "g" and "node" in (found.get("class") or "").split():
            self.nodes.append(str(found["data-node"]))
        if tag == "path" and "edge" in (found.get("class") or "").split():
            self.edges.append((str(found["data-from"]), str(found["data-to"])))
        if tag == "rect":
            self.rects.append((int(str(found["x"])), int(str(found["y"]))))


def _parsed(flow: Flow) -> _Svg:
    parser = _Svg()
    parser.feed(render_svg(flow))
    return parser


def test_svg_draws_every_node_and_edge_inside_the_picture(storefront: Inventory) -> None:
    flow = build_flow(storefront)
    parsed = _parsed(flow)
    assert parsed.nodes == [node.id for node in flow.nodes]
    assert parsed.edges == [(edge.source, edge.target) for edge in flow.edges]
    width, height = size(flow)
    assert all(0 <= x < width and 0 <= y < height for x, y in parsed.rects)
    assert len(set(positions(flow).values())) == len(flow.nodes)  # no two boxes in the same place
    assert render_svg(flow) == render_svg(build_flow(storefront))  # deterministic


def test_svg_escapes_text_and_stays_accessible(hostile: Inventory) -> None:
    svg = render_svg(build_flow(hostile))
    parsed = _parsed(build_flow(hostile))
    assert parsed.tags <= {"svg", "title", "desc", "defs", "marker", "path", "g", "rect", "text"}
    assert "<script" not in svg and "<img" not in svg
    assert 'role="img"' in svg and 'aria-labelledby="flow-title flow-desc"' in svg
