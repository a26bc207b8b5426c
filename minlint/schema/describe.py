"""Reading raw subschemas for messages: what types they admit, a short name for them, their discriminators.

These walk the schema as written (following ``$ref`` through a
:class:`~minlint.schema.refs.RefResolver`), to a bounded depth, and never raise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from minlint.schema.keywords import ANNOTATIONS, ARRAY_KEYWORDS, NUMBER_KEYWORDS, OBJECT_KEYWORDS, STRING_KEYWORDS
from minlint.schema.messages import join_or, quote, type_words
from minlint.schema.refs import RefResolver
from minlint.schema.values import Types, json_type

_INFER_DEPTH: Final = 8


class Describer:
    """Plain-language facts about the raw subschemas of one schema."""

    def __init__(self, refs: RefResolver) -> None:
        self.refs = refs

    def infer_types(self, schema: object, depth: int = 0) -> Types:
        """JSON types a subschema can admit at its first level, or None when unknown/any."""
        if schema is False:
            return frozenset()
        if not isinstance(schema, Mapping) or depth > _INFER_DEPTH:
            return None
        declared = schema.get("type")
        if isinstance(declared, str):
            return frozenset({declared})
        if isinstance(declared, list):
            return frozenset(name for name in declared if isinstance(name, str))
        found: set[str] = set()
        if "const" in schema:
            found.add(json_type(schema["const"]))
        if isinstance(schema.get("enum"), list):
            found.update(json_type(value) for value in schema["enum"])
        keys = schema.keys()
        if keys & OBJECT_KEYWORDS:
            found.add("object")
        if keys & ARRAY_KEYWORDS:
            found.add("array")
        if keys & STRING_KEYWORDS:
            found.add("string")
        if keys & NUMBER_KEYWORDS:
            found.add("number")
        if found:
            return frozenset(found)
        if "$ref" in schema:
            return self.infer_types(self.refs.raw_target(schema), depth + 1)
        for keyword in ("anyOf", "oneOf"):
            branches = schema.get(keyword)
            if isinstance(branches, list) and branches:
                union: set[str] = set()
                for branch in branches:
                    types = self.infer_types(branch, depth + 1)
                    if types is None:
                        return None
                    union.update(types)
                return frozenset(union)
        parts = schema.get("allOf")
        if isinstance(parts, list):
            for part in parts:
                types = self.infer_types(part, depth + 1)
                if types is not None:
                    return types
        return None

    def describe(self, schema: object, depth: int = 0) -> str | None:
        """Return a short plain-language name for what a subschema accepts, or None."""
        if not isinstance(schema, Mapping) or depth > _INFER_DEPTH:
            return None
        title = schema.get("title")
        if isinstance(title, str) and title:
            return title
        if "const" in schema:
            return quote(schema["const"])
        values = schema.get("enum")
        if isinstance(values, list) and values:
            shown = " or ".join(quote(value) for value in values[:5])
            return shown + (" or …" if len(values) > 5 else "")
        declared = schema.get("type")
        names = [declared] if isinstance(declared, str) else declared
        if isinstance(names, list) and names and all(isinstance(name, str) for name in names):
            return join_or(type_words(names))
        if "$ref" in schema:
            described = self.describe(self.refs.raw_target(schema), depth + 1)
            if described is not None:
                return described
        types = self.infer_types(schema, depth)
        if types:
            return join_or(type_words(sorted(types)))
        return None

    def discriminators(self, schema: object, depth: int = 0) -> tuple[tuple[str, tuple[object, ...]], ...]:
        """The properties a subschema pins with ``const``/``enum``: ``(key, allowed values)`` pairs."""
        if not isinstance(schema, Mapping) or depth > _INFER_DEPTH:
            return ()
        if "properties" not in schema and "$ref" in schema:
            return self.discriminators(self.refs.raw_target(schema), depth + 1)
        properties = schema.get("properties")
        if not isinstance(properties, Mapping):
            return ()
        found: list[tuple[str, tuple[object, ...]]] = []
        for name, subschema in properties.items():
            target = subschema
            if isinstance(target, Mapping) and "const" not in target and "enum" not in target:
                target = self.refs.raw_target(target)
            if isinstance(target, Mapping):
                if "const" in target:
                    found.append((name, (target["const"],)))
                elif isinstance(target.get("enum"), list):
                    found.append((name, tuple(target["enum"])))
        return tuple(found)

    def not_message(self, schema: object) -> str:
        """The error message for a value matching the subschema of a ``not``."""
        if isinstance(schema, Mapping):
            meaningful = schema.keys() - ANNOTATIONS
            required = schema.get("required")
            if meaningful == {"required"} and isinstance(required, list) and required:
                if len(required) == 1:
                    return f"must not contain the key {quote(required[0])}"
                return "must not contain all of the keys " + ", ".join(quote(key) for key in required)
            described = self.describe(schema)
            if described is not None:
                return f"must not be {described}"
        return "must not match the excluded form"

    def property_names(self, schema: object, depth: int = 0) -> list[str]:
        """Every ``properties`` name reachable through applicators (for did-you-mean hints)."""
        if not isinstance(schema, Mapping) or depth > _INFER_DEPTH:
            return []
        names: list[str] = []
        properties = schema.get("properties")
        if isinstance(properties, Mapping):
            names.extend(name for name in properties if isinstance(name, str))
        for keyword in ("allOf", "anyOf", "oneOf"):
            branches = schema.get(keyword)
            if isinstance(branches, list):
                for branch in branches:
                    names.extend(self.property_names(branch, depth + 1))
        for keyword in ("if", "then", "else"):
            names.extend(self.property_names(schema.get(keyword), depth + 1))
        dependent = schema.get("dependentSchemas")
        if isinstance(dependent, Mapping):
            for branch in dependent.values():
                names.extend(self.property_names(branch, depth + 1))
        if "$ref" in schema:
            names.extend(self.property_names(self.refs.raw_target(schema), depth + 1))
        return list(dict.fromkeys(names))
