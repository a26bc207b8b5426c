"""Reduce a loaded spec document to targets with resolved attributes.

Inheritance, nearest wins: field <- parent field <- event ``defaults`` <- plan ``defaults`` (and
campaign -> its ``collects`` fields). A ``null`` counts as not declared. The builder is tolerant:
the document may have failed schema validation (reported as ML902 elsewhere), so a value of the
wrong shape is simply not used, and the rest of the file is still checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from minlint.loader.nodes import YMap
from minlint.model.catalog import catalog_of, resolved, variant_cases
from minlint.model.declarations import Declarations, declarations, derive, field_attrs, retention_attrs, text_list
from minlint.model.recipients import RecipientDef
from minlint.model.retention import Retention, RetentionError, parse_retention
from minlint.model.spec import Declared, PurposeDef, Spec, Target, Use
from minlint.taxonomy import Taxonomy
from minlint.taxonomy.project import categories_from_document
from minlint.vocabulary import CAMPAIGN, CATEGORIES, PURPOSES, RECIPIENTS, TRACKING_PLAN


class _PlanBuilder:
    """Walks the fields of one tracking plan or campaign, resolving inheritance."""

    def __init__(self, spec: Spec, common: dict[str, Any], taxonomy: Taxonomy, catalog: YMap | None = None) -> None:
        self.spec = spec
        self.common = common
        self.taxonomy = taxonomy
        self.catalog = catalog  # the plan's shared field definitions (``use: ID``)

    def fields(self, mapping: object, prefix: str, inherited: Declarations, extra: Mapping[str, Any]) -> None:
        if not isinstance(mapping, YMap):
            return
        for name, definition in mapping.items():
            key_line, key_column = mapping.marks[name][:2]
            self.field(name, definition, f"{prefix}{name}", key_line, key_column, inherited, extra, 0)

    def field(
        self,
        name: str,
        definition: object,
        ref: str,
        line: int,
        column: int,
        inherited: Declarations,
        extra: Mapping[str, Any],
        depth: int,
    ) -> None:
        definition = resolved(definition, self.catalog)
        spec = definition if isinstance(definition, YMap) else None
        if spec is not None and isinstance(spec.get("items"), YMap) and self.catalog is not None:
            items = resolved(spec["items"], self.catalog)
            if items is not spec["items"]:
                spec = _with(spec, "items", items)
        decls = declarations(spec, ref, inherited)
        attrs = field_attrs(name, spec, decls, self.common)
        attrs.update(extra)
        attrs["ref"] = ref
        attrs["depth"] = depth
        derive(attrs, self.taxonomy)
        if depth:
            attrs["parent"] = ref.rsplit(".", 1)[0]
        self.spec.targets.append(Target("field", ref, line, column, attrs, decls))
        if spec is None:
            return
        children = spec.get("properties")
        items = spec.get("items")
        if isinstance(items, YMap):
            # An array's element declarations sit between the array and its elements' properties.
            decls = declarations(items, ref, decls)
            if children is None:
                children = items.get("properties")
        if isinstance(children, YMap):
            for child, child_definition in children.items():
                child_line, child_column = children.marks[child][:2]
                self.field(
                    child,
                    child_definition,
                    f"{ref}.{child}",
                    child_line,
                    child_column,
                    decls,
                    extra,
                    depth + 1,
                )


def _with(mapping: YMap, key: str, value: object) -> YMap:
    """A copy of ``mapping`` (marks kept) with ``key`` set to ``value``."""
    copy = YMap(mapping.line, mapping.column)
    copy.update(mapping)
    copy.marks.update(mapping.marks)
    copy[key] = value
    return copy


def _variant_fields(event: YMap, properties: object) -> YMap | None:
    """The fields an event's ``variants`` cases add: each name once, those not among its own ``properties``."""
    cases = variant_cases(event)
    if not cases:
        return None
    own = properties if isinstance(properties, YMap) else {}
    added = YMap(event.line, event.column)
    for case in cases:
        fields = case.get("properties")
        if not isinstance(fields, YMap):
            continue
        for name, definition in fields.items():
            if name not in own and name not in added:
                added[name] = definition
                added.marks[name] = fields.marks[name]
    return added or None


def _event_facts(event: YMap, attrs: dict[str, Any]) -> None:
    """An event's own facts as attributes: ``event_type`` and ``version``."""
    if isinstance(event.get("type"), str):
        attrs["event_type"] = event["type"]
    version = event.get("version")
    if isinstance(version, (str, int)) and not isinstance(version, bool):
        attrs["version"] = version


def _text(root: Mapping[str, Any], key: str) -> str | None:
    value = root.get(key)
    return value if isinstance(value, str) else None


