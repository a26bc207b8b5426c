"""The Markdown and HTML notices: structure, the Content Security Policy, and spec text that cannot become markup."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from minlint.notice import RENDERERS, Renderer, get_renderer
from minlint.notice.html import STYLE, render_html
from minlint.notice.markdown import render_markdown
from minlint.notice.model import Basis, DataItem, Kept, Notice, Recipient, Right, Rights
from minlint.notice.words import CPRA_TITLE, GDPR_TITLE, INTRO, NOTHING, TITLE
from minlint.safetext import prose, visible
from tests.inventory.test_html import Element, Tree
from tests.notice import EVIL, STOREFRONT, VIOLATIONS, notice_of, project_notice, purpose

# Characters that must never reach a notice raw: every control but the line feed, the separators and the
# bidirectional formatting characters (what minlint.safetext.visible rewrites).
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
TITLES = [
    "Analytics for Reporting",
    "Essential Fraud Detection",
    "Essential for Service",
    "Marketing Email Communications",
    "Marketing communications push",
]
LABELS = ["The data", "Why we may use it", "Who receives it", "How long we keep it"]


@pytest.fixture(scope="module")
def storefront() -> Notice:
    return notice_of(STOREFRONT)


@pytest.fixture(scope="module")
def violations() -> Notice:
    return notice_of(VIOLATIONS)


def _everywhere(notice: Notice, text: str) -> Notice:
    """``notice`` with ``text`` wherever spec text (or a word of ours) reaches the output."""
    first = notice.purposes[0]
    changed = replace(
        first,
        id=text,
        title=text,
        description=text,
        data=(DataItem(text, text, True), DataItem(text, text, False)),
        bases=(Basis(text, text, text),),
        recipients=(Recipient(text, text, text, text), Recipient(text, "", "", "")),
        kept=(Kept(text, (text, text)),),
    )
    return replace(
        notice,
        generated_from=text,
        purposes=(changed, *notice.purposes[1:]),
        rights=(Rights(text, (Right(text, text, text),)), *notice.rights),
        todo=(text, f"Describe `{text}` for customers."),
    )


@pytest.fixture(scope="module")
def hostile(storefront: Notice) -> Notice:
    """The storefront notice with hostile text in every piece of text of the model."""
    return _everywhere(storefront, EVIL)


@pytest.fixture(scope="module")
def benign(storefront: Notice) -> Notice:
    """:func:`hostile`'s twin with a harmless word instead: the structure both must share."""
    return _everywhere(storefront, "word")


# A project whose registries carry hostile text where a person writes prose.
HOSTILE_REGISTRY = (
    r"""minlint: 1
kind: purposes
purposes:
  custom.evil:
    description: "</p><script>alert(1)</script></style><style>body{display:none}</style> | a | b |\n"""
    r"""# Heading\n|---|---|\n--> --!> `tick` ``` \x1b[31mred\x07 \u202e [x](javascript:alert(1)) <!-- c"
"""
    r"""    bases: [legitimate_interests, consent]
    interest: "<script>alert(2)</script> |x| \n## injected --> `t` \x1b]0;title\x07"
    consent:
      mechanism: cmp
      scope: everything
      record: crm.consent
      description: "<script>alert(3)</script>\n| c | d |\n`x` -->"
"""
)
HOSTILE_RECIPIENTS = r"""minlint: 1
kind: recipients
recipients:
  vendor:
    description: "</style><script>alert(4)</script>\n| e | f |\n# H\n`x` --> \u202e\x1b[2J"
    role: processor
    country: US
    transfer: sccs
    erasure: api
"""
HOSTILE_PLAN = """\
minlint: 1
kind: tracking-plan
name: web
subject_id: traits.email
defaults: {retention: P6M, purpose: custom.evil}
traits:
  email: {type: string, category: user.contact.email, basis: consent, shared_with: [vendor]}
  ip: {type: string, category: user.device.ip_address, basis: legitimate_interests}
"""


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Notice:
    folder = tmp_path_factory.mktemp("hostile")
    files = {"purposes.yaml": HOSTILE_REGISTRY, "recipients.yaml": HOSTILE_RECIPIENTS, "plan.yaml": HOSTILE_PLAN}
    return project_notice(folder, files)


# -- both formats ------------------------------------------------------------------------------------
def test_the_renderers_are_markdown_and_html() -> None:
    assert sorted(RENDERERS) == ["html", "markdown"]
    assert get_renderer("markdown") is render_markdown
    assert get_renderer("html") is render_html


