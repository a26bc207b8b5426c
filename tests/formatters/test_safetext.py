"""The one escaping of untrusted text (``minlint.safetext``): visible, distinct, the real name when needed."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from minlint.safetext import UNSAFE, csv_cell, host_name, name_bytes, prose, real_name, visible

HOSTILE = "a\x1b[31mb\x07c\rd\ne\tf\x7f\x9b\u202eg\u2028h"


def test_each_control_character_gets_a_visible_escape_of_its_own() -> None:
    assert visible(HOSTILE) == "a\\x1b[31mb\\x07c\\rd\\ne\\tf\\x7f\\x9b\\u202eg\\u2028h"
    assert visible("plain text, é 漢字 🙂 and a \\ backslash") == "plain text, é 漢字 🙂 and a \\ backslash"


def test_a_byte_that_is_not_utf8_shows_as_display_path_shows_it() -> None:
    name = os.fsdecode(b"caf\xe9.yaml")
    assert visible(name) == "caf\\xe9.yaml"
    assert visible("\ud800") == "\\ud800"  # any other lone surrogate: its code point


@given(st.text(alphabet=st.characters(exclude_categories=())))  # surrogates included
def test_no_unsafe_character_survives_and_escaping_twice_changes_nothing(text: str) -> None:
    shown = visible(text)
    assert not {ord(char) for char in shown} & UNSAFE
    assert visible(shown) == shown
    assert len(shown.splitlines()) <= 1


def test_prose_folds_whitespace_and_escapes_the_rest() -> None:
    assert prose("  Line one.\n  Line two.\r\n") == "Line one. Line two."
    assert prose("bell\x07 and\x1b[2J") == "bell\\x07 and\\x1b[2J"


def test_csv_cells_are_visible_and_defused_against_formulas() -> None:
    assert [csv_cell(value) for value in ("=1+1", "+1", "-1", "@SUM(A1)", "ok")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "ok",
    ]
    assert csv_cell("a\nb\x1b") == "a\\nb\\x1b"
    assert csv_cell("\t=x") == "\\t=x"  # a tab is no longer the first character: nothing to run
    assert csv_cell("=a\n b", fold=True) == "'=a b"


def test_the_real_name_of_a_shown_path() -> None:
    assert real_name("plans/\\xff-web.yaml") == os.fsdecode(b"plans/\xff-web.yaml")
    assert name_bytes("plans/\\xff-web.yaml") == b"plans/\xff-web.yaml"
    assert host_name("plans/\\xff-web.yaml") == "plans/\ufffd-web.yaml"
    # A name that merely contains an escape-like text that display_path would not have written keeps it.
    assert real_name("a\\xc3\\xa9.yaml") == "a\\xc3\\xa9.yaml"
    assert real_name("a\\x41.yaml") == "a\\x41.yaml"
    assert real_name("plain/é.yaml") == "plain/é.yaml"
    assert name_bytes("plain/é.yaml") == "plain/é.yaml".encode()
