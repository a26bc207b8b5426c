"""Declarations kept beside a plan in another format (``kind: declarations``), laid over that plan.

A team whose tracking plan lives in RudderStack, Segment, Snowplow or plain JSON Schema keeps the
plan where its tools read it, and declares purpose, basis, retention and category for its fields in
a minlint file beside it. The plan's reader builds a tree shaped like a minlint tracking plan
(:class:`~minlint.loader.nodes.ForeignMap` nodes, positions in the native file); :func:`lay_over`
writes the declarations into that tree, each remembered as written in the declarations file, and
the usual inheritance follows (field <- parent field <- event defaults <- plan defaults).

Precedence, nearest wins: an entry under ``events`` beats one under ``properties`` (by name or
native id, wherever the plan uses it), which beats what the native file declares itself
(``x-minlint``).

A declarations file also says what the plan as a whole declares (:data:`PLAN_KEYS`): the
``subject_id`` that finds a person's data, and what it offers Californians (``right_to_limit``,
``opt_out``). Their positions point into the declarations file, which ``ForeignMap.paths`` records.

Every entry looked at is returned as an :class:`Entry`, matched or not: a plan may be kept in many
files (a Snowplow schema per event), so an entry one file does not match may be another's. The
project stage reports an entry that *no* file of its plan matched (ML908): a typo there would leave
a field silently undeclared.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from minlint.loader.nodes import ForeignMap, YMap, foreign_child
from minlint.vocabulary import INHERITED

_SECTIONS = ("traits", "context")
# What a declarations file may say about the plan as a whole, as a minlint plan says it.
PLAN_KEYS = ("subject_id", "right_to_limit", "opt_out")


class Entry(NamedTuple):
    """An entry of a declarations file as one plan file saw it: ``message`` is "" when it matched.

    ``target`` names the entry by its keys (``events.Signup.email``), the same in every file.
    """

    line: int
    column: int
    message: str
    target: str


class Overlay:
    """One declarations file: the plans it names and its document."""

    __slots__ = ("column", "line", "path", "plans", "root")

    def __init__(self, path: str, root: YMap) -> None:
        self.path = path
        self.root = root
        plan = root.get("plan")
        names = [plan] if isinstance(plan, str) else plan if isinstance(plan, list) else []
        self.plans = tuple(name for name in names if isinstance(name, str))
        self.line, self.column = root.marks["plan"][2:] if "plan" in root.marks else (root.line, root.column)

    def __repr__(self) -> str:
        return f"Overlay({self.path!r}, plans={self.plans!r})"


def lay_over(tree: YMap, overlay: Overlay) -> list[Entry]:
    """Write ``overlay``'s declarations into ``tree`` (a plan in another format, as a minlint plan).

    Returns every entry looked at, matched (``message`` "") or naming no event or field of this
    tree. Only :class:`ForeignMap` nodes take declarations (readers build nothing else for fields).
    """
    unmatched: list[Entry] = []
    root = overlay.root
    for key in PLAN_KEYS:
        if key in root:
            tree[key] = root[key]
            tree.marks[key] = root.marks[key]
            if isinstance(tree, ForeignMap):
                tree.paths[key] = overlay.path
    if "subject_id" in root:
        unmatched.extend(_subject_entries(tree, root))
    defaults = root.get("defaults")
    if isinstance(defaults, YMap):
        _declare(foreign_child(tree, "defaults"), defaults, overlay.path)
    everywhere = root.get("properties")
    if isinstance(everywhere, YMap):
        fields = list(_all_fields(tree))
        for key, entry in everywhere.items():
            found = [node for name, node in fields if key in (name, node.ident)]
            if not found:
                names = {name for name, _ in fields} | {node.ident for _, node in fields if node.ident}
                unmatched.append(_unmatched(everywhere, key, f"properties.{key}", "field or property id", names))
            else:
                unmatched.append(_matched(everywhere, key, f"properties.{key}"))
            for node in found:
                if isinstance(entry, YMap):
                    _declare(node, entry, overlay.path)
    for section in _SECTIONS:
        entries = root.get(section)
        if isinstance(entries, YMap):
            target = tree.get(section)
            _fields(target if isinstance(target, YMap) else None, entries, section, overlay.path, unmatched)
    events = root.get("events")
    if isinstance(events, YMap):
        plan_events = tree.get("events")
        known = plan_events if isinstance(plan_events, YMap) else YMap(0, 0)
        by_ident: dict[str, list[str]] = {}
        for event_name, node in known.items():
            if isinstance(node, ForeignMap) and node.ident:
                by_ident.setdefault(node.ident, []).append(event_name)
        for name, entry in events.items():
            # By name; else by native id, which may name several events (each version of a schema).
            matching = [name] if name in known else by_ident.get(name, [])
            if not matching:
                unmatched.append(_unmatched(events, name, f"events.{name}", "event", [*known, *by_ident]))
                continue
            unmatched.append(_matched(events, name, f"events.{name}"))
            if not isinstance(entry, YMap):
                continue
            for event_name in matching:
                event = known[event_name]
                if isinstance(event, YMap):
                    _declare_event(event, entry, f"events.{name}", overlay.path, unmatched)
    return unmatched


def _declare_event(event: YMap, entry: YMap, where: str, path: str, unmatched: list[Entry]) -> None:
    event_defaults = entry.get("defaults")
    if isinstance(event_defaults, YMap):
        _declare(foreign_child(event, "defaults"), event_defaults, path)
    properties = entry.get("properties")
    if isinstance(properties, YMap):
        target = event.get("properties")
        _fields(target if isinstance(target, YMap) else None, properties, where, path, unmatched)


def _fields(target: YMap | None, entries: YMap, where: str, path: str, unmatched: list[Entry]) -> None:
    """Declare ``entries`` (by field name or native id, nesting under ``properties``) on ``target``'s fields."""
    known: dict[str, ForeignMap] = {}
    if target is not None:
        for name, node in target.items():
            if isinstance(node, ForeignMap):
                known[name] = node
                if node.ident:
                    known.setdefault(node.ident, node)
    for key, entry in entries.items():
        node = known.get(key)
        ref = f"{where}.{key}"
        if node is None:
            unmatched.append(_unmatched(entries, key, ref, "field", list(target or ())))
            continue
        unmatched.append(_matched(entries, key, ref))
        if not isinstance(entry, YMap):
            continue
        _declare(node, entry, path)
        nested = entry.get("properties")
        if isinstance(nested, YMap):
            _fields(_nested(node), nested, f"{ref}.properties", path, unmatched)


