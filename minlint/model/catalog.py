"""A tracking plan's shared property catalog: field definitions by id, used with ``{use: ID}``.

A plan's top-level ``properties`` defines fields once; a field anywhere in the plan (context,
traits, an event, a variant's case, a nested field, an array's ``items``, another catalog entry)
may be written ``{use: ID}``, plus keys of its own that win over the catalog's. Declarations
written on a catalog entry therefore apply wherever it is used, exactly as if written on the field.
An unknown id is a shape problem at the ``use`` value (:func:`unknown_uses`).
"""

from __future__ import annotations

from collections.abc import Iterator

from minlint.loader.nodes import YMap

USE = "use"
_MAX_HOPS = 32  # a catalog entry using an entry using … (a cycle ends here too)


def catalog_of(root: YMap) -> YMap | None:
    """The plan's catalog (its top-level ``properties``), if it is a mapping."""
    catalog = root.get("properties")
    return catalog if isinstance(catalog, YMap) else None


def resolved(definition: object, catalog: YMap | None) -> object:
    """``definition`` with its ``use`` followed: the catalog entry's keys, then its own (which win).

    Positions are kept: each key keeps the marks of the mapping it comes from. A definition
    without ``use``, or whose id is unknown (reported by :func:`unknown_uses`), is returned as it is.
    """
    if not isinstance(definition, YMap) or catalog is None or not isinstance(definition.get(USE), str):
        return definition
    layers = [definition]
    seen = set()
    current: YMap = definition
    for _ in range(_MAX_HOPS):
        ident = current.get(USE)
        if not isinstance(ident, str) or ident in seen:
            break
        seen.add(ident)
        entry = catalog.get(ident)
        if not isinstance(entry, YMap):
            break
        layers.append(entry)
        current = entry
    merged = YMap(definition.line, definition.column)
    for layer in reversed(layers):
        for key, value in layer.items():
            if key == USE:
                continue
            merged[key] = value
            merged.marks[key] = layer.marks[key]
    return merged


def _field_maps(definition: YMap) -> Iterator[YMap]:
    """The mappings of fields nested in one field definition (its ``properties``, its ``items``')."""
    children = definition.get("properties")
    if isinstance(children, YMap):
        yield children
    items = definition.get("items")
    if isinstance(items, YMap):
        yield from _definitions_in(items)


def _definitions_in(definition: YMap) -> Iterator[YMap]:
    yield definition
    for fields in _field_maps(definition):
        for child in fields.values():
            if isinstance(child, YMap):
                yield from _definitions_in(child)


def _plan_definitions(root: YMap) -> Iterator[YMap]:
    """Every field definition written in the plan, wherever it is."""
    sections: list[object] = [root.get("context"), root.get("traits"), root.get("properties")]
    events = root.get("events")
    if isinstance(events, YMap):
        for event in events.values():
            if not isinstance(event, YMap):
                continue
            sections.append(event.get("properties"))
            sections.extend(case.get("properties") for case in variant_cases(event))
    for fields in sections:
        if isinstance(fields, YMap):
            for definition in fields.values():
                if isinstance(definition, YMap):
                    yield from _definitions_in(definition)


def variant_cases(event: YMap) -> list[YMap]:
    """The cases of an event's ``variants`` that are mappings."""
    variants = event.get("variants")
    cases = variants.get("cases") if isinstance(variants, YMap) else None
    return [case for case in cases if isinstance(case, YMap)] if isinstance(cases, list) else []


def unknown_uses(root: YMap) -> list[tuple[int, int, str, str]]:
    """Each ``use`` naming no entry of the plan's catalog: ``(line, column, message, where)``."""
    catalog = catalog_of(root)
    known = sorted(catalog) if catalog is not None else []
    problems = []
    for definition in _plan_definitions(root):
        ident = definition.get(USE)
        if not isinstance(ident, str) or (catalog is not None and ident in catalog):
            continue
        line, column = definition.marks[USE][2:]
        if not known:
            message = f"`use: {ident}` names no entry of the plan's `properties` catalog (the plan has none)"
        else:
            from difflib import get_close_matches  # only when a use dangles

            close = get_close_matches(ident, known, n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            message = f"`use: {ident}` names no entry of the plan's `properties` catalog{hint}"
        problems.append((line, column, message, f"{USE}.{ident}"))
    return problems