def subject_ids(root: YMap, attrs: dict[str, Any]) -> None:
    """Record a plan's (campaign's) ``subject_id``: the fields that find a person's data.

    ``subject_id`` lists the field references as written; ``subject_id_at`` the ``(line, column)``
    of each; ``subject_id_in`` names the declarations file they were written in, for a plan in
    another format whose declarations file declares them (positions then point into that file).
    """
    value = root.get("subject_id")
    if value is None:
        return
    names = text_list(value)
    key_place = root.marks["subject_id"][2:] if "subject_id" in root.marks else (root.line, root.column)
    places: list[tuple[int, int]] = []
    if isinstance(value, list):
        marks = getattr(value, "marks", [])
        for index, item in enumerate(value):
            if isinstance(item, str):
                places.append(tuple(marks[index]) if index < len(marks) else key_place)
    else:
        places = [key_place] * len(names)
    attrs["subject_id"] = names
    attrs["subject_id_at"] = places
    declared_in = getattr(root, "paths", {}).get("subject_id")
    if declared_in:
        attrs["subject_id_in"] = declared_in


def build_tracking_plan(path: str, root: YMap, taxonomy: Taxonomy, consume: bool = False) -> Spec:
    """The targets of a ``kind: tracking-plan`` document: the plan, its events and every field.

    ``consume``: remove each event from the tree once it is modelled, so that a large plan's tree
    and model are never both held whole (the caller must not use ``root`` afterwards).
    """
    name = _text(root, "name") or path
    spec = Spec(path, TRACKING_PLAN, name, root.line, root.column)
    plan_attrs: dict[str, Any] = {"name": name, "kind": TRACKING_PLAN, "ref": name}
    for key in ("owner", "description"):
        if _text(root, key) is not None:
            plan_attrs[key] = root[key]
    if isinstance(root.get("right_to_limit"), bool):
        plan_attrs["right_to_limit"] = root["right_to_limit"]
    if root.get("opt_out") is not None:
        plan_attrs["opt_out"] = text_list(root["opt_out"])
    subject_ids(root, plan_attrs)
    common: dict[str, Any] = {"plan": name}
    if _text(root, "limitations") is not None:
        # Every field is checked against what the plan forbids (ML311), so each carries it, with where it is written.
        plan_attrs["limitations"] = common["limitations"] = root["limitations"]
        common["limitations_at"] = root.marks["limitations"][2:]
    line, column = root.marks["name"][:2] if "name" in root.marks else (root.line, root.column)
    spec.targets.append(Target("plan", name, line, column, plan_attrs))
    plan_decls = declarations(root.get("defaults"), "defaults")
    builder = _PlanBuilder(spec, common, taxonomy, catalog_of(root))
    for section in ("context", "traits"):
        builder.fields(root.get(section), f"{section}.", plan_decls, {"section": section})
    events = root.get("events")
    if isinstance(events, YMap):
        for event_name in list(events) if consume else events:
            line, column = events.marks[event_name][:2]
            event = events.pop(event_name) if consume else events[event_name]
            event_map = event if isinstance(event, YMap) else None
            properties = event_map.get("properties") if event_map is not None else None
            event_attrs: dict[str, Any] = {
                "name": event_name,
                "ref": event_name,
                "plan": name,
                "property_count": len(properties) if isinstance(properties, YMap) else 0,
            }
            if event_map is not None and isinstance(event_map.get("description"), str):
                event_attrs["description"] = event_map["description"]
            if event_map is not None:
                _event_facts(event_map, event_attrs)
            event_decls = declarations(
                event_map.get("defaults") if event_map is not None else None,
                f"{event_name}.defaults",
                plan_decls,
            )
            for declared in event_decls.values():
                event_attrs.update(declared.attrs)
            spec.targets.append(Target("event", event_name, line, column, event_attrs, event_decls))
            extra = {"section": "events", "event": event_name}
            builder.fields(properties, f"{event_name}.", event_decls, extra)
            if event_map is not None:
                builder.fields(_variant_fields(event_map, properties), f"{event_name}.", event_decls, extra)
            if consume:
                del events.marks[event_name]
    return spec


