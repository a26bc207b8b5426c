"""The memory-lean JSON writer writes exactly what the standard library would."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from minlint.formatters.jsontext import dumps

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
def test_dumps_matches_json_dumps_with_two_space_indent(value: Any) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_dumps_keeps_line_breaks_inside_strings_escaped_at_every_depth() -> None:
    value = {"findings": [{"message": "two\nlines", "nested": {"list": ["a\nb", 1.5, None]}}]}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert dumps([]) == "[]" and dumps({}) == "{}"
