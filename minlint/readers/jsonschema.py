"""Plain JSON Schema event files (draft-07, 2020-12 …), read in place when the configuration says so.

Nothing in a plain JSON Schema says "tracking plan", so a file is read as one only when the
project's configuration names it (``.minlint.yaml``: ``plans: {json-schema: ["events/**/*.json"]}``,
see :attr:`~minlint.readers.ReadOptions.plain_schema`); every other file is left to the next
reader. A named file that is not an object schema is a located ML902.

The mapping: **one file is one event**, named by its ``title`` (else by the file's name without
``.json``/``.yaml`` and a ``.schema`` before it, which a declarations file may use too); its fields
are the schema's ``properties`` (nested objects, array ``items``, ``x-minlint`` and positions as for
every JSON Schema, see :func:`~minlint.readers.foreign.schema_fields`); the root's ``x-minlint``
declares for the whole event (its ``defaults``). Local ``$ref`` (``#/definitions/…``,
``#/$defs/…``) are followed and the properties of ``allOf``/``anyOf``/``oneOf`` alternatives are
merged in, both within bounds. The **plan is the file's folder**: every event file in
``events/checkout/`` belongs to the plan ``checkout``, and a declarations file names it so
(``plan: checkout``).

The helpers here serve every reader of JSON Schemas with one event per file (Snowplow too):
:func:`expanded` and :func:`object_problem`.
"""

from __future__ import annotations

import os
import re

from minlint.loader.decode import decode
from minlint.loader.load import Limits
from minlint.loader.nodes import YMap, YSeq
from minlint.loader.tree import parse_yaml
from minlint.readers import Document, Problem, ReadOptions
from minlint.readers.foreign import (
    Parsed,
    closed,
    event_defaults,
    event_fields,
    finish,
    located,
    new_event,
    new_plan,
    parse,
    schema_fields,
    text,
)
from minlint.vocabulary import SHAPE, TRACKING_PLAN

_COMBINATORS = ("allOf", "anyOf", "oneOf")
# How many schema nodes following ``$ref`` and merging alternatives may make, per file: enough
# for any real schema, and a bound on one whose definitions refer to each other many times over.
_BUDGET = 10_000
_MAX_HOPS = 32  # a ``$ref`` to a ``$ref`` to …
# The byte order marks of UTF-16 and UTF-32 (UTF-32 LE starts as UTF-16 LE does).
_SUFFIX = re.compile(r"(?:\.schema)?\.(?:json|ya?ml)$", re.IGNORECASE)


class JsonSchemaReader:
    """The reader of plain JSON Schema event files named by the configuration (see the module docstring)."""

    name = "jsonschema"

    def recognises(self, data: bytes) -> bool:
        """Always: the configuration, not the content, says whether a file is a JSON Schema event."""
        return True

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document | None:
        """The one-event plan in ``data``, or None when the configuration does not name the file."""
        if not options.plain_schema:
            return None
        parsed = parse(path, data, options)
        if parsed is None:
            return _not_a_mapping(data, options)
        if isinstance(parsed, Document):
            return parsed
        root = parsed.root
        problems = parsed.problems
        schema = expanded(root, options.limits)
        problem = object_problem(schema, "a JSON Schema event")
        if problem is not None:
            problems.append(problem)
            return Document(True, TRACKING_PLAN, tuple(problems), parsed.suppressions)
        stem = _SUFFIX.sub("", os.path.basename(path)) or os.path.basename(path)
        title = text(root, "title")
        name = title or stem
        line, column = located(root, "title") if title else (root.line, root.column)
        plan = plan_name(path)
        tree = new_plan(plan, root.line, root.column)
        ident = stem if stem != name else None
        event = new_event(tree, name, line, column, ident=ident, description=text(root, "description"))
        assert event is not None  # the plan is new: it has no event yet
        event_defaults(event, root, problems)
        closed(event, schema)
        schema_fields(schema, event_fields(event), problems)
        return finish(self.name, path, tree, Parsed(root, problems, parsed.suppressions), options)


def plan_name(path: str) -> str:
    """The plan a plain JSON Schema event file belongs to: the name of its folder."""
    folder = os.path.dirname(path) or "."
    return os.path.basename(os.path.abspath(folder)) or "events"


def _not_a_mapping(data: bytes, options: ReadOptions) -> Document | None:
    """A named file whose top level is not a mapping (ML902), or None for a minlint spec."""
    decoded = decode(data)
    if not isinstance(decoded, str):  # parse() reports what cannot be decoded: never here
        return None
    limits = options.limits
    parsed = parse_yaml(
        decoded, pure=options.pure_yaml, max_depth=limits.max_depth, max_alias_nodes=limits.max_alias_nodes
    )
    root = parsed.root
    if isinstance(root, YMap):  # a minlint spec the configuration names by mistake: the native reader's
        return None
    line, column = (root.line, root.column) if isinstance(root, YSeq) else (1, 1)
    what = "a list" if isinstance(root, YSeq) else "empty" if root is None else "a single value"
    message = f"the configuration names this file as a JSON Schema event, but its top level is {what}, not an object"
    return Document(True, TRACKING_PLAN, (Problem(SHAPE, line, column, message),))


