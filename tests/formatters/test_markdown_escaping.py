"""Untrusted text in the markdown format: it renders as exactly its characters, and never as markup,
HTML, a mention, an issue reference or a link — checked by rendering it with a CommonMark renderer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minlint.formatters.mdtext import code, message, shorten, text
from minlint.safetext import visible
from tests.formatters.rendered import REFERENCES, ZERO_WIDTH_SPACE, Page, render_inline, shown

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<!-- hidden -->",
    "<details open>",
    "[x](javascript:alert(1))",
    "![x](https://evil.example/p.png)",
    "[x]: https://evil.example",
    "<https://evil.example>",
    "@team and @org/security-team",
    "#123, GH-45 and org/repo#67",
    "https://evil.example/login and www.evil.example",
    "user@evil.example",
    "!12 ~bug %v1.0 $99 &42",
    "**bold** __bold__ *em* _em_ ~~strike~~",
    "`code` and ``more`` and ```",
    "a|b|c",
    "&lt;b&gt; &amp; &#64;team",
    "$x^2$ and $$\\int$$",
    "trailing backslash\\",
    "line\nbreak\rand\ttab",
    "\x1b[31mred\x1b[0m",
    ":+1: [^note]",
]


def test_plain_text_is_left_readable() -> None:
    assert text("traits.email declares no purpose (Art. 5)") == "traits.email declares no purpose (Art. 5)"


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_renders_as_its_own_characters_and_nothing_else(value: str) -> None:
    markup = render_inline(text(value))
    assert "<" not in markup, markup  # not one tag: no HTML, link, image, emphasis or code
    assert shown(markup) == visible(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_mentions_nobody_and_links_nothing(value: str) -> None:
    page = Page(render_inline(text(value)))
    assert page.links == []
    assert page.references() == []
    # Without the zero-width spaces, the host would have found something in most of these.
    if any(sigil in value for sigil in ("@", "#1", "://", "www.")):
        assert REFERENCES.search("".join(page.plain).replace(ZERO_WIDTH_SPACE, ""))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_message_keeps_its_backticked_parts_as_inert_code(value: str) -> None:
    markup = render_inline(message(f"field `{value}` declares no purpose"))
    page = Page(markup)
    assert set(page.tags()) <= {"code"}
    assert page.links == [] and page.references() == []
    assert "declares no purpose" in shown(markup)


def test_a_message_shows_its_backticked_names_as_code() -> None:
    markup = render_inline(message("field `traits.email` is also in `web` @team"))
    assert markup == "field <code>traits.email</code> is also in <code>web</code> @\u200bteam"


def test_an_unpaired_backtick_makes_no_code_span() -> None:
    markup = render_inline(message("a `b` c ` d"))
    assert "<code>" not in markup
    assert shown(markup) == "a `b` c ` d"


@pytest.mark.parametrize("value", ["a`b", "``", "`a", "a`", " a ", " ", "x | y"])
def test_a_code_span_shows_exactly_its_content(value: str) -> None:
    markup = render_inline(code(value))
    assert markup.startswith("<code>") and markup.endswith("</code>")
    assert shown(markup) == value


def test_an_empty_code_span_is_nothing() -> None:
    assert code("") == ""


def test_a_line_break_cannot_end_the_line() -> None:
    assert "\n" not in text("a\nb") and "\n" not in code("a\nb") and "\n" not in message("`a\nb`")


def test_shorten_cuts_with_an_ellipsis_and_keeps_short_text() -> None:
    assert shorten("abcdef", 4) == "abc…"
    assert shorten("abcd", 4) == "abcd"


@given(st.text(alphabet=st.sampled_from("ab @#!~%$&:/w.<>[]()`*_|\\\n&;x1")))
def test_any_text_renders_as_itself_without_tags_or_references(value: str) -> None:
    markup = render_inline(text(value))
    assert "<" not in markup
    assert shown(markup) == visible(value)
    assert Page(markup).references() == []
