"""Keywords that test a value itself: ``type``, ``enum``, ``const``, and the string and number keywords."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from minlint.schema.errors import InstancePath, SchemaCompileError, SchemaError
from minlint.schema.keywords import (
    NUMBER_KEYWORDS,
    STRING_KEYWORDS,
    child_pointer,
    read_count,
    read_number,
    read_regex,
)
from minlint.schema.messages import const_error, counted, enum_error, fmt, quote
from minlint.schema.node import Check, Emit, PyType
from minlint.schema.values import PY_TYPES, TYPE_CHECKS, is_multiple, is_number, json_equal


def type_check(names: Sequence[str]) -> tuple[Check, PyType | None]:
    """Build the check for a ``type`` keyword plus, when expressible, the Python classes it admits."""
    if all(name in PY_TYPES for name in names):
        classes = tuple(dict.fromkeys(PY_TYPES[name] for name in names))
        if len(classes) == 1:
            return TYPE_CHECKS[names[0]], classes[0]

        def any_class(instance: object) -> bool:
            return isinstance(instance, classes)

        return any_class, classes
    if len(names) == 1:
        return TYPE_CHECKS[names[0]], None
    checks = tuple(TYPE_CHECKS[name] for name in dict.fromkeys(names))

    def any_type(instance: object) -> bool:
        for check in checks:  # noqa: SIM110 - a plain loop beats a generator here
            if check(instance):
                return True
        return False

    return any_type, None


def enum_check(values: Sequence[object]) -> Check:
    """The check for ``enum``: set lookups per JSON type, JSON equality for lists and mappings."""
    strings = frozenset(value for value in values if isinstance(value, str))
    if all(isinstance(value, str) for value in values):

        def in_strings(instance: object) -> bool:
            return isinstance(instance, str) and instance in strings

        return in_strings
    numbers = frozenset(value for value in values if is_number(value) and isinstance(value, (int, float)))
    bools = frozenset(value for value in values if isinstance(value, bool))
    has_null = any(value is None for value in values)
    others = tuple(value for value in values if isinstance(value, (list, dict)))

    def in_values(instance: object) -> bool:
        if isinstance(instance, str):
            return instance in strings
        if isinstance(instance, bool):
            return instance in bools
        if isinstance(instance, (int, float)):
            return instance in numbers
        if instance is None:
            return has_null
        return any(json_equal(instance, value) for value in others)

    return in_values


def const_check(value: object) -> Check:
    """The check for ``const``."""
    if isinstance(value, str):

        def equals_text(instance: object) -> bool:
            return isinstance(instance, str) and instance == value

        return equals_text

    def equals(instance: object) -> bool:
        return json_equal(instance, value)

    return equals


def enum_emitter(values: list[Any]) -> Emit:
    """The emitter for ``enum``."""
    check = enum_check(values)

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        if not check(instance):
            out.append(enum_error(values, instance, path))

    return emit


def const_emitter(value: object) -> Emit:
    """The emitter for ``const``."""

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        if not json_equal(instance, value):
            out.append(const_error(value, instance, path))

    return emit


def string_keywords(schema: Mapping[str, Any], pointer: str, must: bool) -> tuple[Check, list[Emit]] | None:
    """Check and emitters for ``minLength``/``maxLength``/``pattern``; None when the schema has none.

    With ``must`` the check also insists on text (the schema's only type is ``string``).
    """
    if not any(keyword in schema for keyword in STRING_KEYWORDS):
        return None
    min_length = read_count(schema, "minLength", pointer) or 0
    max_length = read_count(schema, "maxLength", pointer)
    regex = read_regex(schema["pattern"], child_pointer(pointer, "pattern")) if "pattern" in schema else None
    search = None if regex is None else regex.search

    def check(instance: object) -> bool:
        if not isinstance(instance, str):
            return not must
        if min_length and len(instance) < min_length:
            return False
        if max_length is not None and len(instance) > max_length:
            return False
        return search is None or search(instance) is not None

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        if not isinstance(instance, str):
            return
        length = len(instance)
        if length < min_length:
            message = (
                "must not be empty"
                if min_length == 1
                else f"must be at least {counted(min_length, 'character')}" + (f" (got {length})" if length else "")
            )
            out.append(SchemaError(path, message, "minLength"))
        if max_length is not None and length > max_length:
            out.append(
                SchemaError(path, f"must be at most {counted(max_length, 'character')} (got {length})", "maxLength")
            )
        if regex is not None and regex.search(instance) is None:
            message = f"{quote(instance)} does not match the expected format {quote(regex.pattern)}"
            out.append(SchemaError(path, message, "pattern"))

    return check, [emit]


def number_keywords(schema: Mapping[str, Any], pointer: str) -> tuple[Check, list[Emit]] | None:
    """Check and emitters for the number keywords (bounds, ``multipleOf``); None when the schema has none."""
    if not any(keyword in schema for keyword in NUMBER_KEYWORDS):
        return None
    low = read_number(schema, "minimum", pointer)
    high = read_number(schema, "maximum", pointer)
    above = read_number(schema, "exclusiveMinimum", pointer)
    below = read_number(schema, "exclusiveMaximum", pointer)
    step = read_number(schema, "multipleOf", pointer)
    if step is not None and step <= 0:
        raise SchemaCompileError(child_pointer(pointer, "multipleOf"), "`multipleOf` must be greater than 0")

    def check(instance: object) -> bool:
        if not isinstance(instance, (int, float)) or instance.__class__ is bool:
            return True
        if low is not None and instance < low:
            return False
        if high is not None and instance > high:
            return False
        if above is not None and instance <= above:
            return False
        if below is not None and instance >= below:
            return False
        return step is None or is_multiple(instance, step)

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        if not isinstance(instance, (int, float)) or instance.__class__ is bool:
            return
        got = f" (got {fmt(instance)})"
        if low is not None and instance < low:
            out.append(SchemaError(path, f"must be at least {fmt(low)}{got}", "minimum"))
        if high is not None and instance > high:
            out.append(SchemaError(path, f"must be at most {fmt(high)}{got}", "maximum"))
        if above is not None and instance <= above:
            out.append(SchemaError(path, f"must be greater than {fmt(above)}{got}", "exclusiveMinimum"))
        if below is not None and instance >= below:
            out.append(SchemaError(path, f"must be less than {fmt(below)}{got}", "exclusiveMaximum"))
        if step is not None and not is_multiple(instance, step):
            out.append(SchemaError(path, f"must be a multiple of {fmt(step)}{got}", "multipleOf"))

    return check, [emit]
