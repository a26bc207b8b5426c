"""The keyword vocabulary the compiler supports natively, and reading keyword values.

The ``read_*`` functions check the value of one keyword in a schema and raise
:class:`~minlint.schema.errors.SchemaCompileError`, naming the JSON pointer, when it is malformed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from minlint.schema.errors import SchemaCompileError
from minlint.schema.messages import TYPE_WORDS, quote
from minlint.schema.values import is_number

OBJECT_KEYWORDS: Final = frozenset(
    {
        "properties",
        "patternProperties",
        "additionalProperties",
        "required",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "dependentRequired",
    }
)
ARRAY_KEYWORDS: Final = frozenset(
    {"items", "prefixItems", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems"}
)
STRING_KEYWORDS: Final = frozenset({"minLength", "maxLength", "pattern"})
NUMBER_KEYWORDS: Final = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"})
NATIVE_KEYWORDS: Final = (
    OBJECT_KEYWORDS
    | ARRAY_KEYWORDS
    | STRING_KEYWORDS
    | NUMBER_KEYWORDS
    | frozenset(
        {
            "type",
            "enum",
            "const",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
            "$ref",
            "$defs",
            "definitions",
        }
    )
)
ANNOTATIONS: Final = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "$anchor",
        "$dynamicAnchor",
        "$vocabulary",
        "title",
        "description",
        "default",
        "examples",
        "format",
        "deprecated",
        "readOnly",
        "writeOnly",
        "markdownDescription",
        "errorMessage",
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
    }
)


def child_pointer(pointer: str, token: str | int) -> str:
    """The JSON pointer one step below ``pointer`` (``~`` and ``/`` escaped)."""
    return pointer + "/" + str(token).replace("~", "~0").replace("/", "~1")


def read_type_names(value: object, pointer: str) -> tuple[str, ...]:
    """The type names of a ``type`` keyword (one name or a non-empty list of them)."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names:
        raise SchemaCompileError(pointer, f"`type` must be a type name or a non-empty list of them, got {quote(value)}")
    for name in names:
        if not isinstance(name, str) or name not in TYPE_WORDS:
            known = ", ".join(f"`{known}`" for known in TYPE_WORDS)
            raise SchemaCompileError(pointer, f"{quote(name)} is not a known type; use one of: {known}")
    return tuple(names)


def read_mapping(schema: Mapping[str, Any], keyword: str, pointer: str) -> Mapping[str, Any]:
    """The value of ``keyword``, which must be a mapping."""
    value = schema[keyword]
    if not isinstance(value, Mapping):
        raise SchemaCompileError(child_pointer(pointer, keyword), f"`{keyword}` must be a mapping")
    return value


def read_schema_list(schema: Mapping[str, Any], keyword: str, pointer: str) -> list[Any]:
    """The value of ``keyword``, which must be a non-empty list (of schemas)."""
    value = schema[keyword]
    if not isinstance(value, list) or not value:
        raise SchemaCompileError(child_pointer(pointer, keyword), f"`{keyword}` must be a non-empty list of schemas")
    return value


def read_string_list(value: object, pointer: str, keyword: str) -> tuple[str, ...]:
    """``value`` as key names; it must be a list of text."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SchemaCompileError(pointer, f"`{keyword}` must be a list of key names")
    return tuple(value)


def read_count(schema: Mapping[str, Any], keyword: str, pointer: str) -> int | None:
    """The whole number (0 or more) given for ``keyword``, or None when absent."""
    if keyword not in schema:
        return None
    value = schema[keyword]
    if (
        isinstance(value, bool)
        or not (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))
        or value < 0
    ):
        raise SchemaCompileError(
            child_pointer(pointer, keyword), f"`{keyword}` must be a whole number of 0 or more, got {quote(value)}"
        )
    return int(value)


def read_number(schema: Mapping[str, Any], keyword: str, pointer: str) -> int | float | None:
    """The number given for ``keyword``, or None when absent."""
    if keyword not in schema:
        return None
    value = schema[keyword]
    if not is_number(value) or not isinstance(value, (int, float)):
        raise SchemaCompileError(child_pointer(pointer, keyword), f"`{keyword}` must be a number, got {quote(value)}")
    return value


def read_regex(pattern: object, pointer: str) -> re.Pattern[str]:
    """The compiled regular expression of a ``pattern`` or ``patternProperties`` key."""
    if not isinstance(pattern, str):
        raise SchemaCompileError(pointer, f"a pattern must be text, got {quote(pattern)}")
    try:
        return re.compile(pattern)
    except re.error as error:
        raise SchemaCompileError(pointer, f"{quote(pattern)} is not a valid pattern ({error})") from None