def object_problem(schema: YMap, what: str) -> Problem | None:
    """Why ``schema`` (as :func:`expanded`) cannot be read as an event's fields, as an ML902; None if it can.

    An event is an object schema: its ``type``, if any, allows objects, and it names its fields in
    ``properties`` (perhaps in ``allOf``/``anyOf``/``oneOf``) or says it carries none
    (``additionalProperties: false``). An object open to any property cannot be checked field by field.
    """
    kind = schema.get("type")
    if "type" in schema and not (kind == "object" or (isinstance(kind, list) and "object" in kind)):
        line, column = located(schema, "type")
        written = ", ".join(str(item) for item in kind) if isinstance(kind, list) else str(kind)
        message = f"{what} describes an object (the event's properties), but its `type` is `{written[:40]}`"
        return Problem(SHAPE, line, column, message, "type")
    properties = schema.get("properties")
    if "properties" in schema and not isinstance(properties, YMap):
        line, column = located(schema, "properties")
        message = "`properties` must be an object: each property's name and its schema"
        return Problem(SHAPE, line, column, message, "properties")
    if isinstance(properties, YMap) or schema.get("additionalProperties") is False:
        return None
    message = (
        f"{what} names no `properties`, so minlint cannot tell which fields it collects: "
        "list them under `properties`, or say `additionalProperties: false` if it carries no data"
    )
    return Problem(SHAPE, schema.line, schema.column, message)


def expanded(root: YMap, limits: Limits) -> YMap:
    """``root`` with local ``$ref`` followed and ``allOf``/``anyOf``/``oneOf`` properties merged in.

    What :func:`~minlint.readers.foreign.schema_fields` reads (``properties``, ``items``) is
    rewritten; everything else, and every position, is the file's. A node that needs nothing is
    returned itself (no copy). ``$ref`` cycles are not followed, and the nesting and the nodes made
    are bounded (by ``limits.max_depth`` and a budget): past them, nodes are left as written.
    Only refs within the file (``#/…``) are followed; a remote one adds no fields.
    """
    return _Expander(root, max(1, limits.max_depth // 2)).schema(root, (), 0)


class _Expander:
    __slots__ = ("budget", "max_depth", "root")

    def __init__(self, root: YMap, max_depth: int) -> None:
        self.root = root
        self.max_depth = max_depth
        self.budget = _BUDGET

    def schema(self, node: YMap, chain: tuple[str, ...], depth: int) -> YMap:
        """``node`` expanded; ``chain`` the refs followed to reach it (not followed again: a cycle)."""
        if depth > self.max_depth or self.budget <= 0:
            return node
        target, chain = self.target(node, chain)
        properties = self.properties(target, chain, depth)
        items = target.get("items")
        new_items = self.schema(items, chain, depth + 1) if isinstance(items, YMap) else items
        if target is node and properties is None and new_items is items:
            return node
        self.budget -= 1
        out = target if target is not node else _copy(node)
        if properties is not None:
            out["properties"] = properties
            if "properties" not in out.marks:
                first = next((key for key in _COMBINATORS if key in target.marks), None)
                here = (out.line, out.column, out.line, out.column)
                out.marks["properties"] = target.marks[first] if first else here
        if new_items is not items:
            out["items"] = new_items
        return out

    def target(self, node: YMap, chain: tuple[str, ...]) -> tuple[YMap, tuple[str, ...]]:
        """What ``node`` refers to, a new node (the referred schema, with the referring node's other
        keywords laid over it); ``node`` itself when it refers to nothing that can be followed."""
        current = node
        for _ in range(_MAX_HOPS):
            ref = current.get("$ref")
            if not isinstance(ref, str) or not ref.startswith("#") or ref in chain or self.budget <= 0:
                break
            referred = _pointer(self.root, ref)
            if not isinstance(referred, YMap):
                break
            self.budget -= 1
            merged = _copy(referred)
            merged.line, merged.column = current.line, current.column
            for key, value in current.items():
                if key != "$ref":
                    merged[key] = value
                    merged.marks[key] = current.marks[key]
            chain = (*chain, ref)
            current = merged
        return current, chain

    def properties(self, node: YMap, chain: tuple[str, ...], depth: int) -> YMap | None:
        """``node``'s properties expanded and its alternatives' merged in; None when unchanged."""
        own = node.get("properties")
        if "properties" in node and not isinstance(own, YMap):
            return None  # not a schema's properties: object_problem says so
        merged = YMap(own.line, own.column) if isinstance(own, YMap) else YMap(node.line, node.column)
        changed = False
        if isinstance(own, YMap):
            for name, definition in own.items():
                value = self.schema(definition, chain, depth + 1) if isinstance(definition, YMap) else definition
                changed = changed or value is not definition
                merged[name] = value
                merged.marks[name] = own.marks[name]
        for keyword in _COMBINATORS:
            alternatives = node.get(keyword)
            if not isinstance(alternatives, YSeq):
                continue
            for written in alternatives:
                if not isinstance(written, YMap) or self.budget <= 0:
                    continue
                alternative, alternative_chain = self.target(written, chain)
                extra = alternative.get("properties")
                if not isinstance(extra, YMap):
                    continue
                for name, definition in extra.items():
                    if name in merged:
                        continue  # the first schema to describe a property describes it
                    changed = True
                    value = definition
                    if isinstance(definition, YMap):
                        value = self.schema(definition, alternative_chain, depth + 1)
                    merged[name] = value
                    merged.marks[name] = extra.marks[name]
        return merged if changed else None


def _copy(node: YMap) -> YMap:
    """A shallow copy of ``node``, positions included."""
    copied = YMap(node.line, node.column)
    copied.update(node)
    copied.marks.update(node.marks)
    return copied


def _pointer(root: YMap, ref: str) -> object:
    """The node a local JSON Pointer (``#/definitions/a``) names in ``root``; None if none."""
    from urllib.parse import unquote  # only for a schema with refs

    node: object = root
    for token in unquote(ref[1:]).split("/")[1:] if ref != "#" else ():
        step = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, YMap) and step in node:
            node = node[step]
        elif isinstance(node, YSeq) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return None
    return node


JSON_SCHEMA = JsonSchemaReader()
