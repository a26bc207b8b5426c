"""What every reader of another format shares: parsing with positions, the plan tree, the declarations.

A reader of another format (RudderStack, Segment, Snowplow, plain JSON Schema) parses the native
file with minlint's loader — JSON is YAML, so JSON files get lines and columns too — and builds a
tree shaped like a minlint tracking plan out of :class:`~minlint.loader.nodes.ForeignMap` nodes
whose positions are in the native file: :func:`new_plan`, :func:`new_event`, :func:`new_field`,
and :func:`schema_fields` for anything described by JSON Schema ``properties``. :func:`finish` then
lays the project's declarations files over it (:mod:`minlint.model.overlay`) and builds the same
:class:`~minlint.model.spec.Spec` as for a minlint plan, so every rule, output and gate works on it.

Declarations can also be written in a JSON Schema itself, in the extension keyword ``x-minlint``
(JSON Schema tools ignore ``x-`` keywords): ``"x-minlint": {"purpose": …, "basis": …}`` on the
event's schema declares for every field of it, on a property for that property and those nested in
it. A declarations file wins over ``x-minlint`` at the same level.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from minlint.loader.decode import DecodeFailure, decode
from minlint.loader.load import json_syntax, looks_like_spec
from minlint.loader.nodes import ForeignMap, YMap, YSeq, foreign_child
from minlint.loader.tree import parse_yaml
from minlint.model.build import build_tracking_plan
from minlint.model.overlay import lay_over
from minlint.paths import slug
from minlint.readers import Document, Problem, ReadOptions
from minlint.schema import definition_errors
from minlint.suppressions import Suppression, scan
from minlint.taxonomy import Taxonomy
from minlint.vocabulary import (
    DECLARATIONS,
    FORBIDS_IDENTIFYING,
    INHERITED,
    JSON_SUFFIX,
    SHAPE,
    SYNTAX,
    TRACKING_PLAN,
)

EXTENSION = "x-minlint"
# What a JSON Schema property says about its values that minlint's own fields say the same way.
_FACTS = ("format", "enum", "pattern", "maxLength", "minLength", "minimum", "maximum", "description")


class Parsed(NamedTuple):
    """A native file parsed: its top mapping, the problems found reading it, its suppressions."""

    root: YMap
    problems: list[Problem]
    suppressions: tuple[Suppression, ...]


def parse(path: str, data: bytes, options: ReadOptions) -> Parsed | Document | None:
    """``data`` parsed with positions; a broken :class:`Document` when it cannot be read, and
    None when its top level is not a mapping or is a minlint spec (not another format's file)."""
    decoded = decode(data)
    if isinstance(decoded, DecodeFailure):
        return Document(True, None, (Problem(SYNTAX, decoded.line, decoded.column, decoded.message),))
    if looks_like_spec(decoded):
        return None  # minlint's own format (a plan saying `rules:` and `events`): not parsed twice
    if "\t" in decoded and decoded.lstrip(" \t\r\n")[:1] in ("{", "["):
        # JSON may indent with tabs, which YAML refuses. A tab is one column to the loader, so a
        # space for each keeps every position.
        decoded = decoded.replace("\t", " ")
    limits = options.limits
    parsed = parse_yaml(
        decoded, pure=options.pure_yaml, max_depth=limits.max_depth, max_alias_nodes=limits.max_alias_nodes
    )
    said = parsed.problems
    if path.lower().endswith(JSON_SUFFIX):
        said = [json_syntax(problem) for problem in said]
    problems = [Problem(item.code, item.line, item.column, item.message) for item in said]
    if parsed.fatal:
        return Document(True, None, tuple(problems))
    root = parsed.root
    if not isinstance(root, YMap) or "minlint" in root:
        return None
    if parsed.second_document is not None:
        line, column = parsed.second_document
        message = "a second YAML document starts here; minlint reads only the first"
        problems.append(Problem(SHAPE, line, column, message))
    return Parsed(root, problems, tuple(scan(path, decoded)))


def text(mapping: YMap, key: str) -> str | None:
    """``mapping[key]`` if it is a non-empty text."""
    value = mapping.get(key)
    return value if isinstance(value, str) and value else None


def new_plan(name: str, line: int, column: int) -> ForeignMap:
    """The root of a plan tree named ``name``, at the native file's ``line``/``column``."""
    root = ForeignMap(line, column)
    for key, value in (("minlint", 1), ("kind", TRACKING_PLAN), ("name", name)):
        root[key] = value
        root.marks[key] = (line, column, line, column)
    return root


def section(root: YMap, name: str) -> ForeignMap:
    """The plan's ``traits`` or ``context`` fields (made on first use)."""
    return foreign_child(root, name)


def new_event(
    root: YMap, name: str, line: int, column: int, ident: str | None = None, description: str | None = None
) -> ForeignMap | None:
    """A new event of the plan, its key at ``line``/``column``; None if the plan has one of that name already."""
    events = foreign_child(root, "events")
    if name in events:
        return None
    event = ForeignMap(line, column, ident)
    events[name] = event
    events.marks[name] = (line, column, line, column)
    if description:
        event["description"] = description
        event.marks["description"] = (line, column, line, column)
    return event


def event_fields(event: YMap) -> ForeignMap:
    """The event's ``properties`` (made on first use)."""
    return foreign_child(event, "properties")


def new_field(fields: YMap, name: str, line: int, column: int, ident: str | None = None) -> ForeignMap | None:
    """A new field ``name`` in ``fields``, its key at ``line``/``column``; None if there is one already."""
    if name in fields:
        return None
    node = ForeignMap(line, column, ident)
    fields[name] = node
    fields.marks[name] = (line, column, line, column)
    return node


def put(node: YMap, key: str, value: object, line: int, column: int) -> None:
    """Set ``node[key]``, its value written at ``line``/``column`` of the native file."""
    node[key] = value
    node.marks[key] = (line, column, line, column)


def copy_key(node: YMap, source: YMap, key: str, as_key: str | None = None) -> None:
    """Copy ``source[key]`` (with its position) onto ``node`` as ``as_key``, if present and not null."""
    value = source.get(key)
    if value is None:
        return
    node[as_key or key] = value
    node.marks[as_key or key] = source.marks[key]


def json_type(value: object) -> object:
    """A JSON Schema ``type`` as a minlint field's: a nullable type (``[string, "null"]``) is its type."""
    if isinstance(value, list):
        types = [item for item in value if item != "null"]
        return types[0] if len(types) == 1 else types or None
    return value


def extension(node: ForeignMap, schema: YMap, problems: list[Problem]) -> None:
    """The declarations ``schema`` makes in :data:`EXTENSION`, copied onto ``node``; shape errors as problems."""
    if schema.get(EXTENSION) is not None:
        declare(node, schema, EXTENSION, f"`{EXTENSION}`", problems)


def declare(node: ForeignMap, holder: YMap, key: str, label: str, problems: list[Problem]) -> None:
    """The declarations the block ``holder[key]`` makes (purpose, basis, retention …), copied onto
    ``node`` with their positions; what a declarations file would refuse is a problem, ``label`` first."""
    block = holder[key]
    for line, column, message, target in definition_errors(block, DECLARATIONS, "defaults"):
        at = (line, column) if isinstance(block, YMap) else holder.marks[key][2:]
        problems.append(Problem(SHAPE, at[0], at[1], f"{label}: {message}", target))
    if not isinstance(block, YMap):
        return
    for name in INHERITED:
        if block.get(name) is not None:
            node[name] = block[name]
            node.marks[name] = block.marks[name]


def event_defaults(event: ForeignMap, schema: YMap, problems: list[Problem], at: tuple[int, int] | None = None) -> None:
    """The ``x-minlint`` of an event's schema as the event's ``defaults`` (declared for each of its
    fields), placed at ``at`` (default: the keyword itself)."""
    if EXTENSION not in schema:
        return
    line, column = at if at is not None else schema.marks[EXTENSION][:2]
    defaults = ForeignMap(line, column)
    extension(defaults, schema, problems)
    if defaults:
        event["defaults"] = defaults
        event.marks["defaults"] = (line, column, line, column)


def schema_fields(schema: YMap, fields: ForeignMap, problems: list[Problem], depth: int = 0) -> None:
    """The ``properties`` of a JSON Schema ``schema`` as ``fields``: facts, ``x-minlint``, nesting.

    An object's ``properties`` nest; an array's ``items`` (an object) nest under ``items``. A
    property listed in the schema's ``required`` is ``required: true``. The loader has bounded the
    depth already, so recursion is bounded too.
    """
    properties = schema.get("properties")
    if not isinstance(properties, YMap):
        return
    listed = schema.get("required")
    required = {item for item in listed if isinstance(item, str)} if isinstance(listed, list) else set()
    for name, definition in properties.items():
        key_line, key_column = properties.marks[name][:2]
        node = new_field(fields, name, key_line, key_column)
        if node is None:
            continue
        if name in required:
            put(node, "required", True, key_line, key_column)
        if not isinstance(definition, YMap):
            continue
        describe_field(node, definition, problems, depth)


def closed(node: YMap, schema: YMap) -> None:
    """``additionalProperties: false`` of an object ``schema`` (one with ``properties``) onto ``node``."""
    if schema.get("additionalProperties") is False and isinstance(schema.get("properties"), YMap):
        copy_key(node, schema, "additionalProperties")


def _values(node: ForeignMap, definition: YMap, problems: list[Problem]) -> None:
    """What ``definition`` says of its values onto ``node``: type (a union, nullable), facts, ``x-minlint``."""
    if "type" in definition:
        raw = definition["type"]
        value = json_type(raw)
        if value is not None:
            node["type"] = value
            node.marks["type"] = definition.marks["type"]
        if isinstance(raw, list) and "null" in raw:
            put(node, "nullable", True, *definition.marks["type"][2:])
    for key in _FACTS:
        copy_key(node, definition, key)
    closed(node, definition)
    extension(node, definition, problems)


def describe_field(node: ForeignMap, definition: YMap, problems: list[Problem], depth: int = 0) -> None:
    """A JSON Schema property ``definition`` written onto the field ``node``."""
    _values(node, definition, problems)
    if isinstance(definition.get("properties"), YMap):
        schema_fields(definition, foreign_child(node, "properties"), problems, depth + 1)
    items = definition.get("items")
    if isinstance(items, YMap):
        element = ForeignMap(*items.marks.get("type", (node.line, node.column))[:2])
        node["items"] = element
        node.marks["items"] = definition.marks["items"]
        _values(element, items, problems)
        if isinstance(items.get("properties"), YMap):
            schema_fields(items, foreign_child(element, "properties"), problems, depth + 1)


def suggested_declarations(path: str, plan: str, folder: str | None = None) -> str:
    """Where a plan's declarations file would go: ``<plan-name>.declarations.yaml`` beside it."""
    name = f"{slug(plan)}.declarations.yaml"
    base = folder if folder is not None else os.path.dirname(path)
    return os.path.join(base, name) if base else name


def finish(
    reader: str,
    path: str,
    tree: ForeignMap,
    parsed: Parsed,
    options: ReadOptions,
    declarations_folder: str | None = None,
) -> Document:
    """The plan ``tree`` read from ``path`` as a :class:`Document`: declarations laid over, modelled."""
    problems = list(parsed.problems)
    if options.only_kinds is not None and TRACKING_PLAN not in options.only_kinds:
        return Document(True, TRACKING_PLAN, tuple(problems), parsed.suppressions)
    name = str(tree["name"])
    overlays = options.foreign.overlays_for(name)
    declared = tuple(
        (overlay.path, entry.line, entry.column, entry.message, entry.target)
        for overlay in overlays
        for entry in lay_over(tree, overlay)
    )
    taxonomy = options.taxonomy if options.taxonomy is not None else Taxonomy.builtin()
    spec = build_tracking_plan(path, tree, taxonomy, consume=not options.keep_tree)
    spec.format = reader
    spec.declared_in = overlays[0].path if overlays else suggested_declarations(path, name, declarations_folder)
    kept = tree if options.keep_tree else None
    return Document(True, TRACKING_PLAN, tuple(problems), parsed.suppressions, spec, declared=declared, tree=kept)


def limitations(tree: ForeignMap, block: object) -> None:
    """A contract's words on what its data must not be used for (``limitations``, else ``usage``, of
    ``block``: a DCS ``terms``, an ODCS ``description``) as the plan's ``limitations``."""
    if not isinstance(block, YMap):
        return
    for key in ("limitations", "usage"):
        said = text(block, key)
        if said is not None and (key == "limitations" or FORBIDS_IDENTIFYING.search(said)):
            put(tree, "limitations", said, *located(block, key))
            return


def located(node: YMap | YSeq, key: str | int) -> tuple[int, int]:
    """The position of ``node[key]``'s value (a mapping's key's value, a sequence's item)."""
    if isinstance(node, YMap) and isinstance(key, str) and key in node.marks:
        return node.marks[key][2], node.marks[key][3]
    if isinstance(node, YSeq) and isinstance(key, int) and 0 <= key < len(node.marks):
        return node.marks[key]
    return node.line, node.column
