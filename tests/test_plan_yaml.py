"""The YAML ``minlint import`` writes reads back as the value written, whatever the text."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from minlint.plan_yaml import scalar


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_every_text_reads_back_as_itself(text: str) -> None:
    assert yaml.safe_load(f"key: {scalar(text)}\n")["key"] == text


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_every_plain_value_reads_back_as_itself(value: object) -> None:
    assert yaml.safe_load(f"key: {scalar(value)}\n")["key"] == value


def test_line_breaks_yaml_alone_knows_are_escaped() -> None:
    assert scalar("a\u2028b\x85c") == '"a\\u2028b\\x85c"'
