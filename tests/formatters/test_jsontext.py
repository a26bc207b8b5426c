"""The memory-lean JSON writer writes what the standard library would, with no raw control character."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from minlint.formatters.jsontext import dumps
from minlint.safetext import UNSAFE

# What the standard library leaves raw (DEL, C1 controls, separators, bidi marks, lone surrogates), escaped.
ESCAPED = {code: f"\\u{code:04x}" for code in UNSAFE if code >= 0x20}

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=8), children, max_size=5)
        | st.dictionaries(SCALARS, children, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_dumps_matches_json_dumps_with_two_space_indent_but_escapes_every_control_character(value: Any) -> None:
    text = dumps(value)
    assert text == json.dumps(value, indent=2, ensure_ascii=False).translate(ESCAPED)
    assert not {ord(char) for char in text if char != "\n"} & UNSAFE
    assert json.loads(text) == json.loads(json.dumps(value))


def test_dumps_escapes_what_the_standard_library_leaves_raw() -> None:
    value = {"name\x9b": ["\x1b[31m\x07", "\x7f\x85\u202e\u2028", "\udcff", "é 漢字 🙂"]}
    text = dumps(value)
    assert text == (
        '{\n  "name\\u009b": [\n    "\\u001b[31m\\u0007",\n    "\\u007f\\u0085\\u202e\\u2028",\n'
        '    "\\udcff",\n    "é 漢字 🙂"\n  ]\n}'
    )
    assert json.loads(text) == value
    text.encode("utf-8")  # a lone surrogate no longer makes the output impossible to write


def test_dumps_keeps_line_breaks_inside_strings_escaped_at_every_depth() -> None:
    value = {"findings": [{"message": "two\nlines", "nested": {"list": ["a\nb", 1.5, None]}}]}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert dumps([]) == "[]" and dumps({}) == "{}"
