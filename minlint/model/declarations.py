"""A field's declarations: what each declared key contributes to its attributes, and inheritance.

Inheritance, nearest wins: field <- parent field <- event ``defaults`` <- plan ``defaults``. A
``null`` counts as not declared, and a value of the wrong shape is not used (the shape check
reports it).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from minlint.loader.nodes import YMap
from minlint.model.basis import purpose_bases
from minlint.model.retention import RetentionError, parse_retention
from minlint.model.retention_by_purpose import is_per_purpose, per_purpose_attrs
from minlint.model.spec import Declared
from minlint.taxonomy import NONE_CATEGORY, Taxonomy
from minlint.vocabulary import INHERITED

Declarations = dict[str, Declared]
_FIELD_FACTS = (
    "type",
    "format",
    "enum",
    "pattern",
    "maxLength",
    "minLength",
    "minimum",
    "maximum",
    "required",
    "nullable",
    "description",
    # Set by the readers of formats that classify every field (a Fides field with no data category at
    # any level): never in a minlint plan, whose schema has no such key.
    "unclassified",
    # A data contract's own words for a field: `pii: true`, and its `classification` (`restricted` …).
    "pii",
    "classification",
)


def text_list(value: object) -> list[str]:
    """A text or a list of texts as a list of texts (anything else: none)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def retention_attrs(value: object, prefix: str = "retention") -> dict[str, Any]:
    """The attributes a retention declaration contributes: raw value plus ``_days``/``_error`` etc.

    The result may be shared between callers (it is cached for text values): do not modify it.
    """
    if isinstance(value, str):
        return _text_retention_attrs(value, prefix)
    return _retention_attrs(value, prefix)


@lru_cache(maxsize=1024)
def _text_retention_attrs(value: str, prefix: str) -> dict[str, Any]:
    return _retention_attrs(value, prefix)


def _retention_attrs(value: object, prefix: str) -> dict[str, Any]:
    attrs: dict[str, Any] = {prefix: value}
    try:
        parsed = parse_retention(value)
    except RetentionError as error:
        attrs[f"{prefix}_error"] = str(error)
        return attrs
    attrs[f"{prefix}_parsed"] = parsed
    attrs[f"{prefix}_indefinite"] = parsed.indefinite
    attrs[f"{prefix}_text"] = parsed.human()
    if parsed.days is not None:
        attrs[f"{prefix}_days"] = parsed.days
    if parsed.after is not None:
        attrs[f"{prefix}_after"] = parsed.after
    return attrs


def _contribution(name: str, value: object) -> dict[str, Any] | None:
    """What one declaration gives a target's attributes, or None if it declares nothing usable.

    Contributions of texts and lists of texts are shared between every declaration of the same
    value (a plan of a hundred thousand fields declares a handful of distinct purposes): the
    result must not be modified.
    """
    if isinstance(value, str):
        return _text_contribution(name, value)
    if isinstance(value, list) and all(type(item) is str for item in value):
        return _list_contribution(name, tuple(value))
    return _build_contribution(name, value)


@lru_cache(maxsize=4096)
def _text_contribution(name: str, value: str) -> dict[str, Any] | None:
    return _build_contribution(name, value)


@lru_cache(maxsize=4096)
def _list_contribution(name: str, value: tuple[str, ...]) -> dict[str, Any] | None:
    return _build_contribution(name, list(value))


def _build_contribution(name: str, value: object) -> dict[str, Any] | None:
    if name == "purpose":
        purposes = text_list(value)
        return {"purpose": value, "purposes": purposes} if purposes else None
    if name == "basis":
        if isinstance(value, str):
            return {"basis": value, "bases": [value]}
        if isinstance(value, dict):
            mapping = {key: item for key, item in value.items() if isinstance(item, str)}
            return {"basis": mapping, "bases": sorted(set(mapping.values()))}
        return None
    if name == "retention":
        if isinstance(value, dict) and is_per_purpose(value):
            return per_purpose_attrs(value)
        return retention_attrs(value)
    if name == "category":
        return {"category": value} if isinstance(value, str) else None
    if name == "special_condition":
        return {"special_condition": value} if isinstance(value, str) else None
    if name in ("shared_with", "protection", "access"):
        return {name: text_list(value)} if isinstance(value, (str, list)) else None
    return None


def declarations(mapping: object, owner: str, inherited: Declarations | None = None) -> Declarations:
    """The declarations made at one level, layered over those it inherits (nearest wins).

    Returns ``inherited`` itself when the level declares nothing, so that fields without their own
    declarations share one dictionary.
    """
    base = inherited if inherited is not None else {}
    if not isinstance(mapping, YMap):
        return base
    own: Declarations | None = None
    paths: dict[str, str] | None = getattr(mapping, "paths", None)  # a ForeignMap's declarations from elsewhere
    for name in INHERITED:
        value = mapping.get(name)
        if value is None:
            continue
        attrs = _contribution(name, value)
        if attrs is None:
            continue
        if own is None:
            own = dict(base)
        marks = mapping.marks[name]
        path = paths.get(name, "") if paths else ""
        own[name] = Declared(name, value, attrs, marks[2], marks[3], owner, path)
    return own if own is not None else base


def _purpose_bases(basis: object, purposes: list[str]) -> dict[str, str]:
    """``purpose_bases`` of a basis and purposes, shared between equal declarations (do not modify)."""
    if isinstance(basis, str):
        return _cached_purpose_bases(basis, tuple(purposes))
    if isinstance(basis, dict) and all(type(value) is str for value in basis.values()):
        return _cached_purpose_bases(tuple(basis.items()), tuple(purposes))
    return purpose_bases({"basis": basis, "purposes": purposes})


@lru_cache(maxsize=4096)
def _cached_purpose_bases(basis: str | tuple[tuple[str, str], ...], purposes: tuple[str, ...]) -> dict[str, str]:
    return purpose_bases({"basis": basis if isinstance(basis, str) else dict(basis), "purposes": purposes})


def derive(attrs: dict[str, Any], taxonomy: Taxonomy) -> None:
    """Add the attributes computed from declarations: ``purpose_bases``, ``personal``, ``special``, ``regime``."""
    if "basis" in attrs and "purposes" in attrs:
        attrs["purpose_bases"] = _purpose_bases(attrs["basis"], attrs["purposes"])
    category = attrs.get("category")
    if category is None:
        return
    if category == NONE_CATEGORY:
        attrs["personal"] = False
        attrs["special"] = False
        return
    personal = taxonomy.personal(category)
    if personal is not None:
        attrs["personal"] = personal
    attrs["special"] = taxonomy.special(category)
    regime = taxonomy.regime(category)
    if regime is not None:
        attrs["regime"] = regime
    attrs["category_known"] = taxonomy.is_known(category)


def field_attrs(name: str, spec: YMap | None, decls: Declarations, common: dict[str, Any]) -> dict[str, Any]:
    """A field's attributes: ``common`` ones, its name, its own facts (type, format …) and its declarations."""
    attrs = dict(common)
    attrs["name"] = name
    if spec is not None:
        for key in _FIELD_FACTS:
            value = spec.get(key)
            if value is not None:
                attrs[key] = value
        items = spec.get("items")
        children = spec.get("properties")
        if isinstance(items, YMap):
            attrs["items"] = {key: items[key] for key in _FIELD_FACTS if items.get(key) is not None}
            if children is None:
                children = items.get("properties")  # an array's nested fields are its elements'
        attrs["has_properties"] = isinstance(children, YMap) and bool(children)
    else:
        attrs["has_properties"] = False
    for declared in decls.values():
        attrs.update(declared.attrs)
    return attrs
