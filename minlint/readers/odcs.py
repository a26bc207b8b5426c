"""Data contracts of the Open Data Contract Standard v3 (``apiVersion: v3…``, ``kind: DataContract``), read in place.

An ODCS contract lists its objects under ``schema`` (tables, each with a ``name`` and a
``physicalName``) and their ``properties`` (a list; nested ``properties`` for an object, ``items`` for
an array). Privacy shows where the standard puts it, and minlint reads it there:

- a property's ``classification`` (free text: ``restricted``, ``confidential`` …) is kept as a fact;
- personal data is marked in ``customProperties`` (``{property: pii, value: true}``, as the DCS
  conversion writes it) or ``tags`` (``pii``): with no data category declared, that is ML101;
- ``description.limitations`` (or ``description.usage`` when it forbids identifying people) is the
  plan's ``limitations``: a direct identifier it forbids is ML311;
- a service-level ``retention`` (``slaProperties: [{property: retention, value: 3, unit: y, element:
  tbl.txn_ref_dt}]``) is the retention of the property its ``element`` names (an object's logical
  name or physical name, then the property's), of every property of an object it names alone, and
  of every property of the contract when it names nothing. An ``element`` that names nothing of the
  contract, a value with no unit or an unknown one, is ML902 at the value.

The contract is a plan named by its ``name`` (else ``id``), each object an event. Purpose and lawful
basis have no slot in the standard: they are declared in a declarations file beside it.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from minlint.loader.nodes import ForeignMap, YMap, YSeq, foreign_child
from minlint.readers import Document, Problem, ReadOptions
from minlint.readers.foreign import (
    Parsed,
    event_fields,
    finish,
    limitations,
    located,
    new_event,
    new_field,
    new_plan,
    parse,
    put,
    text,
)
from minlint.vocabulary import SHAPE

READER = "odcs"

_TYPES = {
    "string": "string",
    "date": "datetime",
    "timestamp": "datetime",
    "time": "datetime",
    "number": "number",
    "integer": "integer",
    "object": "object",
    "array": "array",
    "boolean": "boolean",
}
# An SLA unit as the words of a retention minlint reads ("3 years"); `m` is a month, as the reference tool reads it.
_UNITS = {
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "week", "weeks"), "weeks"),
    **dict.fromkeys(("m", "mo", "month", "months"), "months"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "years"),
}
_PII_WORDS = frozenset({"pii", "containspii", "ispii", "personaldata", "personal_data"})


class OdcsReader:
    """The reader of Open Data Contract Standard v3 contracts (see the module docstring)."""

    name = READER

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` may be an ODCS contract: it says ``DataContract``."""
        return b"DataContract" in data

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document | None:
        """The contract in ``data`` as a plan, or None when it is not an ODCS v3 contract."""
        parsed = parse(path, data, options)
        if not isinstance(parsed, Parsed):
            return parsed
        root = parsed.root
        version = root.get("apiVersion")
        if root.get("kind") != "DataContract" or not isinstance(version, str) or not version.startswith("v3"):
            return None
        name = text(root, "name") or text(root, "id") or os.path.splitext(os.path.basename(path))[0]
        tree = new_plan(name, root.line, root.column)
        problems = parsed.problems
        objects: dict[str, tuple[ForeignMap, dict[str, ForeignMap]]] = {}
        schema = root.get("schema")
        if isinstance(schema, YSeq):
            for index, item in enumerate(schema):
                if not isinstance(item, YMap) or not isinstance(item.get("name"), str):
                    continue
                line, column = located(item, "name") if "name" in item.marks else schema.marks[index]
                event = new_event(tree, item["name"], line, column, description=text(item, "description"))
                if event is None:
                    continue
                found: dict[str, ForeignMap] = {}
                _properties(event_fields(event), item.get("properties"), found)
                objects[item["name"]] = (event, found)
                physical = item.get("physicalName")
                if isinstance(physical, str):
                    objects.setdefault(physical, (event, found))
        elif schema is not None:
            line, column = located(root, "schema")
            problems.append(Problem(SHAPE, line, column, "`schema`: expected a list of objects", "schema"))
        _retentions(tree, root, objects, problems)
        limitations(tree, root.get("description"))
        return finish(self.name, path, tree, Parsed(root, problems, parsed.suppressions), options)


def _pii(item: YMap) -> bool:
    """Whether a property is marked personal data, in its ``customProperties`` or ``tags``."""
    custom = item.get("customProperties")
    if isinstance(custom, list):
        for entry in custom:
            if isinstance(entry, YMap) and str(entry.get("property", "")).lower() in _PII_WORDS:
                value = entry.get("value")
                if value is True or (isinstance(value, str) and value.strip().lower() in ("true", "yes")):
                    return True
    tags = item.get("tags")
    return isinstance(tags, list) and any(isinstance(tag, str) and tag.lower() in _PII_WORDS for tag in tags)


