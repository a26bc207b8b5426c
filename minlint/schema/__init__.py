"""The JSON Schemas shipped with minlint, and shape validation that reports positions.

The schema files in ``minlint/data/schemas/`` are the public contract (editors use them too). They are
compiled once per process by :mod:`minlint.schema.compiler` — never validated with a fresh
``jsonschema`` call per document — and each error is located through the loader's positions.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from minlint.loader.nodes import YMap, YSeq
from minlint.package_data import package_file
from minlint.schema.compiler import CompiledSchema, SchemaError, compile_schema


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The shipped JSON Schema called ``name`` (e.g. ``tracking-plan``)."""
    text = package_file("data", "schemas", f"{name}.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def validator(name: str) -> CompiledSchema:
    """The compiled validator for the shipped schema ``name``."""
    return compile_schema(load_schema(name))


def locate(root: object, error: SchemaError) -> tuple[int, int]:
    """The 1-based line and column a schema error is about.

    An unknown or missing key points at a key (the unknown one, or the mapping's own key);
    anything else points at the offending value.
    """
    node = root
    line, column = (root.line, root.column) if isinstance(root, (YMap, YSeq)) else (1, 1)
    at_key = error.keyword in ("required", "additionalProperties", "propertyNames", "dependentRequired")
    last = len(error.path) - 1
    for index, step in enumerate(error.path):
        if isinstance(node, YMap) and isinstance(step, str) and step in node.marks:
            key_line, key_column, value_line, value_column = node.marks[step]
            point_at_key = at_key and index == last
            line, column = (key_line, key_column) if point_at_key else (value_line, value_column)
            node = node[step]
        elif isinstance(node, YSeq) and isinstance(step, int) and 0 <= step < len(node.marks):
            line, column = node.marks[step]
            node = node[step]
        else:
            break
    return line, column


def shape_errors(root: object, name: str) -> list[tuple[int, int, str, str]]:
    """Every way ``root`` breaks schema ``name``: ``(line, column, message, where)`` sorted by position.

    ``where`` names the offending place by its keys (``traits.email.purpse``), for stable fingerprints.
    """
    return _located_errors(validator(name), root)


@cache
def _definition_validator(name: str, definition: str) -> CompiledSchema:
    schema = load_schema(name)
    return compile_schema({"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"})


def definition_errors(root: object, name: str, definition: str) -> list[tuple[int, int, str, str]]:
    """Like :func:`shape_errors`, against one definition (``$defs``) of schema ``name`` — for a
    fragment written inside another format (``x-minlint`` in a JSON Schema)."""
    return _located_errors(_definition_validator(name, definition), root)


def _located_errors(compiled: CompiledSchema, root: object) -> list[tuple[int, int, str, str]]:
    """Every error of ``compiled`` on ``root`` as ``(line, column, message, where)``, sorted by position."""
    if compiled.is_valid(root):
        return []
    located = []
    for error in compiled.errors(root):
        line, column = locate(root, error)
        where = _where(error)
        target = ".".join(str(step) for step in error.path)
        located.append((line, column, f"{where}{error.message}" if where else error.message, target))
    return sorted(set(located))


def _where(error: SchemaError) -> str:
    """A short prefix naming the offending key, e.g. ``"`retention`: "``."""
    path = error.path
    if error.keyword in ("additionalProperties", "propertyNames") or not path:
        return ""
    if error.keyword == "required":
        return ""
    last = path[-1]
    if isinstance(last, int):
        parent = next((step for step in reversed(path) if isinstance(step, str)), None)
        return f"`{parent}` item {last + 1}: " if parent else f"item {last + 1}: "
    return f"`{last}`: "
