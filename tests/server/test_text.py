"""Positions as LSP counts them, and the token a finding underlines: pure functions, no server."""

from __future__ import annotations

import pytest

from minlint.server.diagnostics import token_span
from minlint.server.text import UTF8, UTF16, UTF32, Place, Span, Text, index_of, is_json, split_lines, units
from minlint.server.tokens import flow_depth, occurrences, plain_or_quoted, token_at, written_as


def test_lines_break_at_cr_lf_and_crlf_only() -> None:
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]
    assert split_lines("a\x0cb\x85c\u2028d\u2029e\n") == ["a\x0cb\x85c\u2028d\u2029e", ""]  # not str.splitlines


@pytest.mark.parametrize(
    ("text", "utf16", "utf8", "utf32"),
    [("abc", 3, 3, 3), ("café", 4, 5, 4), ("😀", 2, 4, 1), ("a😀é", 4, 7, 3), ("\ud800", 1, 3, 1)],
)
def test_code_units_in_each_encoding(text: str, utf16: int, utf8: int, utf32: int) -> None:
    assert (units(text, UTF16), units(text, UTF8), units(text, UTF32)) == (utf16, utf8, utf32)


def test_a_character_offset_maps_back_to_its_code_point() -> None:
    line = "a😀b"
    assert [index_of(line, character, UTF16) for character in range(5)] == [0, 1, 1, 2, 3]  # inside the pair: 😀
    assert [index_of(line, character, UTF8) for character in (0, 1, 3, 5, 6, 9)] == [0, 1, 1, 2, 3, 3]
    assert index_of(line, 99, UTF32) == 3 and index_of(line, -1, UTF16) == 0


def test_minlint_positions_become_lsp_positions_inside_the_text() -> None:
    text = Text("key: 😀 value\nlast", UTF16)
    line, index = text.from_minlint(1, 8)
    assert (line, index) == (0, 7) and text.place(line, index) == Place(0, 8)
    assert text.from_minlint(9, 99) == (1, 4)  # past the end: the end
    assert Text("é😀x", UTF8).place(0, 2) == Place(0, 6)


def test_an_edit_replaces_a_span_across_crlf_lines() -> None:
    text = Text("a: 1\r\nb: 😀x\r\n", UTF16)
    assert text.replace(Span(Place(1, 3), Place(1, 5)), "y") == "a: 1\r\nb: yx\r\n"
    assert text.replace(Span(Place(9, 0), Place(9, 0)), "z") == "a: 1\r\nb: 😀x\r\nz"


@pytest.mark.parametrize(
    ("line", "index", "flow", "token"),
    [
        ("  fromat: email", 2, False, (2, 8, "fromat", "")),
        ("    purpose: essential.service  # why", 13, False, (13, 30, "essential.service", "")),
        ("    description: a value, with a comma", 17, False, (17, 38, "a value, with a comma", "")),
        ("  field: {type: string, purpose: x}", 33, False, (33, 34, "x", "")),
        ("  purpose: [a.b, c.d]", 17, False, (17, 20, "c.d", "")),
        ("  purpose: [a.b, c.d]", 11, False, (11, 21, "[a.b, c.d]", "")),
        ('  "email": {"type": "str\\"ing"},', 2, True, (2, 9, "email", '"')),
        ('  "email": {"type": "str\\"ing"},', 20, True, (20, 30, 'str\\"ing', '"')),
        ("  'it''s': x", 2, False, (2, 9, "it''s", "'")),
        ('  "maxLength": 80,', 15, True, (15, 17, "80", "")),
        ("  - name: email", 2, False, (2, 3, "-", "")),
        ("  key: ", 7, False, (7, 7, "", "")),
        ("  url: http://x.example/a", 7, False, (7, 25, "http://x.example/a", "")),
    ],
)
def test_the_token_at_a_place(line: str, index: int, flow: bool, token: tuple[int, int, str, str]) -> None:
    assert tuple(token_at(line, index, flow=flow)) == token


def test_flow_depth_ignores_brackets_in_quotes_and_comments() -> None:
    assert flow_depth('a: {b: "[", c: [x', 17) == 2
    assert flow_depth("a: x # [", 8) == 0


def test_a_finding_past_the_text_of_its_line_underlines_the_line() -> None:
    text = Text("minlint: 1\n  email:   \n\n", UTF16)
    assert token_span(text, 1, 10, flow=False) == Span(Place(1, 2), Place(1, 8))
    assert token_span(text, 2, 0, flow=False) == Span(Place(2, 0), Place(2, 0))


def test_words_are_found_whole_and_written_back_safely() -> None:
    assert occurrences("a.b: [a.b.c, a.b, xa.b]", "a.b") == [0, 13]
    assert written_as('say "hi"', '"') == 'say \\"hi\\"' and written_as("it's", "'") == "it''s"
    assert [plain_or_quoted(value) for value in ("P13M", "yes", "1.5", "a: b", "analytics.reporting")] == [
        "P13M",
        '"yes"',
        '"1.5"',
        '"a: b"',
        "analytics.reporting",
    ]
    assert is_json("schemas/x/jsonschema/1-0-0", '\n {"self": {}}') and not is_json("plan.yaml", "minlint: 1")


@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        (["    purpose: ana"], "purpose"),
        (["  f: {basis: {analytics.reporting: leg"], "basis"),
        (['  "data_categories": ["user.'], "category"),
        (["  shared_with:", "    # recipients", "    - mailchimp", "    - fi"], "recipient"),
        (["  purpose:", "  - a", "  - b"], "purpose"),
        (["  purpose:ana"], None),
        (["  retention: P1"], None),
        (["  notes:", "    - fi"], None),
        (["  x-purpose: a"], None),
    ],
)
def test_completion_knows_what_the_cursor_is_on(lines: list[str], kind: str | None) -> None:
    from minlint.server.completion import completion_context

    text = Text("\n".join(lines), UTF16)
    found = completion_context(text, Place(len(lines) - 1, len(lines[-1])))
    assert (found.kind if found is not None else None) == kind


def test_starting_values_are_written_as_one_line_of_yaml() -> None:
    from minlint.server.declare import flow_yaml

    assert flow_yaml({"duration": "P30D", "after": "account_closure"}) == "{duration: P30D, after: account_closure}"
    assert flow_yaml(["a", 1, True]) == "[a, 1, true]" and flow_yaml(None) is None and flow_yaml([object()]) is None
