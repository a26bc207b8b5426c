"""Resolving ``$ref`` values (JSON pointers and anchors) inside one schema document.

The document is indexed once, the way ``jsonschema`` (through ``referencing``) sees it: only at the
places a draft 2020-12 keyword holds a subschema, each with its base URI (``$id`` values joined from
the root down).  A ``$ref`` is joined with the base URI of the subschema holding it; it may point to
the root or to any embedded schema resource (a subschema with its own ``$id``), followed by a JSON
pointer or an anchor (``$anchor`` or ``$dynamicAnchor``) of that resource.  Anything else — another
document, a URL to fetch — is refused with :class:`~minlint.schema.errors.SchemaCompileError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final
from urllib.parse import unquote, urldefrag, urljoin

from minlint.schema.errors import SchemaCompileError
from minlint.schema.keywords import child_pointer
from minlint.schema.messages import quote

# Where draft 2020-12 keywords hold subschemas (as ``referencing`` crawls them for ``jsonschema``).
IN_VALUE: Final = frozenset(
    {
        "additionalProperties",
        "contains",
        "contentSchema",
        "else",
        "if",
        "items",
        "not",
        "propertyNames",
        "then",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)
IN_LIST: Final = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
IN_MAPPING: Final = frozenset({"$defs", "definitions", "dependentSchemas", "patternProperties", "properties"})

DIALECTS: Final = frozenset(
    {"https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#"}
)
"""The ``$schema`` values this compiler implements (draft 2020-12 with its standard vocabularies)."""


class RefResolver:
    """Finds what a ``$ref`` in the schema ``root`` points to; only same-document references are supported."""

    def __init__(self, root: Mapping[str, Any] | bool) -> None:
        self.root = root
        self.bases: dict[str, str] = {}
        """The base URI of each subschema, by JSON pointer."""
        self.schemas: dict[str, object] = {}
        """Each subschema, by JSON pointer."""
        self.resources: dict[str, str] = {}
        """The JSON pointer of each schema resource (the root, and subschemas with ``$id``), by URI."""
        self.anchors: dict[tuple[str, str], str] = {}
        """The JSON pointer of each anchor, by (resource URI, anchor name)."""
        self.pointers: dict[int, str] = {}
        """The JSON pointer of each subschema mapping, by identity (for :meth:`raw_target`)."""
        self._root_base: str | None = None

    # -- the index ---------------------------------------------------------------------------------

    @property
    def root_base(self) -> str:
        """The base URI of the root (its ``$id``, or empty); indexes the document on first use."""
        if self._root_base is None:  # built lazily: a schema without references never needs it
            self._root_base = self._index(self.root, "", "", register=True)
        return self._root_base

    def _index(self, schema: object, pointer: str, base: str, *, register: bool) -> str:
        """Record ``schema`` (at ``pointer``) and the subschemas below it; return its base URI."""
        if isinstance(schema, Mapping):
            check_dialect(schema, pointer)
            own = schema.get("$id")
            if own is not None:
                if not isinstance(own, str):
                    raise SchemaCompileError(child_pointer(pointer, "$id"), "`$id` must be text")
                uri, fragment = urldefrag(urljoin(base, own))
                if fragment:
                    raise SchemaCompileError(child_pointer(pointer, "$id"), "`$id` must not have a fragment (`#…`)")
                base = uri
                if register:
                    self._register(self.resources, uri, pointer, f"`$id` {quote(own)}")
        if register and not pointer:
            self.resources.setdefault(base, "")
        self.bases.setdefault(pointer, base)
        self.schemas.setdefault(pointer, schema)
        if not isinstance(schema, Mapping):
            return base
        self.pointers.setdefault(id(schema), pointer)
        if register:
            for keyword in ("$anchor", "$dynamicAnchor"):
                name = schema.get(keyword)
                if isinstance(name, str):
                    self._register(self.anchors, (base, name), pointer, f"the anchor {quote(name)}")
        for keyword, value in schema.items():
            if keyword in IN_VALUE:
                self._index(value, child_pointer(pointer, keyword), base, register=register)
            elif keyword in IN_LIST and isinstance(value, list):
                at = child_pointer(pointer, keyword)
                for index, item in enumerate(value):
                    self._index(item, child_pointer(at, index), base, register=register)
            elif keyword in IN_MAPPING and isinstance(value, Mapping):
                at = child_pointer(pointer, keyword)
                for name, item in value.items():
                    self._index(item, child_pointer(at, name), base, register=register)
        return base

    @staticmethod
    def _register(table: dict[Any, str], key: object, pointer: str, what: str) -> None:
        """Record ``key`` at ``pointer``, refusing a second, different place for it."""
        found = table.setdefault(key, pointer)
        if found != pointer:
            raise SchemaCompileError(pointer, f"{what} is declared twice (also at `#{found}`)")

    def base_of(self, pointer: str) -> str:
        """The base URI of the subschema at ``pointer`` (indexed on demand when a pointer reached it)."""
        root_base = self.root_base
        base = self.bases.get(pointer)
        if base is not None:
            return base
        # A ``$ref`` by JSON pointer into a place no keyword marks as a subschema: like jsonschema,
        # keep the base of the nearest subschema above it, moved by the target's own `$id`.
        parent = pointer
        while parent and parent not in self.bases:
            parent = parent.rsplit("/", 1)[0]
        current: object = self.root
        for token in _tokens(pointer):
            current = current[token] if isinstance(current, Mapping) else current[int(token)]  # type: ignore[index]
        return self._index(current, pointer, self.bases.get(parent, root_base), register=False)

    @property
    def single_resource(self) -> bool:
        """Whether the document is one schema resource (no subschema has its own ``$id``)."""
        self.base_of("")  # indexes the document
        return len(self.resources) == 1

    def refs_below(self, pointer: str) -> Iterator[tuple[str, str, object]]:
        """Every ``$ref``/``$dynamicRef`` at or below ``pointer``: (subschema pointer, keyword, value)."""
        self.base_of(pointer)
        prefix = pointer + "/"
        for at, schema in list(self.schemas.items()):
            if isinstance(schema, Mapping) and (at == pointer or at.startswith(prefix)):
                for keyword in ("$ref", "$dynamicRef"):
                    if keyword in schema:
                        yield at, keyword, schema[keyword]

    # -- resolving ---------------------------------------------------------------------------------

    def resolve(self, ref: str, at: str, keyword: str = "$ref") -> tuple[str, object]:
        """Return the pointer and subschema ``ref`` (the ``keyword`` of the subschema at ``at``) points to."""
        where = child_pointer(at, keyword)
        base = self.base_of(at)
        if ref.startswith("#"):
            uri, fragment = base, ref[1:]
        else:
            uri, fragment = urldefrag(urljoin(base, ref))
        resource = self.resources.get(uri)
        if resource is None:
            raise SchemaCompileError(
                where,
                f"only references inside the same schema (starting with `#`) are supported, got {quote(ref)}",
            )
        if not fragment:
            return resource, self.schemas[resource]
        if not fragment.startswith("/"):
            pointer = self.anchors.get((uri, fragment))
            if pointer is None:
                raise SchemaCompileError(where, f"{quote(ref)} does not point to anything in this schema")
            return pointer, self.schemas[pointer]
        current: object = self.schemas[resource]
        pointer = resource
        for token in _tokens(unquote(fragment)):
            if isinstance(current, Mapping) and token in current:
                current = current[token]
            elif isinstance(current, list) and token.isdigit() and int(token) < len(current):
                current = current[int(token)]
            else:
                raise SchemaCompileError(where, f"{quote(ref)} does not point to anything in this schema")
            pointer = child_pointer(pointer, token)
        return pointer, current

    def raw_target(self, schema: Mapping[str, Any]) -> object:
        """Return the raw schema the ``$ref`` of ``schema`` points to (for describing branches), or None."""
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            return None
        try:
            self.base_of("")  # indexes the document
            return self.resolve(ref, self.pointers.get(id(schema), ""))[1]
        except (SchemaCompileError, LookupError, TypeError, ValueError):
            return None


def check_dialect(schema: Mapping[str, Any], pointer: str) -> None:
    """Refuse a ``$schema`` naming another dialect or a custom metaschema (which may change vocabularies)."""
    dialect = schema.get("$schema")
    if dialect is not None and (not isinstance(dialect, str) or dialect not in DIALECTS):
        raise SchemaCompileError(
            child_pointer(pointer, "$schema"),
            f"only draft 2020-12 schemas are supported, got `$schema` {quote(dialect)}",
        )


def _tokens(pointer: str) -> Iterator[str]:
    """The unescaped tokens of a JSON pointer (``/a~1b/c`` gives ``a/b``, ``c``)."""
    if pointer:
        for raw in pointer[1:].split("/"):
            yield raw.replace("~1", "/").replace("~0", "~")
