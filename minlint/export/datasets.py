"""A tracking plan as a Fides dataset: what :mod:`minlint.readers.fides` reads back as the same plan.

Each event is a collection, and so are the plan's ``context`` and ``traits`` (named so, their fields
keep their references: ``context.device_id``). A field carries its description, its category as
``data_categories`` (a field with none is left unclassified, as Fides has it), ``fides_meta.identity``
when the plan's ``subject_id`` names it, ``fides_meta.data_type`` when Fides has a name for its type,
and its nested fields (an array's elements' too) as its own ``fields``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from minlint.model.spec import Spec

# minlint's (JSON Schema's) types in Fides's words; Fides has no others (dates are strings to it).
_TYPES = {"string": "string", "integer": "integer", "number": "float", "boolean": "boolean", "object": "object"}
_OBJECT = "object"


class _Node:
    """A field being placed: its attributes, the identity it stands for, its nested fields."""

    __slots__ = ("attrs", "children", "identity")

    def __init__(self, attrs: Mapping[str, Any], identity: str | None) -> None:
        self.attrs = attrs
        self.identity = identity
        self.children: list[_Node] = []

    def resource(self) -> dict[str, Any]:
        """The field as Fides writes it."""
        attrs = self.attrs
        field: dict[str, Any] = {"name": str(attrs.get("name"))}
        if isinstance(attrs.get("description"), str) and attrs["description"].strip():
            field["description"] = attrs["description"]
        if isinstance(attrs.get("category"), str):
            field["data_categories"] = [attrs["category"]]
        meta: dict[str, Any] = {}
        if self.identity is not None:
            meta["identity"] = self.identity
        data_type = fides_type(attrs, nested=bool(self.children))
        if data_type is not None:
            meta["data_type"] = data_type
        if meta:
            field["fides_meta"] = meta
        if self.children:
            field["fields"] = [child.resource() for child in self.children]
        return field


def _single(value: object) -> str | None:
    """A JSON Schema ``type``: itself, or the one type of a list besides ``null``."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        types = [item for item in value if isinstance(item, str) and item != "null"]
        return types[0] if len(types) == 1 else None
    return None


def fides_type(attrs: Mapping[str, Any], nested: bool) -> str | None:
    """Fides's ``data_type`` for a field (``float``, ``object[]`` …), or None when Fides has no word for
    it; a field with nested fields is an ``object`` (or ``object[]``) or has none."""
    kind = _single(attrs.get("type"))
    array = kind == "array"
    if array:
        items = attrs.get("items")
        kind = _single(items.get("type")) if isinstance(items, Mapping) else None
    name = _TYPES.get(kind or "")
    if nested and name not in (None, _OBJECT):
        return None
    if nested and name is None:
        name = _OBJECT if array else None
    if name is None:
        return None
    return f"{name}[]" if array else name


def dataset_resource(key: str, specs: Iterable[Spec], identities: Mapping[str, str]) -> dict[str, Any]:
    """The dataset ``key`` of a plan read from ``specs`` (one, or several files of one plan), its
    fields named in ``identities`` (by reference) carrying that identity."""
    resource: dict[str, Any] = {"fides_key": key}
    collections: dict[str, list[_Node]] = {}
    described: dict[str, str] = {}
    nodes: dict[str, _Node] = {}
    for spec in specs:
        for target in spec.targets:
            attrs = target.attrs
            if target.kind == "plan" and "name" not in resource:
                resource["name"] = spec.name
                if isinstance(attrs.get("description"), str):
                    resource["description"] = attrs["description"]
            elif target.kind == "event":
                collections.setdefault(target.ref, [])
                if isinstance(attrs.get("description"), str):
                    described.setdefault(target.ref, attrs["description"])
            elif target.kind == "field" and target.ref not in nodes:
                node = _Node(attrs, identities.get(target.ref))
                parent = nodes.get(str(attrs.get("parent"))) if attrs.get("depth") else None
                if parent is not None:
                    parent.children.append(node)
                else:
                    collections.setdefault(_collection(target.ref, attrs), []).append(node)
                nodes[target.ref] = node
    resource["collections"] = [
        {"name": name, **({"description": described[name]} if name in described else {}), "fields": []}
        for name in collections
    ]
    for collection in resource["collections"]:
        collection["fields"] = [node.resource() for node in collections[collection["name"]]]
    return resource


def _collection(ref: str, attrs: Mapping[str, Any]) -> str:
    """The collection of a top-level field: its event, else its section (``context``, ``traits``)."""
    if attrs.get("section") == "events" and isinstance(attrs.get("event"), str):
        return str(attrs["event"])
    section = attrs.get("section")
    return section if isinstance(section, str) else ref.split(".", 1)[0]
