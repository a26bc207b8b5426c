"""Plain-language error texts, written for privacy officers and marketers rather than programmers.

Values are quoted short (at most 40 characters), types are named in everyday words ("a list",
"text") and near-miss keys or values get a did-you-mean hint.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Final

from minlint.schema.errors import InstancePath, SchemaError

_QUOTE_LIMIT: Final = 40
_LIST_LIMIT: Final = 12

TYPE_WORDS: Final[dict[str, str]] = {
    "object": "a mapping (key: value pairs)",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing (null)",
}
"""Every JSON type name, in everyday words."""


def _shorten(text: str) -> str:
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def fmt(value: object) -> str:
    """Short JSON-like text for a value, at most 40 characters."""
    if isinstance(value, str):
        text = value
    elif value is None:
        text = "null"
    elif value is True:
        text = "true"
    elif value is False:
        text = "false"
    elif isinstance(value, (int, float)):
        text = repr(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=repr)
        except (TypeError, ValueError, RecursionError):
            text = "[…]" if isinstance(value, list) else "{…}" if isinstance(value, dict) else type(value).__name__
    return _shorten(text)


def quote(value: object) -> str:
    """A value as short text in backticks, e.g. ``"`abc`"``."""
    return f"`{fmt(value)}`"


def counted(number: int, noun: str) -> str:
    """``"1 item"``, ``"2 items"``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def join_or(words: Sequence[str]) -> str:
    """``"a, b or c"``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def quoted_list(values: Sequence[object]) -> str:
    """Quoted values separated by commas, the first dozen only."""
    shown = ", ".join(quote(value) for value in values[:_LIST_LIMIT])
    return shown + (", …" if len(values) > _LIST_LIMIT else "")


def describe_value(value: object) -> str:
    """Plain-language description of what the user wrote, e.g. ``text `abc```."""
    if isinstance(value, str):
        return f"text {quote(value)}" if value else "empty text"
    if isinstance(value, bool):
        return f"a true/false value ({quote(value)})"
    if isinstance(value, (int, float)):
        return f"a number ({fmt(value)})"
    if value is None:
        return "nothing (null)"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)" if value else "an empty mapping"
    return f"a value of type {type(value).__name__}"


def type_words(types: Sequence[str]) -> list[str]:
    """The everyday words for JSON type names, without repeats (``integer`` folds into ``number``)."""
    words: list[str] = []
    for name in types:
        if name == "integer" and "number" in types:
            continue
        word = TYPE_WORDS.get(name, name)
        if word not in words:
            words.append(word)
    return words


def type_error(types: Sequence[str], instance: object, path: InstancePath) -> SchemaError:
    """The error for a value of the wrong type."""
    message = f"expected {join_or(type_words(types))}, got {describe_value(instance)}"
    if isinstance(instance, bool) and "string" in types:
        message += "; put it in quotes if you meant text"
    return SchemaError(path, message, "type")


def enum_error(values: Sequence[object], instance: object, path: InstancePath) -> SchemaError:
    """The error for a value outside an ``enum``, with a did-you-mean hint for near-miss text."""
    if len(values) == 1:
        return SchemaError(path, f"must be {quote(values[0])}, got {quote(instance)}", "enum")
    message = f"{quote(instance)} is not one of: {quoted_list(values)}"
    if isinstance(instance, str):
        candidates = [value for value in values if isinstance(value, str)]
        from difflib import get_close_matches  # only when a suggestion is needed

        close = get_close_matches(instance, candidates, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean {quote(close[0])}?)"
    return SchemaError(path, message, "enum")


def const_error(value: object, instance: object, path: InstancePath) -> SchemaError:
    """The error for a value other than a ``const``."""
    return SchemaError(path, f"must be {quote(value)}, got {quote(instance)}", "const")


def missing_error(key: str, path: InstancePath) -> SchemaError:
    """The error for a missing required key (``path`` is the mapping's)."""
    return SchemaError(path, f"missing required key {quote(key)}", "required", key)


_PREFIX_PATTERN: Final = re.compile(r"\^([A-Za-z0-9_-]+)")


def _pattern_hint(patterns: Sequence[str]) -> str:
    hints = []
    for pattern in patterns:
        literal = _PREFIX_PATTERN.fullmatch(pattern)
        hints.append(f"keys starting with {quote(literal.group(1))}" if literal else f"keys matching {quote(pattern)}")
    return join_or(hints)


def unknown_key_error(
    key: str, allowed: Sequence[str], patterns: Sequence[str], path: InstancePath, keyword: str
) -> SchemaError:
    """The error for a key the mapping does not allow, naming the closest allowed key or the allowed ones."""
    from difflib import get_close_matches  # only when a suggestion is needed

    close = get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = _pattern_hint(patterns)
    if close:
        message = f"unknown key {quote(key)} (did you mean {quote(close[0])}?)"
    elif allowed:
        names = sorted(allowed)
        message = f"unknown key {quote(key)}; allowed keys: {quoted_list(names)}"
        if hint:
            message += f" (and {hint})"
    elif hint:
        message = f"unknown key {quote(key)}; only {hint} are allowed here"
    else:
        message = f"unknown key {quote(key)}; no keys are allowed here"
    return SchemaError(path, message, keyword, key)
