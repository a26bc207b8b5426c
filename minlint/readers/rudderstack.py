"""RudderStack data catalogs (the Rudder CLI's YAML, ``rudder-cli apply``), read in place.

A file is RudderStack's by its content: a top-level ``version`` of ``rudder/0.1``, ``rudder/v0.1``
or ``rudder/v1`` and a ``kind`` of the data catalog. Both dialects are read, and their references
in either spelling: ``#property:<id>`` (v1 URNs) or ``#/properties/<group>/<id>`` (v0.1 paths,
resolved by id, as the CLI does).

- **Catalog files** (``kind: properties``, ``events``, ``custom-types``, ``categories``) are
  context: each becomes a :class:`Catalog` (its entries by URN and by path reference) that the
  context pass hands to every plan of the project, so all the catalog files of a project form one
  catalog. Their own problems (wrong shapes, an entry without an id, an id defined twice) are
  located in them.
- **Tracking plans** (``kind: tp`` in v0.1, ``kind: tracking-plan`` in v1) become minlint plans
  named by ``display_name`` (else ``id``, else ``metadata.name``). Each ``event_rule`` is an event
  keyed by its catalog event's ``name`` (else its id); each property it references is a field keyed
  by the property's ``name`` (the key in the payload; else its id), with the property's id as its
  native id, so a declarations file may name either. A field takes ``type`` (``types: [x, "null"]``
  is ``x``), ``description``, ``enum``, ``format``, ``pattern`` and ``maxLength`` from the property
  (v1 ``config``, v0.1 ``propConfig``); a custom type gives its type and facts, an object custom
  type its properties as nested fields, an array's ``item_type(s)`` the field's ``items``. A rule's
  nested ``properties`` are nested fields; its ``variants`` add their cases' and default's
  properties to the event, once each. Every field, wherever its facts come from, is placed at its
  reference in the plan file, so findings land where the plan uses the property.

A reference that resolves to nothing is an ML902 at the reference in the plan, and the rest is still
read. Template placeholders (``{{ .NAME }}``) the CLI fills at load time are read as the text
written; unquoted ones, YAML flow syntax, are quoted first in the same number of characters so that
columns stay true. Custom types that contain themselves are expanded once, and expansion is bounded
in depth and size like YAML aliases are.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from minlint.loader.nodes import ForeignMap, YMap, YSeq
from minlint.loader.tree import DEFAULT_MAX_ALIAS_NODES
from minlint.readers import Document, Problem, ReadOptions
from minlint.readers.foreign import (
    Parsed,
    event_fields,
    finish,
    json_type,
    located,
    new_event,
    new_field,
    new_plan,
    parse,
    put,
    text,
)
from minlint.vocabulary import CATALOG, SHAPE, TRACKING_PLAN

READER = "rudderstack"
# The spec versions the CLI reads (`rudder/v0.1` is its legacy spelling of `rudder/0.1`), by dialect.
_VERSIONS = {"rudder/0.1": "v0", "rudder/v0.1": "v0", "rudder/v1": "v1"}
_PLAN_KINDS = {"v0": "tp", "v1": "tracking-plan"}
# A catalog file's kind: the list under `spec` holding its entries, and what one entry is (its URN word).
_CATALOG_KINDS = {
    "properties": ("properties", "property"),
    "events": ("events", "event"),
    "custom-types": ("types", "custom-type"),
    "categories": ("categories", "category"),
}
_EVENT_TYPES = frozenset({"track", "page", "screen", "identify", "group"})
_PATH_WORDS = {"property": "properties", "event": "events", "custom-type": "custom-types", "category": "categories"}
_URN_WORDS = {path: urn for urn, path in _PATH_WORDS.items()}
_NOUNS = {"property": "property", "event": "event", "custom-type": "custom type", "category": "category"}
_ARTICLES = {"property": "a", "event": "an", "custom-type": "a", "category": "a"}
# The CLI's own patterns (localcatalog/tracking_plan.go): the group of a path reference is not looked at.
_REFERENCE = re.compile(
    r"#(?:/(properties|events|custom-types|categories)/[^/]+/|(property|event|custom-type|category):)(.+)", re.S
)
# What each key of an entry must be, when present (the CLI's models, localcatalog/model*.go).
_SHAPES: dict[str, dict[str, type]] = {
    "property": {
        "name": str,
        "description": str,
        "type": str,
        "types": YSeq,
        "item_type": str,
        "item_types": YSeq,
        "config": YMap,
        "propConfig": YMap,
    },
    "event": {"name": str, "description": str, "event_type": str, "category": str},
    "custom-type": {
        "name": str,
        "description": str,
        "type": str,
        "item_type": str,
        "item_types": YSeq,
        "config": YMap,
        "properties": YSeq,
        "variants": YSeq,
    },
    "category": {"name": str},
}
_SHAPE_WORDS: dict[type, str] = {str: "a text", YSeq: "a list", YMap: "a mapping"}
# The config keys minlint's fields say the same way (with the shape they must have), and the one
# spelt differently: v1 writes snake_case, v0.1 camelCase.
_FACTS: tuple[tuple[str, type], ...] = (("format", str), ("enum", list), ("pattern", str))
_MAX_LENGTH = ("max_length", "maxLength")
# Fields nested deeper than this (rule nesting and custom types together) are not read.
_MAX_NESTING = 64
# Did-you-mean suggestions for dangling references: how many per plan, among how many ids at most.
_SUGGESTIONS = 20
_SUGGESTION_POOL = 5_000

# Unquoted `{{ … }}`s (text between them allowed) where a plain scalar starts (a value, a list item,
# a key) and ending it. No braces inside one: matching stays linear on hostile lines.
_PLACEHOLDER = re.compile(
    rb"(?m)(^[ \t]*(?:-[ \t]+)*|:[ \t]+)"
    rb"(\{\{[^{}\n]*\}\}(?:[^{}\n]*\{\{[^{}\n]*\}\})*)"
    rb"(?=[ \t]*\r?$|[ \t]+#|:[ \t]|:\r?$)",
)
_SURE_VERSION = re.compile(rb"(?m)^version[ \t]*:[ \t]*[\"']?rudder/(?:v?0\.1|v1)[\"']?[ \t]*(?:#[^\n]*)?\r?$")
_SURE_KIND = re.compile(
    rb"(?m)^kind[ \t]*:[ \t]*[\"']?(?:properties|events|custom-types|categories|tp|tracking-plan)[\"']?"
    rb"[ \t]*(?:#[^\n]*)?\r?$"
)


class Entry(NamedTuple):
    """One entry of a catalog file (a property, event, custom type or category) and where its id is."""

    kind: str  # its URN word: property, event, custom-type, category
    ident: str
    node: YMap
    path: str
    line: int
    column: int


class Catalog:
    """What one catalog file gives the plans of its project: its entries by URN (``property:email``)
    and by every reference that names them (``#property:email``, ``#/properties/<group>/email``)."""

    __slots__ = ("entries", "group", "path", "refs")

    def __init__(self, path: str, group: str) -> None:
        self.path = path
        self.group = group
        self.entries: dict[str, Entry] = {}
        self.refs: dict[str, Entry] = {}

    def __repr__(self) -> str:
        return f"Catalog({self.path!r}, {len(self.entries)} entries)"

    def add(self, entry: Entry) -> Entry | None:
        """Index ``entry``; the entry of the same kind and id already indexed, if any (it stays)."""
        urn = f"{entry.kind}:{entry.ident}"
        first = self.entries.get(urn)
        if first is not None:
            return first
        self.entries[urn] = entry
        self.refs[f"#{urn}"] = entry
        self.refs[f"#/{_PATH_WORDS[entry.kind]}/{self.group}/{entry.ident}"] = entry
        return None

    def find(self, ref: str) -> Entry | None:
        """The entry ``ref`` names in this file, in either spelling (a path reference's group aside)."""
        found = self.refs.get(ref)
        if found is not None:
            return found
        parsed = parse_reference(ref)
        return self.entries.get(f"{parsed[0]}:{parsed[1]}") if parsed is not None else None


def parse_reference(ref: str) -> tuple[str, str] | None:
    """The kind (URN word) and id ``ref`` names, or None if it is no catalog reference."""
    match = _REFERENCE.fullmatch(ref)
    if match is None:
        return None
    path_word, urn_word, ident = match.groups()
    return (urn_word or _URN_WORDS[path_word]), ident


class RudderStackReader:
    """The reader of RudderStack data-catalog files (see the module docstring)."""

    name = READER

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` may be a RudderStack file: it mentions a ``rudder/`` version and a kind."""
        return b"rudder/" in data and b"kind" in data

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document | None:
        """The catalog or plan in ``data``, or None when it is not a data-catalog file after all."""
        quoted, placeholders = quote_placeholders(data)
        parsed = parse(path, quoted, options)
        if not isinstance(parsed, Parsed):
            return parsed if parsed is not None and _surely_ours(data) else None
        root = parsed.root
        version, kind = root.get("version"), root.get("kind")
        dialect = _VERSIONS.get(version) if isinstance(version, str) else None
        if dialect is None or not isinstance(kind, str):
            return None
        if placeholders:
            restore_placeholders(root, placeholders)
        if kind in _CATALOG_KINDS:
            catalog = read_catalog(path, root, kind, parsed.problems)
            return Document(True, CATALOG, tuple(parsed.problems), parsed.suppressions, None, (READER, catalog))
        if kind != _PLAN_KINDS[dialect]:
            return None  # another resource of the CLI (an account, a destination …)
        if options.only_kinds is not None and TRACKING_PLAN not in options.only_kinds:
            return Document(True, TRACKING_PLAN, tuple(parsed.problems), parsed.suppressions)
        tree = _Plan(options).build(path, root, parsed.problems)
        return finish(READER, path, tree, parsed, options)


def _surely_ours(data: bytes) -> bool:
    """A file that does not parse is claimed (a finding) only when its lines say it is a catalog file."""
    return _SURE_VERSION.search(data) is not None and _SURE_KIND.search(data) is not None


# -- template placeholders ---------------------------------------------------------------------------


def quote_placeholders(data: bytes) -> tuple[bytes, dict[str, str]]:
    """``data`` with each unquoted ``{{ … }}`` quoted in place, and what the quoted texts stand for.

    ``{{ .X }}`` becomes ``"{ .X }"``, as long as the original: every line and column stays true.
    The table maps the scalar as parsed (``{ .X }``) and as written into a block scalar
    (``"{ .X }"``) back to the placeholder.
    """
    if b"{{" not in data:
        return data, {}
    table: dict[str, str] = {}

    def quote(match: re.Match[bytes]) -> bytes:
        placeholder = match.group(2)
        body = placeholder[1:-1]
        if b'"' not in body and b"\\" not in body:
            mark = b'"'
        elif b"'" not in body:
            mark = b"'"
        else:
            return match.group(0)  # cannot be quoted in place: the parser will say what is wrong
        try:
            original, inner = placeholder.decode(), body.decode()
        except UnicodeDecodeError:
            return match.group(0)
        table[inner] = original
        table[mark.decode() + inner + mark.decode()] = original
        return match.group(1) + mark + body + mark

    return _PLACEHOLDER.sub(quote, data), table


def restore_placeholders(root: YMap, table: dict[str, str]) -> None:
    """Give back the placeholders :func:`quote_placeholders` quoted, in every text value of ``root``."""
    quoted = [(written, original) for written, original in table.items() if written[:1] in "\"'"]
    pending: list[YMap | YSeq] = [root]
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:  # an alias: the same node again
            continue
        seen.add(id(node))
        if isinstance(node, YMap):
            for key, value in node.items():
                if isinstance(value, (YMap, YSeq)):
                    pending.append(value)
                elif isinstance(value, str) and "{" in value:
                    node[key] = _restored(value, table, quoted)
        else:
            for index, value in enumerate(node):
                if isinstance(value, (YMap, YSeq)):
                    pending.append(value)
                elif isinstance(value, str) and "{" in value:
                    node[index] = _restored(value, table, quoted)


def _restored(value: str, table: dict[str, str], quoted: list[tuple[str, str]]) -> str:
    """``value`` with its quoted placeholders given back: the whole scalar, or inside a block scalar."""
    whole = table.get(value)
    if whole is not None:
        return whole
    for written, original in quoted:
        value = value.replace(written, original)
    return value


# -- catalog files -----------------------------------------------------------------------------------


def read_catalog(path: str, root: YMap, kind: str, problems: list[Problem]) -> Catalog:
    """The entries of the catalog file ``root`` (of ``kind``), indexed; its problems added to ``problems``."""
    key, noun = _CATALOG_KINDS[kind]
    metadata = root.get("metadata")
    catalog = Catalog(path, (text(metadata, "name") if isinstance(metadata, YMap) else None) or "")
    spec = root.get("spec")
    if not isinstance(spec, YMap):
        line, column = located(root, "spec")
        problems.append(Problem(SHAPE, line, column, f"a `{kind}` file lists its entries under `spec.{key}`"))
        return catalog
    entries = spec.get(key)
    if not isinstance(entries, YSeq):
        line, column = located(spec, key)
        problems.append(Problem(SHAPE, line, column, f"`spec.{key}` should be a list of {_NOUNS[noun]} entries"))
        return catalog
    for index, item in enumerate(entries):
        line, column = entries.marks[index]
        ident = item.get("id") if isinstance(item, YMap) else None
        if not isinstance(ident, str) or not ident:
            message = f"each entry of `spec.{key}` should be a mapping with an `id`; this one is not read"
            problems.append(Problem(SHAPE, line, column, message))
            continue
        assert isinstance(item, YMap)
        _check_entry(item, noun, ident, problems)
        entry = Entry(noun, ident, item, path, *located(item, "id"))
        first = catalog.add(entry)
        if first is not None:
            message = f"{_NOUNS[noun]} `{ident}` is defined twice in this file (first on line {first.line}); "
            message += "the first is used"
            problems.append(Problem(SHAPE, entry.line, entry.column, message))
    return catalog


def _check_entry(item: YMap, noun: str, ident: str, problems: list[Problem]) -> None:
    for key, expected in _SHAPES[noun].items():
        value = item.get(key)
        if value is not None and not isinstance(value, expected):
            line, column = located(item, key)
            message = f"`{key}` of {_NOUNS[noun]} `{ident}` should be {_SHAPE_WORDS[expected]}; it is not read"
            problems.append(Problem(SHAPE, line, column, message))


# -- tracking plans ----------------------------------------------------------------------------------


class _Index:
    """The catalog entries of the whole project by URN; the first file (in path order) wins."""

    __slots__ = ("entries", "kinds", "suggestions")

    def __init__(self, parts: tuple[object, ...]) -> None:
        self.entries: dict[str, Entry] = {}
        for part in parts:
            if isinstance(part, Catalog):
                for urn, entry in part.entries.items():
                    self.entries.setdefault(urn, entry)
        self.kinds: dict[str, list[str]] | None = None  # the ids of each kind, once a reference dangles
        self.suggestions = _SUGGESTIONS

    def hint(self, kind: str, ident: str) -> str:
        """What to add to "names no …" for the id ``ident`` of ``kind``: a suggestion, or that there is none."""
        if self.kinds is None:
            self.kinds = {}
            for entry in self.entries.values():
                self.kinds.setdefault(entry.kind, []).append(entry.ident)
        known = self.kinds.get(kind, [])
        if not known:
            return f" (no `kind: {_PATH_WORDS[kind]}` file of the project defines any)"
        # A suggestion costs a pass over the ids: a plan whose every reference dangles gets a few.
        self.suggestions -= 1
        if self.suggestions < 0 or len(known) > _SUGGESTION_POOL:
            return ""
        from difflib import get_close_matches  # only when a suggestion is needed

        close = get_close_matches(ident, known, n=1, cutoff=0.6)
        return f" (did you mean `{close[0]}`?)" if close else ""


class _Plan:
    """One tracking plan being built: the catalog it resolves against, its problems, its bounds."""

    __slots__ = ("budget", "index", "problems", "size", "told")

    def __init__(self, options: ReadOptions) -> None:
        self.index = _Index(options.foreign.parts.get(READER, ()))
        self.size = options.limits.max_alias_nodes or DEFAULT_MAX_ALIAS_NODES
        self.budget = self.size  # fields left to make: custom types inside custom types multiply
        self.problems: list[Problem] = []
        self.told: set[tuple[int, int, str]] = set()

    def build(self, path: str, root: YMap, problems: list[Problem]) -> ForeignMap:
        """The plan tree of the tracking plan ``root``; its problems added to ``problems``."""
        self.problems = problems
        spec = root.get("spec")
        body = spec if isinstance(spec, YMap) else YMap(root.line, root.column)
        metadata = root.get("metadata")
        name, at = os.path.splitext(os.path.basename(path))[0], (root.line, root.column)
        for node, key in ((body, "display_name"), (body, "id"), (metadata, "name")):
            if isinstance(node, YMap) and text(node, key):
                name, at = node[key], located(node, key)
                break
        tree = new_plan(name, *at)
        description = text(body, "description")
        if description:
            put(tree, "description", description, *located(body, "description"))
        if not isinstance(spec, YMap):
            self.problem(
                located(root, "spec"), "a tracking plan keeps its `id`, `display_name` and `rules` under `spec`"
            )
            return tree
        rules = spec.get("rules")
        if rules is not None and not isinstance(rules, YSeq):
            self.problem(located(spec, "rules"), "`rules` should be a list of event rules; they are not read")
        elif rules is not None:
            for index, rule in enumerate(rules):
                if isinstance(rule, YMap):
                    self.rule(tree, rule, rules.marks[index])
                else:
                    self.problem(rules.marks[index], "an event rule should be a mapping; this one is not read")
        return tree

    def rule(self, tree: ForeignMap, rule: YMap, at: tuple[int, int]) -> None:
        """One ``event_rule``: its event, properties and variants."""
        event = rule.get("event")
        holder, key = (event, "$ref") if isinstance(event, YMap) else (rule, "event")  # v0.1: `event: {$ref: …}`
        ref = holder.get(key)
        if not isinstance(ref, str):
            if "includes" not in rule:  # an `includes` rule repeats another plan's rules: read with that plan
                self.problem(at, "this event rule names no event (`event:`); it is not read")
            return
        where = located(holder, key)
        entry = self.resolve(ref, "event", where)
        event_type = None
        if entry is not None:
            ident, name, description = entry.ident, text(entry.node, "name"), text(entry.node, "description")
            event_type = text(entry.node, "event_type")
        else:
            # Reported: the event is still read, by the id the rule gives (else as written), for its properties.
            parsed = parse_reference(ref)
            ident = parsed[1] if parsed is not None and parsed[0] == "event" else ref
            name = description = None
        name = name or ident
        node = new_event(tree, name, *where, ident=ident, description=description)
        if node is None:  # a second rule for the event: its fields join the first's
            node = tree["events"][name]
        if event_type in _EVENT_TYPES and "type" not in node:
            put(node, "type", event_type, *where)
        fields = event_fields(node)
        self.references(fields, rule, "properties", 0, (), None)
        self.variants(fields, rule.get("variants"), 0, (), None)
        self.variant_cases(node, fields, rule.get("variants"))

    def variant_cases(self, event: ForeignMap, fields: ForeignMap, variants: object) -> None:
        """A rule's first ``variants`` as the event's: its discriminator, and each case's values,
        name and fields (the very fields :meth:`variants` added to the event)."""
        variant = (
            next((item for item in variants if isinstance(item, YMap)), None) if isinstance(variants, YSeq) else None
        )
        cases = variant.get("cases") if variant is not None else None
        if variant is None or not isinstance(cases, YSeq) or "variants" in event:
            return
        block = ForeignMap(*located(variant, "cases"))
        discriminator = variant.get("discriminator")
        found = self.index.entries.get(_urn(discriminator, "property")) if isinstance(discriminator, str) else None
        if found is not None:
            put(block, "discriminator", text(found.node, "name") or found.ident, *located(variant, "discriminator"))
        written = YSeq(block.line, block.column)
        for index, case in enumerate(cases):
            if not isinstance(case, YMap):
                continue
            at = cases.marks[index]
            made = ForeignMap(*at)
            if isinstance(case.get("match"), YSeq):
                put(made, "match", list(case["match"]), *located(case, "match"))
            label = text(case, "description") or text(case, "display_name")
            if label:
                put(made, "description", label, *at)
            chosen = ForeignMap(*at)
            listed = case.get("properties")
            for item in listed if isinstance(listed, YSeq) else ():
                ref = item.get("property", item.get("$ref")) if isinstance(item, YMap) else item
                entry = self.index.entries.get(_urn(ref, "property")) if isinstance(ref, str) else None
                name = (text(entry.node, "name") or entry.ident) if entry is not None else None
                if name is not None and isinstance(fields.get(name), ForeignMap):
                    put(chosen, name, fields[name], *fields.marks[name][:2])
            if chosen:
                put(made, "properties", chosen, *at)
            written.append(made)
            written.marks.append(at)
        put(block, "cases", written, block.line, block.column)
        put(event, "variants", block, block.line, block.column)

    def variants(
        self, fields: ForeignMap, variants: object, depth: int, stack: tuple[str, ...], owner: Entry | None
    ) -> None:
        """The properties a rule's (or an object custom type's) ``variants`` add: every case's and the default's."""
        if not isinstance(variants, YSeq):
            return
        for variant in variants:
            if not isinstance(variant, YMap):
                continue
            discriminator = variant.get("discriminator")
            if isinstance(discriminator, str) and owner is None:
                self.resolve(discriminator, "property", located(variant, "discriminator"))
            cases = variant.get("cases")
            for case in cases if isinstance(cases, YSeq) else ():
                if isinstance(case, YMap):
                    self.references(fields, case, "properties", depth, stack, owner)
            default = variant.get("default")
            if isinstance(default, YMap):  # v1: `default: {properties: […]}`; v0.1: `default: […]`
                self.references(fields, default, "properties", depth, stack, owner)
            elif isinstance(default, YSeq):
                self.references(fields, variant, "default", depth, stack, owner)

    def references(
        self, fields: ForeignMap, parent: YMap, key: str, depth: int, stack: tuple[str, ...], owner: Entry | None
    ) -> None:
        """The properties ``parent[key]`` references, as fields of ``fields``.

        ``owner`` is the custom type whose properties these are (None in the plan): its references are
        in a catalog file, so its fields are placed at ``fields``' own place, the reference in the plan.
        """
        items = parent.get(key)
        if items is None:
            return
        if not isinstance(items, YSeq):
            at = (fields.line, fields.column) if owner is not None else located(parent, key)
            self.problem(at, f"`{key}` should be a list of property references; they are not read")
            return
        if depth > _MAX_NESTING:
            self.problem((fields.line, fields.column), f"properties nested more than {_MAX_NESTING} deep are not read")
            return
        for index, item in enumerate(items):
            ref_key = ("property" if "property" in item else "$ref") if isinstance(item, YMap) else ""
            ref = item.get(ref_key) if isinstance(item, YMap) else item
            at = (
                (fields.line, fields.column)
                if owner is not None
                else located(item, ref_key)
                if ref_key
                else items.marks[index]
            )
            if not isinstance(ref, str):
                self.problem(at, "a property reference needs `property:` (or `$ref:`); this one is not read")
                continue
            entry = self.resolve(ref, "property", at, owner)
            if entry is None:
                continue
            self.budget -= 1
            if self.budget < 0:
                message = (
                    f"this plan expands to more than {self.size:,} fields (custom types inside custom types); "
                    "the rest are not read"
                )
                self.problem(at, message)
                return
            name = text(entry.node, "name") or entry.ident
            field = new_field(fields, name, at[0], at[1], entry.ident)
            if field is None:
                first = fields[name]
                if isinstance(first, ForeignMap) and first.ident != entry.ident:
                    message = f"`{ref}` is called `{name}` like `{first.ident}`, already in this event; "
                    message += "only the first is read"
                    self.problem(at, message)
                continue
            self.describe(field, entry, depth, stack)
            if owner is None and isinstance(item, YMap) and isinstance(item.get("required"), bool):
                put(field, "required", item["required"], *at)
            if owner is None and isinstance(item, YMap) and item.get("properties") is not None:
                self.references(_children(field), item, "properties", depth + 1, stack, None)

    def describe(self, field: ForeignMap, entry: Entry, depth: int, stack: tuple[str, ...]) -> None:
        """What the property ``entry`` says of its values, written onto ``field`` (at ``field``'s place)."""
        source = entry.node
        at = (field.line, field.column)
        kind = source.get("type")
        if isinstance(kind, str) and kind.startswith("#"):
            custom = self.resolve(kind, "custom-type", at, entry)
            if custom is not None:
                self.custom(field, custom, depth, stack)
        else:
            _put_type(field, kind if kind is not None else source.get("types"))
        self.items(field, source, entry, depth, stack)
        _put_facts(field, source)  # the property's own config refines its custom type's
        description = text(source, "description")
        if description:
            put(field, "description", description, *at)

    def custom(self, field: ForeignMap, entry: Entry, depth: int, stack: tuple[str, ...]) -> None:
        """The custom type ``entry`` written onto ``field``: its type, facts, items and properties."""
        at = (field.line, field.column)
        if entry.ident in stack:
            chain = " → ".join((*stack[stack.index(entry.ident) :], entry.ident))
            self.problem(at, f"custom type `{entry.ident}` contains itself ({chain}); it is read once")
            return
        if depth > _MAX_NESTING:
            self.problem(at, f"properties nested more than {_MAX_NESTING} deep are not read")
            return
        inner = (*stack, entry.ident)
        source = entry.node
        _put_type(field, source.get("type"))
        _put_facts(field, source)
        self.items(field, source, entry, depth, inner)
        if source.get("properties") is not None:
            self.references(_children(field), source, "properties", depth + 1, inner, entry)
        if isinstance(source.get("variants"), YSeq):
            self.variants(_children(field), source["variants"], depth + 1, inner, entry)

    def items(self, field: ForeignMap, source: YMap, entry: Entry, depth: int, stack: tuple[str, ...]) -> None:
        """An array's ``item_type`` / ``item_types`` (v0.1: ``itemTypes`` in its config) as ``field``'s ``items``."""
        value = source.get("item_type")
        if value is None:
            value = source.get("item_types")
        config = _config(source)
        if value is None and config is not None:
            value = config.get("itemTypes", config.get("item_types"))
        if value is None:
            return
        element = ForeignMap(field.line, field.column)
        types = [value] if isinstance(value, str) else list(value) if isinstance(value, YSeq) else []
        custom = next((item for item in types if isinstance(item, str) and item.startswith("#")), None)
        if custom is not None:
            found = self.resolve(custom, "custom-type", (field.line, field.column), entry)
            if found is not None:
                self.custom(element, found, depth + 1, stack)
        else:
            _put_type(element, types)
        if element:
            put(field, "items", element, field.line, field.column)

    def resolve(self, ref: str, kind: str, at: tuple[int, int], owner: Entry | None = None) -> Entry | None:
        """The catalog entry of ``kind`` that ``ref`` names; None, with a problem at ``at``, if none."""
        parsed = parse_reference(ref)
        noun = _NOUNS[kind]
        where = (
            f" (in {_NOUNS[owner.kind]} `{owner.ident}`, {os.path.basename(owner.path)}:{owner.line})" if owner else ""
        )
        if parsed is None or parsed[0] != kind:
            spellings = f"`#{kind}:<id>` or `#/{_PATH_WORDS[kind]}/<group>/<id>`"
            self.problem(at, f"`{ref}`{where} is not a reference to {_ARTICLES[kind]} {noun} ({spellings})")
            return None
        entry = self.index.entries.get(f"{kind}:{parsed[1]}")
        if entry is None:
            hint = self.index.hint(kind, parsed[1])
            self.problem(at, f"`{ref}`{where} names no {noun} of the project's RudderStack catalog{hint}")
        return entry

    def problem(self, at: tuple[int, int], message: str) -> None:
        """A shape problem at ``at`` of the plan file, once (a custom type used twice says it once)."""
        key = (at[0], at[1], message)
        if key not in self.told:
            self.told.add(key)
            self.problems.append(Problem(SHAPE, at[0], at[1], message))


def _urn(ref: str, kind: str) -> str:
    """The index key of the entry of ``kind`` that ``ref`` names ("" when it names none of that kind)."""
    parsed = parse_reference(ref)
    return f"{kind}:{parsed[1]}" if parsed is not None and parsed[0] == kind else ""


def _children(field: ForeignMap) -> ForeignMap:
    """``field``'s nested ``properties`` (made on first use, at the field's place)."""
    children = field.get("properties")
    if isinstance(children, ForeignMap):
        return children
    made = ForeignMap(field.line, field.column)
    put(field, "properties", made, field.line, field.column)
    return made


def _config(source: YMap) -> YMap | None:
    """An entry's config: ``config`` (v1, and custom types in v0.1) or ``propConfig`` (v0.1 properties)."""
    for key in ("config", "propConfig"):
        config = source.get(key)
        if isinstance(config, YMap):
            return config
    return None


def _put_type(node: ForeignMap, value: object) -> None:
    """A RudderStack type as ``node``'s: one name, ``[x, "null"]``, or v0.1's ``"x,null"``."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    if isinstance(value, list) and value and all(isinstance(item, str) and item[:1] not in ("", "#") for item in value):
        kind = json_type(value)
        if kind:
            put(node, "type", kind, node.line, node.column)
        if "null" in value:
            put(node, "nullable", True, node.line, node.column)


def _put_facts(node: ForeignMap, source: YMap) -> None:
    """``format``, ``enum``, ``pattern`` and ``maxLength`` from ``source``'s config, when of their shape."""
    config = _config(source)
    if config is None:
        return
    for key, expected in _FACTS:
        value = config.get(key)
        if isinstance(value, expected):
            put(node, key, value, node.line, node.column)
    for name in _MAX_LENGTH:
        value = config.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            put(node, "maxLength", value, node.line, node.column)
            break


RUDDERSTACK = RudderStackReader()
