"""Markdown rendered as a code host would, and read back: what the markdown format's tests look at.

``markdown-it-py`` with its CommonMark preset plus GitHub's table and strike-through rules (the ``gfm-like``
preset would also need linkify-it-py). Raw HTML is let through, as GitHub lets its safe subset through:
whatever HTML a name could inject shows up in the rendered page, where the tests look for it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import NamedTuple

from markdown_it import MarkdownIt

_RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ZERO_WIDTH_SPACE = "\u200b"

# What GitHub (and GitLab) would turn into a link or a notification in plain text: a mention, an issue or
# merge-request reference, an extended autolink (a URL, www., an e-mail address), a GitLab label or milestone.
REFERENCES = re.compile(
    r"(?<![\w`])@[A-Za-z0-9]"
    r"|(?<![\w&])#\d"
    r"|(?<![\w])[!~%$&][A-Za-z0-9]"
    r"|\bGH-\d"
    r"|[A-Za-z][A-Za-z0-9+.-]*://"
    r"|\bwww\."
    r"|[A-Za-z0-9._%+-]@[A-Za-z0-9-]+\.",
    re.IGNORECASE,
)


def render(markdown: str) -> str:
    """The HTML a CommonMark renderer with GitHub's tables makes of ``markdown``."""
    markup: str = _RENDERER.render(markdown)
    return markup


def render_inline(markdown: str) -> str:
    """The HTML of ``markdown`` as inline content (no paragraph around it)."""
    markup: str = _RENDERER.renderInline(markdown)
    return markup


class Element(NamedTuple):
    """A start tag of the rendered page: its name and attributes."""

    tag: str
    attributes: dict[str, str]


class Page(HTMLParser):
    """A rendered page, read back: its tags, links, list items, table rows and plain text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.items: list[str] = []  # the text of each list item
        self.rows: list[list[str]] = []  # the cells of each table row, header included
        self.comments: list[str] = []
        self.plain: list[str] = []  # text outside links and code: where a host would find references
        self._open: list[str] = []
        self._link: list[str] | None = None
        self._href = ""
        self._item: list[list[str]] = []
        self._cell: list[str] | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the tag; start a link's, a list item's or a cell's text."""
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append(Element(tag, attributes))
        if tag in ("br", "img", "hr", "input"):
            return
        self._open.append(tag)
        if tag == "a":
            self._link, self._href = [], attributes.get("href", "")
        elif tag == "li":
            self._item.append([])
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        """Close the tag; record a link, a list item or a cell."""
        if tag in ("br", "img", "hr", "input"):
            return
        assert self._open and self._open[-1] == tag, f"</{tag}> closes {self._open}"
        self._open.pop()
        if tag == "a" and self._link is not None:
            self.links.append((self._href, "".join(self._link)))
            self._link = None
        elif tag == "li":
            self.items.append("".join(self._item.pop()))
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        """Text: into the open link, list items and cell, and into the plain text unless in code or a link."""
        if self._link is not None:
            self._link.append(data)
        for item in self._item:
            item.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if "code" not in self._open and "a" not in self._open:
            self.plain.append(data)

    def handle_comment(self, data: str) -> None:
        """An HTML comment (the marker)."""
        self.comments.append(data)

    def tags(self, *ignored: str) -> list[str]:
        """The start tags in order, without ``ignored`` ones."""
        return [element.tag for element in self.elements if element.tag not in ignored]

    def references(self) -> list[str]:
        """What a code host would link or notify in the page's plain text (zero-width spaces kept)."""
        return [match.group() for text in self.plain for match in REFERENCES.finditer(text)]


def read(markdown: str) -> Page:
    """``markdown`` rendered, read back."""
    return Page(render(markdown))


def shown(markup: str) -> str:
    """The text a reader sees in rendered ``markup``: tags dropped, entities decoded, zero-width spaces gone."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup)).replace(ZERO_WIDTH_SPACE, "")
