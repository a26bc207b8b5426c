"""Tests for ``minlint.loader.scalars``: YAML 1.1 implicit typing of plain scalars and core tags."""

from __future__ import annotations

import math

import pytest
import yaml

from minlint.loader.scalars import (
    ALLOWED_COLLECTION_TAGS,
    ALLOWED_SCALAR_TAGS,
    MERGE,
    TAG_PREFIX,
    ScalarError,
    construct_tagged,
    resolve_plain,
    short_tag,
)

RESOLVED = [
    # booleans: YAML 1.1 words, three spellings each
    ("yes", True),
    ("Yes", True),
    ("YES", True),
    ("no", False),
    ("No", False),
    ("on", True),
    ("ON", True),
    ("off", False),
    ("Off", False),
    ("true", True),
    ("True", True),
    ("FALSE", False),
    # integers
    ("0", 0),
    ("-0", 0),
    ("+12", 12),
    ("-17", -17),
    ("1_000", 1000),
    ("-1_000", -1000),
    ("1__0", 10),
    ("0x1F", 31),
    ("0x1f", 31),
    ("+0x1f", 31),
    ("-0x10", -16),
    ("0b101", 5),
    ("0b1_0", 2),
    ("017", 15),
    ("1:30", 90),
    ("-1:00:00", -3600),
    # floats
    ("1.5", 1.5),
    ("0.", 0.0),
    ("1_0.5", 10.5),
    ("1.5e+3", 1500.0),
    ("-2.5E-1", -0.25),
    ("09.5", 9.5),
    ("190:20:30.15", 685230.15),
    (".inf", math.inf),
    (".Inf", math.inf),
    (".INF", math.inf),
    ("+.inf", math.inf),
    ("-.inf", -math.inf),
    ("-.Inf", -math.inf),
    # null
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("", None),
]

STAYS_TEXT = [
    "2026-01-01",  # timestamps stay text in minlint
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    "y",  # YAML 1.1 lists y/n but PyYAML's resolver does not
    "n",
    "tRUE",
    "oFF",
    "nULL",
    "0o17",  # a YAML 1.2 octal, not YAML 1.1
    "0X1F",
    "08",
    "1e3",  # YAML 1.1 floats need a dot
    "0:30",
    "1:60",
    "=",  # the `value` tag is never constructed
    "hello world",
    "user.email",
    "1.2.3",
    "inf",
    "nan",
    ".infinity",
]


@pytest.mark.parametrize(("text", "expected"), RESOLVED, ids=[repr(text) for text, _ in RESOLVED])
def test_plain_scalar_resolves_like_yaml_1_1(text: str, expected: object) -> None:
    value = resolve_plain(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_plain_nan_resolves_to_a_float_nan(text: str) -> None:
    value = resolve_plain(text)
    assert isinstance(value, float)
    assert math.isnan(value)


@pytest.mark.parametrize("text", STAYS_TEXT)
def test_plain_scalar_that_is_not_typed_stays_text(text: str) -> None:
    assert resolve_plain(text) == text


def test_date_stays_text_although_safe_load_makes_a_date() -> None:
    assert resolve_plain("2026-01-01") == "2026-01-01"
    assert not isinstance(yaml.safe_load("2026-01-01"), str)


def test_merge_key_resolves_to_the_merge_marker() -> None:
    assert resolve_plain("<<") is MERGE
    assert repr(MERGE) == "<<"


def _safe_loader_tag(text: str) -> str:
    loader = yaml.SafeLoader("")
    try:
        tag: str = loader.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    finally:
        loader.dispose()
    return tag


# minlint keeps timestamps and `=` as text and turns `<<` into a marker on purpose; compare the rest.
COMPARABLE = [
    text
    for text in [text for text, _ in RESOLVED] + [*STAYS_TEXT, "0b1", "-0b11", "0_", "00", "1_", "1_.", "+1_0.5e-1"]
    if _safe_loader_tag(text) not in (TAG_PREFIX + "timestamp", TAG_PREFIX + "value", TAG_PREFIX + "merge")
]


@pytest.mark.parametrize("text", COMPARABLE)
def test_resolution_agrees_with_pyyaml_safe_loader_except_timestamps(text: str) -> None:
    loader = yaml.SafeLoader("")
    try:
        expected = loader.construct_object(yaml.ScalarNode(_safe_loader_tag(text), text))
    finally:
        loader.dispose()
    value = resolve_plain(text)
    assert type(value) is type(expected)
    if isinstance(value, float) and math.isnan(value):
        assert isinstance(expected, float)
        assert math.isnan(expected)
    else:
        assert value == expected


# -- explicitly tagged scalars ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "text", "expected"),
    [
        ("int", "12", 12),
        ("int", "0x1F", 31),
        ("int", "1_000", 1000),
        ("int", "0o17", 15),
        ("float", "1", 1.0),
        ("float", "-.inf", -math.inf),
        ("float", "1_000.5", 1000.5),
        ("bool", "yes", True),
        ("bool", "false", False),
        ("bool", "OFF", False),
        ("null", "", None),
        ("null", "~", None),
        ("str", "1", "1"),
        ("str", "yes", "yes"),
        ("str", "", ""),
    ],
)
def test_core_tag_constructs_its_type(tag: str, text: str, expected: object) -> None:
    value = construct_tagged(TAG_PREFIX + tag, text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("int", "abc"),
        ("int", "1.5"),
        ("int", "0x"),
        ("float", "abc"),
        ("float", "1.2.3"),
        ("null", "nothing"),
    ],
)
def test_core_tag_on_text_of_the_wrong_type_raises_scalar_error(tag: str, text: str) -> None:
    with pytest.raises(ScalarError, match=text.replace(".", r"\.")):
        construct_tagged(TAG_PREFIX + tag, text)


def test_scalar_error_is_a_value_error() -> None:
    assert issubclass(ScalarError, ValueError)


def test_bool_tag_on_text_that_is_not_a_boolean_raises_scalar_error() -> None:
    with pytest.raises(ScalarError):
        construct_tagged(TAG_PREFIX + "bool", "banana")


@pytest.mark.parametrize("text", ["0x_", "0b_", "-0x__", "+0b_"])
def test_plain_hex_or_binary_prefix_without_digits_does_not_raise(text: str) -> None:
    resolve_plain(text)


def test_allowed_tags_are_the_json_like_core_tags() -> None:
    assert {short_tag(tag) for tag in ALLOWED_SCALAR_TAGS} == {
        "!!str",
        "!!int",
        "!!float",
        "!!bool",
        "!!null",
    }
    assert {short_tag(tag) for tag in ALLOWED_COLLECTION_TAGS} == {"!!map", "!!seq"}


@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        (TAG_PREFIX + "binary", "!!binary"),
        (TAG_PREFIX + "python/object/apply:os.system", "!!python/object/apply:os.system"),
        ("!custom", "!custom"),
        ("tag:example.com,2000:app/foo", "tag:example.com,2000:app/foo"),
    ],
)
def test_short_tag_shows_tags_as_users_write_them(tag: str, shown: str) -> None:
    assert short_tag(tag) == shown