def _properties(target: ForeignMap, properties: object, found: dict[str, ForeignMap], prefix: str = "") -> None:
    """The properties into ``target``; ``found`` maps each by its logical and physical name (nested: dotted)."""
    if not isinstance(properties, YSeq):
        return
    for index, item in enumerate(properties):
        if not isinstance(item, YMap) or not isinstance(item.get("name"), str):
            continue
        line, column = located(item, "name") if "name" in item.marks else properties.marks[index]
        node = new_field(target, item["name"], line, column)
        if node is None:
            continue
        found[f"{prefix}{item['name']}"] = node
        if isinstance(item.get("physicalName"), str):
            found.setdefault(f"{prefix}{item['physicalName']}", node)
        if text(item, "description"):
            put(node, "description", item["description"], *located(item, "description"))
        kind = item.get("logicalType")
        if isinstance(kind, str) and kind in _TYPES:
            put(node, "type", _TYPES[kind], *located(item, "logicalType"))
        if item.get("required") is True:
            put(node, "required", True, *located(item, "required"))
        if isinstance(item.get("classification"), str):
            put(node, "classification", item["classification"], *located(item, "classification"))
        if _pii(item):
            put(node, "pii", True, line, column)
        nested = item.get("properties")
        holder: ForeignMap = node
        items = item.get("items")
        if isinstance(items, YMap):
            holder = ForeignMap(*located(item, "items"))
            put(node, "items", holder, *located(item, "items"))
            element = items.get("logicalType")
            if isinstance(element, str) and element in _TYPES:
                put(holder, "type", _TYPES[element], *located(items, "logicalType"))
            nested = items.get("properties") if not isinstance(nested, YSeq) else nested
        if isinstance(nested, YSeq):
            children = ForeignMap(line, column)
            put(holder, "properties", children, line, column)
            _properties(children, nested, found, f"{prefix}{item['name']}.")


def _period(sla: YMap, problems: list[Problem]) -> str | None:
    """An SLA's retention as minlint reads it (``3 years``, or an ISO duration), else a problem and None."""
    value = sla.get("value")
    unit = sla.get("unit")
    line, column = located(sla, "value")
    if isinstance(value, str) and value.upper().startswith("P"):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        words = _UNITS.get(str(unit).lower()) if isinstance(unit, str) else None
        if words is not None:
            return f"{value:g} {words}"
        at = located(sla, "unit") if "unit" in sla else (line, column)
        said = f"unit `{unit}` is not one minlint knows" if unit is not None else "a value with no unit"
        message = f"retention SLA: {said}; write `unit: d`, `m` (months) or `y`, or an ISO 8601 `value` (`P3Y`)"
        problems.append(Problem(SHAPE, at[0], at[1], message, "slaProperties.unit"))
        return None
    message = f"retention SLA: `{value}` is not a period minlint can read; write a number with a `unit`, or `P3Y`"
    problems.append(Problem(SHAPE, line, column, message, "slaProperties.value"))
    return None


def _retentions(
    tree: ForeignMap,
    root: YMap,
    objects: dict[str, tuple[ForeignMap, dict[str, ForeignMap]]],
    problems: list[Problem],
) -> None:
    """Each retention SLA onto what its ``element`` names: a property, an object, or (none) the contract."""
    slas = root.get("slaProperties")
    if not isinstance(slas, YSeq):
        return
    for sla in slas:
        if not isinstance(sla, YMap) or str(sla.get("property", "")).lower() not in ("retention", "re"):
            continue
        period = _period(sla, problems)
        if period is None:
            continue
        line, column = located(sla, "value")
        element = sla.get("element")
        if not isinstance(element, str) or not element.strip():
            put(foreign_child(tree, "defaults"), "retention", period, line, column)
            continue
        for part in (piece.strip() for piece in element.split(",")):
            target = _element(part, objects)
            if target is None:
                at = located(sla, "element")
                names = ", ".join(f"`{name}`" for name in sorted(objects)) or "none"
                message = (
                    f"retention SLA: `element: {part}` names no object or property of the contract (objects: {names})"
                )
                problems.append(Problem(SHAPE, at[0], at[1], message, "slaProperties.element"))
            elif isinstance(target, _Object):
                put(foreign_child(target.event, "defaults"), "retention", period, line, column)
            else:
                put(target, "retention", period, line, column)


class _Object(NamedTuple):
    """An object of the contract a retention's ``element`` names as a whole."""

    event: ForeignMap


def _element(part: str, objects: dict[str, tuple[ForeignMap, dict[str, ForeignMap]]]) -> ForeignMap | _Object | None:
    """What ``object.property`` (or ``object``, or ``property`` in a one-object contract) names."""
    if part in objects:
        return _Object(objects[part][0])
    head, _, rest = part.partition(".")
    if head in objects and rest in objects[head][1]:
        return objects[head][1][rest]
    events = {id(event): found for event, found in objects.values()}
    if len(events) == 1:
        (found,) = events.values()
        return found.get(part)
    return None


ODCS = OdcsReader()