@pytest.mark.parametrize("render", [render_markdown, render_html])
def test_every_notice_ends_with_exactly_one_newline(
    render: Renderer, storefront: Notice, violations: Notice, hostile: Notice, tmp_path: Path
) -> None:
    nothing = project_notice(tmp_path, {"notes.yaml": "just: yaml\n"})
    assert nothing.purposes == ()
    for notice in (storefront, violations, hostile, nothing):
        document = render(notice)
        assert document.endswith("\n") and not document.endswith("\n\n"), document[-40:]


@pytest.mark.parametrize("render", [render_markdown, render_html])
def test_no_control_character_reaches_a_notice_raw(
    render: Renderer, hostile: Notice, hostile_project: Notice, violations: Notice
) -> None:
    for notice in (hostile, hostile_project, violations):
        document = render(notice)
        assert RAW_CONTROL.search(document) is None, RAW_CONTROL.search(document)
    assert "\\x1b" in render(hostile)  # made visible, not dropped


# -- Markdown ------------------------------------------------------------------------------------------
MARKDOWN = MarkdownIt("commonmark").enable("table")


def _tokens(document: str) -> list[Token]:
    """Every token of ``document``, inline children included, in document order."""
    found = []
    for token in MARKDOWN.parse(document):
        found.append(token)
        found.extend(token.children or ())
    return found


def _headings(document: str) -> list[tuple[str, str]]:
    tokens = MARKDOWN.parse(document)
    return [
        (token.tag, "".join(child.content for child in tokens[number + 1].children or ()))
        for number, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def test_markdown_has_the_title_each_purpose_and_the_rights(storefront: Notice) -> None:
    document = render_markdown(storefront)
    assert document.startswith(f"# {TITLE}\n\n<!-- Generated by `minlint notice` from storefront: ")
    assert _headings(document) == [
        ("h1", TITLE),
        *[("h2", title) for title in TITLES],
        ("h2", "Your rights"),
        ("h3", GDPR_TITLE),
        ("h3", CPRA_TITLE),
    ]
    assert INTRO in document.splitlines()
    assert "Before publishing" not in document  # nothing left to write
    service = document.split("## Essential for Service\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert service.splitlines() == [
        "Delivering what the customer asked for — accounts, checkout, shipping, receipts.",
        "",
        "- **The data:** Contact address, Contact email, First name.",
        "- **Why we may use it:** It is necessary to provide what you asked us for under our contract with you "
        "(GDPR Art. 6(1)(b)).",
        "- **Who receives it:** mailchimp (sends the newsletter and win-back emails), in the United States, "
        "safeguarded by an adequacy decision of the European Commission (GDPR Art. 45).",
        "- **How long we keep it:** 30 days after account closure (Contact email, First name); 6 years "
        "(Contact address).",
    ]
    assert "- **Who receives it:** only us." in document  # fraud detection shares with nobody


def test_markdown_todo_is_a_quote_at_the_top_with_ids_as_code(violations: Notice) -> None:
    document = render_markdown(violations)
    top, rest = document.split(INTRO, 1)
    assert "> **Before publishing:**\n>\n" in top
    assert "> - State the legitimate interest pursued for `analytics.reporting` (`interest:`)." in top
    assert "Before publishing" not in rest
    quotes = [token for token in MARKDOWN.parse(document) if token.type == "blockquote_open"]
    assert len(quotes) == 1


def test_markdown_renders_hostile_text_as_text(hostile: Notice, benign: Notice) -> None:
    document = render_markdown(hostile)
    tokens = _tokens(document)
    types = {token.type for token in tokens}
    assert not types & {"html_inline", "link_open", "image", "table_open", "fence", "code_block", "hr", "em_open"}
    (comment,) = [token for token in tokens if token.type == "html_block"]  # ours, and only ours
    assert comment.content.startswith("<!-- Generated by `minlint notice` from ")
    assert comment.content.endswith(": edit the specs, not this text. -->\n")
    headings = _headings(document)
    assert [tag for tag, _ in headings] == [tag for tag, _ in _headings(render_markdown(benign))]
    assert headings[1] == ("h2", prose(EVIL))  # the hostile title, as text, on one line
    rendered = MARKDOWN.render(document).replace(comment.content, "")  # the comment passes through, inert
    assert "<script" not in rendered and "<img" not in rendered and "<style" not in rendered
    assert "&lt;script&gt;" in rendered
    # The same blocks, line for line, as with harmless words: nothing started a block of its own.
    benign_document = render_markdown(benign)
    assert len(document.splitlines()) == len(benign_document.splitlines())
    assert [(token.type, token.map) for token in MARKDOWN.parse(document)] == [
        (token.type, token.map) for token in MARKDOWN.parse(benign_document)
    ]


def test_markdown_renders_hostile_registry_text_as_text(hostile_project: Notice) -> None:
    document = render_markdown(hostile_project)
    types = {token.type for token in _tokens(document)}
    assert not types & {"html_inline", "link_open", "image", "table_open", "fence", "code_block", "hr"}
    assert [token.type for token in _tokens(document)].count("html_block") == 1
    assert [title for _, title in _headings(document)] == [
        TITLE,
        "Custom evil",
        "Your rights",
        GDPR_TITLE,
    ]
    rendered = MARKDOWN.render(document)
    assert "<script" not in rendered and "<style" not in rendered
    paragraphs = [line for line in document.splitlines() if "alert(1)" in line]
    assert len(paragraphs) == 1  # the description, folded onto one line
    evil = purpose(hostile_project, "custom.evil")
    basis = {item.basis: item for item in evil.bases}
    assert "alert(2)" in basis["legitimate_interests"].text and "alert(3)" in basis["consent"].text
    assert "alert(4)" in evil.recipients[0].description
    for word in ("alert(2)", "alert(3)", "alert(4)"):
        (line,) = [line for line in document.splitlines() if word in line]
        assert line.startswith("- **")  # still inside its list item


def test_markdown_comment_cannot_be_closed_by_the_project_name(storefront: Notice) -> None:
    for name in ("x --> <script>alert(1)</script>", "x --!> y", "a-->b", "<!-- x -->", "x\n-->\n# y"):
        document = render_markdown(replace(storefront, generated_from=name))
        (line,) = [line for line in document.splitlines() if "<!--" in line]
        assert line.startswith("<!-- Generated by `minlint notice` from ")
        assert line.count("<!--") == 1, line
        assert line.index("-->") == len(line) - 3, line  # the first end of the comment is its own
        assert "--!>" not in line
        assert _headings(document)[:2] == [("h1", TITLE), ("h2", TITLES[0])]


@pytest.mark.parametrize("description", ["- Fast delivery", "1. Deliver orders", "---", "+ Returns"])
def test_a_description_that_looks_like_a_block_stays_a_paragraph(storefront: Notice, description: str) -> None:
    first = replace(storefront.purposes[0], description=description)
    document = render_markdown(replace(storefront, purposes=(first, *storefront.purposes[1:])))
    tokens = MARKDOWN.parse(document)
    after = next(number for number, token in enumerate(tokens) if token.type == "heading_close" and token.tag == "h2")
    assert tokens[after + 1].type == "paragraph_open"
    shown = "".join(child.content for child in tokens[after + 2].children or () if child.type == "text")
    assert shown == description


# -- HTML ----------------------------------------------------------------------------------------------
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "aside", "strong",
    "ul", "li", "code", "section", "dl", "dt", "dd", "span",
}  # fmt: skip