def _nested(node: YMap) -> YMap | None:
    """The fields nested in a field: its ``properties``, or its array items' ``properties``."""
    children = node.get("properties")
    if isinstance(children, YMap):
        return children
    items = node.get("items")
    if isinstance(items, YMap):
        children = items.get("properties")
        if isinstance(children, YMap):
            return children
    return None


def _all_fields(tree: YMap) -> Iterator[tuple[str, ForeignMap]]:
    """Every field of the plan, at any depth, with its name."""
    pending: list[YMap] = []
    for section in _SECTIONS:
        fields = tree.get(section)
        if isinstance(fields, YMap):
            pending.append(fields)
    events = tree.get("events")
    if isinstance(events, YMap):
        for event in events.values():
            if isinstance(event, YMap) and isinstance(event.get("properties"), YMap):
                pending.append(event["properties"])
    while pending:
        fields = pending.pop()
        for name, node in fields.items():
            if isinstance(node, ForeignMap):
                yield name, node
                nested = _nested(node)
                if nested is not None:
                    pending.append(nested)


def _declare(node: YMap, entry: YMap, path: str) -> None:
    """Copy ``entry``'s declarations onto ``node``, each remembered as written in ``path``."""
    if not isinstance(node, ForeignMap):
        return
    for key in INHERITED:
        value = entry.get(key)
        if value is None:
            continue
        node[key] = value
        node.marks[key] = entry.marks[key]
        node.paths[key] = path


def _refs(tree: YMap) -> set[str]:
    """Every field reference of the plan tree, as minlint shows it (``traits.email``, ``Signup.user.id``)."""
    refs: set[str] = set()
    pending: list[tuple[str, YMap]] = []
    for section in _SECTIONS:
        fields = tree.get(section)
        if isinstance(fields, YMap):
            pending.append((f"{section}.", fields))
    events = tree.get("events")
    if isinstance(events, YMap):
        for name, event in events.items():
            if isinstance(event, YMap) and isinstance(event.get("properties"), YMap):
                pending.append((f"{name}.", event["properties"]))
    while pending:
        prefix, fields = pending.pop()
        for name, node in fields.items():
            refs.add(f"{prefix}{name}")
            nested = _nested(node) if isinstance(node, ForeignMap) else None
            if nested is not None:
                pending.append((f"{prefix}{name}.", nested))
    return refs


def _subject_entries(tree: YMap, root: YMap) -> list[Entry]:
    """Each ``subject_id`` entry of a declarations file, matched or naming no field of this file's plan.

    A plan split over files (a Snowplow schema per event) defines each field in one file only, so, as
    for field entries, only an entry that *no* file matches is reported (ML908, at the entry).
    """
    value = root["subject_id"]
    key_line, key_column = root.marks["subject_id"][2:]
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    marks = getattr(value, "marks", [])
    refs = _refs(tree)
    entries = []
    for index, name in enumerate(names):
        if not isinstance(name, str):
            continue
        line, column = marks[index] if isinstance(value, list) and index < len(marks) else (key_line, key_column)
        message = ""
        if name not in refs:
            message = f"`subject_id` names `{name}`, no field of the plan"
            from difflib import get_close_matches  # only when a suggestion is needed

            close = get_close_matches(name, sorted(refs), n=1, cutoff=0.6)
            if close:
                message += f" (did you mean `{close[0]}`?)"
        entries.append(Entry(line, column, message, f"subject_id.{name}"))
    return entries


def _matched(entries: YMap, key: str, ref: str) -> Entry:
    line, column = entries.marks[key][:2]
    return Entry(line, column, "", ref)


def _unmatched(entries: YMap, key: str, ref: str, what: str, candidates: list[str] | set[str]) -> Entry:
    line, column = entries.marks[key][:2]
    message = f"`{key}` names no {what} of the plan; the declaration applies to nothing"
    if candidates:
        from difflib import get_close_matches  # only when a suggestion is needed

        close = get_close_matches(key, sorted(candidates), n=1, cutoff=0.6)
        if close:
            message += f" (did you mean `{close[0]}`?)"
    return Entry(line, column, message, ref)
