r"""JSON text as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, faster and in less memory.

The standard library writes indented JSON in pure Python (its C encoder serves only unindented
output), from one small string per token and a fresh set of closures per call, before joining
them: for ten thousand findings, tens of megabytes for a moment and most of a warm run's time.
Here the layout is written directly and strings go straight to the C string encoder.

One difference: the standard library escapes only the C0 controls, and would write DEL, the C1
controls (``\x9b`` is a terminal's CSI), the line separators, the bidirectional overrides and lone
surrogates raw. Here every character :func:`minlint.safetext.visible` rewrites is written as a
``\uNNNN`` escape, so the output holds no raw control character and is always valid UTF-8; the
value read back is the same.
"""

from __future__ import annotations

import json
from types import GeneratorType
from typing import Any

from minlint.safetext import UNSAFE, UNSAFE_PATTERN

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_BASESTRING = json.encoder.encode_basestring  # the C implementation where there is one
# What the C encoder leaves raw (it escapes the C0 controls itself).
_ESCAPES = {code: f"\\u{code:04x}" for code in UNSAFE if code >= 0x20}
_CONSTANTS = {True: "true", False: "false", None: "null"}


def _string(text: str) -> str:
    """``text`` as a JSON string, with no raw control character."""
    encoded = _BASESTRING(text)
    if encoded.isascii() and "\x7f" not in encoded:  # the usual case (`isascii` costs nothing on a str)
        return encoded
    return encoded.translate(_ESCAPES) if UNSAFE_PATTERN.search(encoded) else encoded


def _key(key: object) -> str:
    """A mapping key as JSON writes it: always a string."""
    if type(key) is str:
        return _string(key)
    if key is True or key is False or key is None:
        return '"' + _CONSTANTS[key] + '"'
    return '"' + _ENCODE(key) + '"' if isinstance(key, int | float) else _string(str(key))


def dumps(value: Any, level: int = 0) -> str:
    """``value`` as indented JSON text (two spaces per level, UTF-8 characters kept)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if value is None or kind is bool:
        return _CONSTANTS[value]
    if kind is dict or isinstance(value, dict):
        if not value:
            return "{}"
        inner = "  " * (level + 1)
        parts = []
        for key, item in value.items():
            # Text and whole numbers inline: most values are, and a call per value is most of the cost.
            kind = type(item)
            if kind is str:
                text = _string(item)
            elif kind is int:
                text = int.__repr__(item)
            else:
                text = dumps(item, level + 1)
            parts.append(f"{inner}{_string(key) if type(key) is str else _key(key)}: {text}")
        return "{\n" + ",\n".join(parts) + "\n" + "  " * level + "}"
    if isinstance(value, list | tuple | GeneratorType):
        # A generator is written as a list, item by item: its items never all exist at once.
        inner = "  " * (level + 1)
        parts = [inner + dumps(item, level + 1) for item in value]
        return "[\n" + ",\n".join(parts) + "\n" + "  " * level + "]" if parts else "[]"
    return _ENCODE(value)