class _Comments(HTMLParser):
    def __init__(self, document: str) -> None:
        super().__init__()
        self.comments: list[str] = []
        self.feed(document)
        self.close()

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def _elements(tree: Tree) -> list[Element]:
    return tree.root.find(lambda element: True)


def _shape(document: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each element's tag and attribute names, in document order: the page's structure without its text."""
    return [
        (element.tag, tuple(sorted(element.attrs)))
        for element in _elements(Tree(document))
        if element.tag != "code"  # a todo item's `backticked` parts: paired in one text, not in the other
    ]


def test_html_page_structure(storefront: Notice) -> None:
    tree = Tree(render_html(storefront))
    assert tree.by_tag("html")[0].attrs["lang"] == "en"
    assert [element.all_text() for element in tree.by_tag("h1")] == [TITLE]
    assert [element.all_text() for element in tree.by_tag("h2")] == [*TITLES, "Your rights"]
    assert [element.all_text() for element in tree.by_tag("h3")] == [GDPR_TITLE, CPRA_TITLE]
    for number, title in enumerate(TITLES, 1):
        section = tree.by_id(f"purpose-{number}")
        assert section.attrs["aria-labelledby"] == f"purpose-{number}-title"
        assert tree.by_id(f"purpose-{number}-title").all_text() == title
        assert [element.all_text() for element in section.find(lambda element: element.tag == "dt")] == LABELS
    assert tree.by_id("rights").attrs["aria-labelledby"] == "rights-title"
    rights = tree.by_id("rights").find(lambda element: element.tag == "li")
    assert len(rights) == sum(len(group.rights) for group in storefront.rights)
    assert rights[0].all_text() == "See your data. You can ask for a copy of the personal data we hold about you. " + (
        "(GDPR Art. 15)"
    )
    assert not tree.by_tag("aside")  # nothing left to write
    service = tree.by_id("purpose-3")
    assert next(element.all_text() for element in service.find(lambda element: element.tag == "dd")) == (
        "Contact address, Contact email, First name."
    )


def test_html_todo_is_a_note_before_the_purposes(violations: Notice) -> None:
    document = render_html(violations)
    tree = Tree(document)
    (aside,) = tree.by_tag("aside")
    assert ("todo" in aside.classes(), aside.attrs["role"], aside.attrs["aria-labelledby"]) == (
        True,
        "note",
        "todo-title",
    )
    assert tree.by_id("todo-title").all_text() == "Before publishing:"
    items = aside.find(lambda element: element.tag == "li")
    assert [item.all_text() for item in items] == [item.replace("`", "") for item in violations.todo]
    assert [code.all_text() for code in items[3].find(lambda element: element.tag == "code")] == [
        "analytics.reporting",
        "interest:",
    ]
    assert document.index('<aside class="todo"') < document.index('<section id="purpose-1"')
    assert "@media print { .todo { display: none; }" in STYLE  # the draft's gaps never print


def test_content_security_policy_allows_exactly_the_inline_style(storefront: Notice, hostile: Notice) -> None:
    for notice in (storefront, hostile):
        tree = Tree(render_html(notice))
        (meta,) = [item for item in tree.by_tag("meta") if item.attrs.get("http-equiv") == "Content-Security-Policy"]
        (style,) = tree.by_tag("style")
        assert style.all_text() == STYLE
        digest = base64.b64encode(hashlib.sha256(style.all_text().encode("utf-8")).digest()).decode("ascii")
        assert meta.attrs["content"] == f"default-src 'none'; style-src 'sha256-{digest}'"
        assert not tree.by_tag("script")
        assert "url(" not in STYLE and "@import" not in STYLE


def test_html_renders_hostile_text_as_text(hostile: Notice, benign: Notice) -> None:
    document = render_html(hostile)
    tree = Tree(document)
    assert {element.tag for element in _elements(tree)} <= ALLOWED_TAGS
    assert not tree.by_tag("script") and not tree.by_tag("img") and len(tree.by_tag("style")) == 1
    for element in _elements(tree):
        assert not any(name.startswith("on") or name in ("src", "href") for name in element.attrs), element.tag
    assert _shape(document) == _shape(render_html(benign))  # the same page, only the words differ
    assert tree.by_id("purpose-1-title").all_text() == visible(EVIL)
    description = tree.by_id("purpose-1").children[1]
    assert (description.tag, description.all_text()) == ("p", visible(EVIL))
    assert _Comments(document).comments == [
        f" Generated by minlint notice from {_comment_name(EVIL)}: edit the specs, not this page. "
    ]


def _comment_name(name: str) -> str:
    """``name`` as the HTML comment shows it: escaped, made visible, with no ``--`` left whole."""
    from html import escape

    return escape(visible(name)).replace("--", "- -")


def test_html_renders_hostile_registry_text_as_text(hostile_project: Notice) -> None:
    document = render_html(hostile_project)
    tree = Tree(document)
    assert {element.tag for element in _elements(tree)} <= ALLOWED_TAGS
    assert not tree.by_tag("script") and len(tree.by_tag("style")) == 1
    (section,) = tree.by_tag("section")[:1]
    assert [element.all_text() for element in tree.by_tag("h2")] == ["Custom evil", "Your rights"]
    description = section.children[1]
    assert description.tag == "p"
    assert description.all_text() == visible(purpose(hostile_project, "custom.evil").description)
    assert description.all_text().startswith("</p><script>alert(1)</script></style>")
    texts = [element.all_text() for element in section.find(lambda element: element.tag == "dd")]
    assert "alert(2)" in texts[1] and "alert(3)" in texts[1] and "alert(4)" in texts[2]
    assert len(_Comments(document).comments) == 1


@pytest.mark.parametrize(
    "name", ["x --> <script>alert(1)</script>", "x --!> y", "a--->b", "<!-- x -->", "x -- y", "x\n-->\ny", "-"]
)
def test_html_comment_cannot_be_closed_early_by_the_project_name(storefront: Notice, name: str) -> None:
    document = render_html(replace(storefront, generated_from=name))
    start = document.index("<!-- Generated by minlint notice from ")
    end = document.index("edit the specs, not this page. -->") + len("edit the specs, not this page. ")
    assert document.find("-->", start) == end  # the first comment end after the start is the comment's own
    assert document.find("--!>", start) == -1
    assert document.count("<!--") == 1
    (comment,) = _Comments(document).comments
    assert comment.endswith(": edit the specs, not this page. ")
    assert not Tree(document).by_tag("script")
    assert [element.all_text() for element in Tree(document).by_tag("h1")] == [TITLE]


def test_html_nothing_collected_page(tmp_path: Path) -> None:
    notice = project_notice(tmp_path, {"notes.yaml": "just: yaml\n"})
    tree = Tree(render_html(notice))
    assert [element.all_text() for element in tree.by_tag("p")] == [INTRO, NOTHING]
    assert not tree.by_tag("section") and not tree.by_tag("aside")
