"""JSON semantics of Python values: JSON types, JSON equality, uniqueness and ``multipleOf``.

YAML and JSON loaders give ``dict``/``list``/``str``/``int``/``float``/``bool``/``None``; JSON Schema
treats ``1`` and ``1.0`` as equal integers but ``true`` and ``1`` as different values.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import Any, Final, TypeAlias

Types: TypeAlias = frozenset[str] | None
"""The JSON type names a subschema admits; None when unknown or any."""


def is_integer(instance: object) -> bool:
    """Whether ``instance`` is a JSON integer (``2`` and ``2.0``, not ``true``)."""
    if isinstance(instance, int):
        return instance.__class__ is not bool
    return isinstance(instance, float) and instance.is_integer()


def is_number(instance: object) -> bool:
    """Whether ``instance`` is a JSON number (not a bool)."""
    return isinstance(instance, (int, float)) and instance.__class__ is not bool


def is_bool(instance: object) -> bool:
    """Whether ``instance`` is ``true`` or ``false``."""
    return instance is True or instance is False


def is_null(instance: object) -> bool:
    """Whether ``instance`` is ``null``."""
    return instance is None


TYPE_CHECKS: Final[dict[str, Callable[[object], bool]]] = {
    "object": dict.__instancecheck__,
    "array": list.__instancecheck__,
    "string": str.__instancecheck__,
    "integer": is_integer,
    "number": is_number,
    "boolean": is_bool,
    "null": is_null,
}
"""The test for each JSON type name."""

PY_TYPES: Final[dict[str, type]] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}
"""JSON types that are exactly one Python class (integer and number are not: bools are ints)."""


def json_type(instance: object) -> str:
    """The JSON type name of ``instance`` (``integer`` for whole floats), or ``unknown``."""
    if isinstance(instance, str):
        return "string"
    if isinstance(instance, bool):
        return "boolean"
    if isinstance(instance, int):
        return "integer"
    if isinstance(instance, float):
        return "integer" if instance.is_integer() else "number"
    if instance is None:
        return "null"
    if isinstance(instance, list):
        return "array"
    if isinstance(instance, dict):
        return "object"
    return "unknown"


def fits(types: Types, instance: object) -> bool:
    """Whether a branch admitting ``types`` (None: any type) admits the JSON type of ``instance``."""
    if types is None:
        return True
    kind = json_type(instance)
    if kind == "integer":
        return "integer" in types or "number" in types
    return kind in types


def json_equal(one: object, two: object) -> bool:
    """JSON equality: ``1 == 1.0`` but ``True != 1``; lists and mappings compared element-wise."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return isinstance(one, str) and isinstance(two, str) and one == two
    if isinstance(one, bool) or isinstance(two, bool):
        return False  # distinct bools, or a bool against a non-bool
    if isinstance(one, list):
        return isinstance(two, list) and len(one) == len(two) and all(map(json_equal, one, two))
    if isinstance(one, dict):
        return (
            isinstance(two, dict)
            and len(one) == len(two)
            and all(key in two and json_equal(value, two[key]) for key, value in one.items())
        )
    if isinstance(two, (list, dict)):
        return False
    return bool(one == two)


_BOOL_TAG: Final = "\x00bool"
_LIST_TAG: Final = "\x00list"
_DICT_TAG: Final = "\x00dict"


def _freeze(value: object) -> object:
    """Return a hashable stand-in for ``value``; JSON-equal values get equal stand-ins."""
    if isinstance(value, bool):
        return (_BOOL_TAG, value)
    if isinstance(value, list):
        return (_LIST_TAG, tuple(map(_freeze, value)))
    if isinstance(value, dict):
        return (_DICT_TAG, frozenset((key, _freeze(item)) for key, item in value.items()))
    return value


def first_duplicate(items: list[Any]) -> tuple[int, int] | None:
    """Indexes ``(first, repeat)`` of the first repeated item (JSON equality), or None."""
    seen: dict[object, int] = {}
    try:
        for index, item in enumerate(items):
            first = seen.setdefault(_freeze(item), index)
            if first != index:
                return first, index
    except TypeError:  # an unhashable non-JSON value: fall back to pairwise comparison
        for index, item in enumerate(items):
            for earlier in range(index):
                if json_equal(items[earlier], item):
                    return earlier, index
    return None


def all_unique(items: list[Any]) -> bool:
    """Whether no two items are JSON-equal."""
    if all(map(isinstance, items, repeat(str))):
        return len(set(items)) == len(items)
    return first_duplicate(items) is None


def is_multiple(instance: int | float, divisor: int | float) -> bool:
    """``multipleOf`` with the same float handling as ``jsonschema``."""
    try:
        if isinstance(divisor, float):
            quotient = instance / divisor
            try:
                return int(quotient) == quotient
            except OverflowError:
                from fractions import Fraction  # rarely needed, and slow to import

                return (Fraction(instance) / Fraction(divisor)).denominator == 1
        return not instance % divisor
    except (OverflowError, ValueError):
        return False


def key_text(key: object) -> str:
    """A mapping key as text (YAML allows non-text keys such as ``1`` or ``true``)."""
    return key if isinstance(key, str) else str(key)