def build_campaign(path: str, root: YMap, taxonomy: Taxonomy, consume: bool = False) -> Spec:
    """The targets of a ``kind: campaign`` document: the campaign and the fields it collects."""
    name = _text(root, "name") or path
    spec = Spec(path, CAMPAIGN, name, root.line, root.column)
    decls = declarations(root, name)
    attrs: dict[str, Any] = {"name": name, "ref": name, "kind": CAMPAIGN}
    for key in ("owner", "description"):
        if _text(root, key) is not None:
            attrs[key] = root[key]
    for key in ("channels", "recipients", "opt_out"):
        if root.get(key) is not None:
            attrs[key] = text_list(root[key])
    subject_ids(root, attrs)
    uses = root.get("uses")
    if isinstance(uses, list):
        marks = getattr(uses, "marks", None)
        for index, item in enumerate(uses):
            if isinstance(item, str) and marks is not None:
                spec.uses.append(Use(item, marks[index][0], marks[index][1]))
        attrs["uses"] = [use.text for use in spec.uses]
    for declared in decls.values():
        attrs.update(declared.attrs)
    derive(attrs, taxonomy)
    line, column = root.marks["name"][:2] if "name" in root.marks else (root.line, root.column)
    spec.targets.append(Target("campaign", name, line, column, attrs, decls))
    # ``recipients`` of a campaign is who receives the data, not a sharing declaration of its fields.
    field_decls = {key: value for key, value in decls.items() if key != "shared_with"}
    builder = _PlanBuilder(spec, {"plan": name, "campaign": name}, taxonomy)
    builder.fields(root.get("collects"), "collects.", field_decls, {"section": "collects"})
    return spec


def _purpose_def(path: str, purpose_id: str, entry: object, line: int, column: int) -> PurposeDef:
    mapping = entry if isinstance(entry, YMap) else YMap(line, column)
    bases = mapping.get("bases")
    max_retention: Retention | None = None
    if mapping.get("max_retention") is not None:
        try:
            max_retention = parse_retention(mapping["max_retention"])
        except RetentionError:
            max_retention = None
    known = ("description", "bases", "max_retention")
    return PurposeDef(
        id=purpose_id,
        description=mapping.get("description") if isinstance(mapping.get("description"), str) else None,
        bases=tuple(item for item in bases if isinstance(item, str)) if isinstance(bases, list) else None,
        max_retention=max_retention,
        path=path,
        line=line,
        column=column,
        options={key: value for key, value in mapping.items() if key not in known},
    )


def build_purposes(path: str, root: YMap, taxonomy: Taxonomy, consume: bool = False) -> Spec:
    """The purposes a ``kind: purposes`` registry declares, each also a ``purpose`` target."""
    spec = Spec(path, PURPOSES, path, root.line, root.column)
    purposes = root.get("purposes")
    if not isinstance(purposes, YMap):
        return spec
    for purpose_id, entry in purposes.items():
        line, column = purposes.marks[purpose_id][:2]
        definition = _purpose_def(path, purpose_id, entry, line, column)
        spec.purposes.append(definition)
        attrs: dict[str, Any] = {"id": purpose_id, "ref": purpose_id, **definition.options}
        if definition.description is not None:
            attrs["description"] = definition.description
        if definition.bases is not None:
            attrs["bases"] = list(definition.bases)
        origins: Declarations = {}
        if isinstance(entry, YMap) and entry.get("max_retention") is not None:
            attrs.update(retention_attrs(entry["max_retention"], "max_retention"))
            marks = entry.marks["max_retention"]
            origins["max_retention"] = Declared(
                "max_retention", entry["max_retention"], {}, marks[2], marks[3], purpose_id
            )
        spec.targets.append(Target("purpose", purpose_id, line, column, attrs, origins))
    return spec


def build_categories(path: str, root: YMap, taxonomy: Taxonomy, consume: bool = False) -> Spec:
    """The categories a ``kind: categories`` file adds to the taxonomy."""
    spec = Spec(path, CATEGORIES, path, root.line, root.column)
    spec.categories = categories_from_document(path, root)
    return spec


def build_recipients(path: str, root: YMap, taxonomy: Taxonomy, consume: bool = False) -> Spec:
    """The recipients a ``kind: recipients`` registry declares."""
    spec = Spec(path, RECIPIENTS, path, root.line, root.column)
    recipients = root.get("recipients")
    if not isinstance(recipients, YMap):
        return spec
    for name, entry in recipients.items():
        line, column = recipients.marks[name][:2]
        values = entry if isinstance(entry, YMap) else {}
        spec.recipients.append(
            RecipientDef(
                name,
                _text(values, "role"),
                _text(values, "cpra_role"),
                _text(values, "country"),
                _text(values, "transfer"),
                _text(values, "erasure"),
                path,
                line,
                column,
                export=_text(values, "export"),
                description=_text(values, "description"),
            )
        )
    return spec


BUILDERS = {
    TRACKING_PLAN: build_tracking_plan,
    CAMPAIGN: build_campaign,
    PURPOSES: build_purposes,
    RECIPIENTS: build_recipients,
    CATEGORIES: build_categories,
}


def build_spec(path: str, kind: str, root: YMap, taxonomy: Taxonomy | None = None, consume: bool = False) -> Spec:
    """Reduce a document of a known ``kind`` to a :class:`Spec` (categories resolved in ``taxonomy``).

    ``consume``: the builder may empty ``root`` as it goes, to free the tree while the model grows
    (the caller must not use ``root`` afterwards).
    """
    return BUILDERS[kind](path, root, taxonomy if taxonomy is not None else Taxonomy.builtin(), consume)
