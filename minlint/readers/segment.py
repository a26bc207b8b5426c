"""Segment Protocols tracking plans (JSON), read in place.

Two shapes are read, both recognised by their content:

- the **Public API** shape: ``{"name", "rules": [{"key", "type", "version", "jsonSchema"}]}``. A rule's
  ``jsonSchema`` describes the whole call (``properties.properties``, ``properties.traits``,
  ``properties.context``) or, as Typewriter stores it, the event's properties directly;
- the older **Config API** export: ``{"name", "events": [{"name", "description", "rules"}]}``, a
  rule being the call's JSON Schema; a top-level ``rules`` mapping may add ``identify`` and
  ``group`` schemas.

``TRACK``, ``PAGE`` and ``SCREEN`` rules become events named by their ``key`` (a second version of
one key is ``<key> v<version>``); ``IDENTIFY`` traits become the plan's ``traits``; ``GROUP`` traits
an event called ``Group``; every call's ``context`` properties the plan's ``context``. The plan is
named by its ``name`` (else the file's). ``x-minlint`` on the plan declares for every field, on a
rule's schema for its fields, on a property for itself (see :mod:`minlint.readers.foreign`).
"""

from __future__ import annotations

import os

from minlint.loader.nodes import ForeignMap, YMap, YSeq, foreign_child
from minlint.readers import Document, Problem, ReadOptions
from minlint.readers.foreign import (
    Parsed,
    closed,
    event_defaults,
    event_fields,
    extension,
    finish,
    new_event,
    new_plan,
    parse,
    put,
    schema_fields,
    section,
    text,
)

_CALL_PARTS = frozenset({"context", "traits", "properties"})
_EVENT_TYPES = frozenset({"TRACK", "PAGE", "SCREEN", "GROUP"})  # the calls that are events of the plan


class SegmentReader:
    """The reader of Segment Protocols tracking plans (see the module docstring)."""

    name = "segment"

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` may be a Segment plan: it mentions rules and JSON Schemas or events."""
        return b"rules" in data and (b"jsonSchema" in data or b"events" in data)

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document | None:
        """The plan in ``data``, or None when it is not a Segment plan after all."""
        parsed = parse(path, data, options)
        if not isinstance(parsed, Parsed):
            return parsed if parsed is None or _claims_broken(data) else None
        root = parsed.root
        rules = root.get("rules")
        events = root.get("events")
        public = isinstance(rules, YSeq) and any(isinstance(rule, YMap) and "jsonSchema" in rule for rule in rules)
        config = isinstance(events, YSeq) and all(
            isinstance(event, YMap) and "name" in event and "rules" in event for event in events
        )
        if not (public or config):
            return None
        name = text(root, "name") or text(root, "display_name") or os.path.splitext(os.path.basename(path))[0]
        tree = new_plan(name, root.line, root.column)
        problems = parsed.problems
        extension(foreign_child(tree, "defaults"), root, problems)
        if public:
            assert isinstance(rules, YSeq)
            for index, rule in enumerate(rules):
                if isinstance(rule, YMap):
                    _public_rule(tree, rule, rules.marks[index], problems)
        else:
            assert isinstance(events, YSeq)
            for index, event in enumerate(events):
                if isinstance(event, YMap) and isinstance(event.get("rules"), YMap):
                    line, column = events.marks[index]
                    _call(tree, "TRACK", str(event["name"]), None, event["rules"], (line, column), problems, event)
            if isinstance(rules, YMap):
                for kind in ("identify", "group"):
                    schema = rules.get(kind)
                    if isinstance(schema, YMap):
                        _call(tree, kind.upper(), kind, None, schema, rules.marks[kind][:2], problems, None)
        return finish(self.name, path, tree, Parsed(root, problems, parsed.suppressions), options)


def _claims_broken(data: bytes) -> bool:
    """A file that does not parse is claimed (a finding) only when it is surely a Segment plan."""
    return b'"jsonSchema"' in data or (b'"events"' in data and b'"rules"' in data and b"$schema" in data)


def _public_rule(tree: ForeignMap, rule: YMap, at: tuple[int, int], problems: list[Problem]) -> None:
    schema = rule.get("jsonSchema")
    if not isinstance(schema, YMap):
        return
    kind = str(rule.get("type") or "TRACK").upper()
    metadata = schema.get("eventMetadata")
    key = text(rule, "key") or (text(metadata, "name") if isinstance(metadata, YMap) else None)
    version = rule.get("version")
    where = rule.marks["key"][2:] if "key" in rule.marks else at
    _call(tree, kind, key or kind.lower(), version, schema, where, problems, rule)


def _call(
    tree: ForeignMap,
    kind: str,
    key: str,
    version: object,
    schema: YMap,
    at: tuple[int, int],
    problems: list[Problem],
    owner: YMap | None,
) -> None:
    """One call's schema: its properties (or traits), and its context into the plan's context."""
    parts = schema.get("properties")
    whole = isinstance(parts, YMap) and isinstance(parts.get("properties"), YMap) and set(parts) <= _CALL_PARTS
    whole = whole or (isinstance(parts, YMap) and bool(parts) and set(parts) <= _CALL_PARTS and kind != "TRACK")
    if isinstance(parts, YMap) and whole:
        context = parts.get("context")
        if isinstance(context, YMap):
            schema_fields(context, section(tree, "context"), problems)
        payload = parts.get("traits") if kind in ("IDENTIFY", "GROUP") else parts.get("properties")
    else:
        payload = schema
    if kind == "IDENTIFY":
        if isinstance(payload, YMap):
            traits = section(tree, "traits")
            before = set(traits)
            schema_fields(payload, traits, problems)
            # Traits have no level of their own to inherit from: the schema's x-minlint goes on each.
            shared = ForeignMap(at[0], at[1])
            extension(shared, schema, problems)
            for name in set(traits) - before:
                trait = traits[name]
                for declared, value in shared.items():
                    if declared not in trait:
                        trait[declared] = value
                        trait.marks[declared] = shared.marks[declared]
        return
    name = "Group" if kind == "GROUP" else key
    description = text(owner, "description") if owner is not None else None
    description = description or text(schema, "description")
    event = new_event(tree, name, at[0], at[1], description=description)
    if event is None and version is not None:
        event = new_event(tree, f"{name} v{version}", at[0], at[1], description=description)
    if event is None:
        return
    put(event, "type", kind.lower() if kind in _EVENT_TYPES else "track", *at)
    if isinstance(version, (str, int)) and not isinstance(version, bool):
        put(event, "version", version, *at)
    event_defaults(event, schema, problems, at)
    if isinstance(payload, YMap):
        closed(event, payload)
        schema_fields(payload, event_fields(event), problems)


SEGMENT = SegmentReader()
