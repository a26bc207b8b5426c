"""The HTML inventory, parsed: structure, accessibility, no network, escaping, findings in their rows."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from minlint.inventory.flow import build_flow
from minlint.inventory.html import render_html
from minlint.inventory.model import Inventory

URL_ATTRIBUTES = {"src", "href", "xlink:href", "action", "formaction", "data", "poster", "srcset", "background"}
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
VOID = {"meta", "br", "wbr", "input", "img", "link", "rect", "path"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    content: list[Element | str] = field(default_factory=list)  # in document order

    @property
    def children(self) -> list[Element]:
        return [item for item in self.content if isinstance(item, Element)]

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def all_text(self) -> str:
        return "".join(item if isinstance(item, str) else item.all_text() for item in self.content)

    def find(self, predicate: object) -> list[Element]:
        assert callable(predicate)
        found = [child for child in self.children if predicate(child)]
        for child in self.children:
            found.extend(child.find(predicate))
        return found


class Tree(HTMLParser):
    """A forgiving DOM: enough to find elements by tag, id and class."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.content.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.content.append(Element(tag, {name: value or "" for name, value in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.content.append(data)

    def by_tag(self, tag: str) -> list[Element]:
        return self.root.find(lambda element: element.tag == tag)

    def by_id(self, identifier: str) -> Element:
        (found,) = self.root.find(lambda element: element.attrs.get("id") == identifier)
        return found


def field_rows(tree: Tree) -> list[Element]:
    """The rows of the field table's body."""
    (body,) = tree.by_id("field-table").find(lambda element: element.tag == "tbody")
    return [child for child in body.children if child.tag == "tr"]


def test_page_structure(storefront: Inventory) -> None:
    tree = Tree(render_html(storefront))
    assert tree.by_tag("html")[0].attrs["lang"] == "en"
    assert [element.all_text() for element in tree.by_tag("h2")] == [
        "Summary",
        "Purposes (GDPR Art. 30)",
        "Data flow",
        "Fields",
        "Campaigns",
    ]
    counts = {item.all_text() for item in tree.by_tag("ul")[0].find(lambda element: element.tag == "li")}
    assert "24Fields" in counts and "11Personal data fields" in counts
    assert len(field_rows(tree)) == 24
    assert [row.attrs["data-key"] for row in field_rows(tree)] == [item.key for item in storefront.rows]
    purposes = tree.by_id("purpose-table").find(lambda element: element.tag == "tr")
    assert len(purposes) == 1 + len(storefront.purposes)
    svg = tree.by_tag("svg")
    assert len(svg) == 1
    nodes = svg[0].find(lambda element: element.tag == "g" and "node" in element.classes())
    assert len(nodes) == len(build_flow(storefront).nodes)


def test_table_headers_are_sortable_and_accessible(storefront: Inventory) -> None:
    tree = Tree(render_html(storefront))
    headers = tree.by_id("field-table").find(
        lambda element: element.tag == "th" and element.attrs.get("scope") == "col"
    )
    assert [header.all_text() for header in headers][:3] == ["Field", "Defined at", "Data category"]
    assert all(header.attrs["data-sort-type"] in ("text", "number") for header in headers)
    assert {header.attrs["aria-sort"] for header in headers} == {"ascending", "none"}
    rows = field_rows(tree)
    assert all(row.children[0].tag == "th" and row.children[0].attrs["scope"] == "row" for row in rows)
    label = tree.by_tag("label")[0]
    assert label.attrs["for"] == "filter" and tree.by_id("filter").tag == "input"
    # Without JavaScript (this very markup) every row shows, and the filter box that could not work is hidden.
    assert tree.by_id("filter-controls").attrs.get("hidden") == ""
    assert not any("hidden" in row.attrs for row in rows)
    assert tree.by_id("filter-status").attrs["aria-live"] == "polite"


def test_no_network_anywhere(storefront: Inventory, hostile: Inventory) -> None:
    for inventory in (storefront, hostile):
        document = render_html(inventory)
        tree = Tree(document)
        for element in tree.root.find(lambda element: True):
            for name, value in element.attrs.items():
                if name in URL_ATTRIBUTES:
                    assert not EXTERNAL.match(value), (element.tag, name, value)
                    assert value.startswith("#"), (element.tag, name, value)  # in-page links only
            assert element.tag not in {"link", "img", "iframe", "object", "embed", "base", "form"}
        assert all("src" not in script.attrs for script in tree.by_tag("script"))
        for style in tree.by_tag("style"):
            assert "url(" not in style.all_text() and "@import" not in style.all_text()
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", document, re.IGNORECASE)


def test_content_security_policy_allows_exactly_the_inline_style_and_script(storefront: Inventory) -> None:
    tree = Tree(render_html(storefront))
    (meta,) = [item for item in tree.by_tag("meta") if item.attrs.get("http-equiv") == "Content-Security-Policy"]
    policy = meta.attrs["content"]
    assert policy.startswith("default-src 'none';")

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    (style,) = tree.by_tag("style")
    (script,) = tree.by_tag("script")
    assert f"style-src {digest(style.all_text())}" in policy
    assert f"script-src {digest(script.all_text())}" in policy


def test_spec_text_is_escaped(hostile: Inventory) -> None:
    document = render_html(hostile)
    tree = Tree(document)
    assert len(tree.by_tag("script")) == 1  # ours
    assert not tree.by_tag("img")
    for element in tree.root.find(lambda element: True):
        assert not any(name.startswith("on") for name in element.attrs), element.tag
    first = field_rows(tree)[0]
    assert '<script>alert("x")</script>' in first.all_text()  # shown as text


def test_findings_sit_in_the_row_of_their_field_marked_in_words_and_colour(violations: Inventory) -> None:
    tree = Tree(render_html(violations))
    rows = {row.attrs["data-key"]: row for row in field_rows(tree)}
    email = rows["violations-web:traits.email"]
    findings = email.find(lambda element: element.tag == "li" and "finding" in element.classes())
    assert [item.find(lambda element: element.tag == "code")[0].all_text() for item in findings] == [
        "ML203",
        "ML009",
        "ML205",
    ]
    assert {"sev-warning", "sev-error"} <= {name for item in findings for name in item.classes()}
    assert "▲ warning" in findings[0].all_text() and "✖ error" in findings[1].all_text()
    assert "worst-error" in email.classes()
    assert "worst-error" not in rows["violations-web:Signed Up.method"].classes()
    other = tree.by_id("other-findings").all_text()
    assert "ML901" in other and "examples/violations/broken.yaml:7" in other
    special = rows["violations-app:traits.blood_type"].all_text()
    assert "special category (Art. 9)" in special  # not colour alone
