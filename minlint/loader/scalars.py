"""Turn YAML scalar text into Python values, the way PyYAML's SafeLoader would.

minlint reads YAML through the parser's event stream (see ``tree.py``) rather than through a
constructor, so it resolves scalars itself: plain scalars by YAML 1.1's implicit rules (PyYAML's
own resolver table), explicitly tagged scalars by the core tags only. Timestamps stay text:
a spec has no dates in it, and text keeps JSON output and schema checks simple.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from yaml.resolver import Resolver

TAG_PREFIX = "tag:yaml.org,2002:"


class MergeKey:
    """The ``<<`` merge key: a value that means "copy the keys of these mappings here"."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<<"


MERGE = MergeKey()


class ScalarError(ValueError):
    """A scalar's text cannot be read as the type its tag names."""


_TRUE = frozenset(("yes", "true", "on", "y"))
_FALSE = frozenset(("no", "false", "off", "n"))


def _bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ScalarError(f"`{text}` is not true or false")


def _int(text: str) -> int:
    value = text.replace("_", "")
    sign = 1
    if value[:1] == "-":
        sign, value = -1, value[1:]
    elif value[:1] == "+":
        value = value[1:]
    try:
        if value == "0":
            return 0
        if value.startswith("0b"):
            return sign * int(value[2:], 2)
        if value.startswith("0x"):
            return sign * int(value[2:], 16)
        if value.startswith("0o"):
            return sign * int(value[2:], 8)
        if value[:1] == "0":
            return sign * int(value, 8)
        if ":" in value:
            total = 0
            for part in value.split(":"):
                total = total * 60 + int(part)
            return sign * total
        return sign * int(value)
    except ValueError as error:
        raise ScalarError(f"`{text}` is not a whole number") from error


def _float(text: str) -> float:
    value = text.replace("_", "").lower()
    sign = 1.0
    if value[:1] == "-":
        sign, value = -1.0, value[1:]
    elif value[:1] == "+":
        value = value[1:]
    try:
        if value == ".inf":
            return sign * float("inf")
        if value == ".nan":
            return float("nan")
        if ":" in value:
            total = 0.0
            for part in value.split(":"):
                total = total * 60 + float(part)
            return sign * total
        return sign * float(value)
    except ValueError as error:
        raise ScalarError(f"`{text}` is not a number") from error


def _null(text: str) -> None:
    if text not in ("", "~", "null", "Null", "NULL"):
        raise ScalarError(f"`{text}` is not null")


def _text(text: str) -> str:
    return text


def _merge(text: str) -> MergeKey:
    return MERGE


_CONSTRUCTORS: dict[str, Callable[[str], object]] = {
    TAG_PREFIX + "bool": _bool,
    TAG_PREFIX + "int": _int,
    TAG_PREFIX + "float": _float,
    TAG_PREFIX + "null": _null,
    TAG_PREFIX + "str": _text,
    TAG_PREFIX + "timestamp": _text,
    TAG_PREFIX + "value": _text,
    TAG_PREFIX + "yaml": _text,
    TAG_PREFIX + "merge": _merge,
}

# Tags a spec may carry explicitly. Everything else (``!!python/object``, ``!!binary``, ``!custom``)
# is reported and never constructed.
ALLOWED_SCALAR_TAGS = frozenset(TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null"))
ALLOWED_COLLECTION_TAGS = frozenset((TAG_PREFIX + "map", TAG_PREFIX + "seq"))

_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    key: list(value) for key, value in Resolver.yaml_implicit_resolvers.items() if key is not None
}
_ANY_FIRST: list[tuple[str, re.Pattern[str]]] = list(Resolver.yaml_implicit_resolvers.get(None, []))


def resolve_plain(text: str) -> object:
    """The value of a plain (unquoted, untagged) scalar under YAML 1.1's implicit typing."""
    candidates = _RESOLVERS.get(text[:1], ()) if text else _RESOLVERS.get("", ())
    for tag, pattern in (*candidates, *_ANY_FIRST):
        if pattern.match(text):
            try:
                return _CONSTRUCTORS.get(tag, _text)(text)
            except ScalarError:
                # YAML 1.1's patterns admit a few texts no number can be made of (``0x_``): keep the text.
                return text
    return text


def construct_tagged(tag: str, text: str) -> object:
    """The value of a scalar carrying an explicit core tag such as ``!!int``; raises ScalarError."""
    return _CONSTRUCTORS[tag](text)


def short_tag(tag: str) -> str:
    """A tag as users write it: ``tag:yaml.org,2002:binary`` becomes ``!!binary``."""
    return "!!" + tag[len(TAG_PREFIX) :] if tag.startswith(TAG_PREFIX) else tag
