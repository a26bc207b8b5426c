"""Resolving local ``$ref`` values (JSON pointers and ``$anchor`` names) inside one schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from minlint.schema.errors import SchemaCompileError
from minlint.schema.keywords import DATA_KEYWORDS, child_pointer
from minlint.schema.messages import quote


class RefResolver:
    """Finds what a ``$ref`` in the schema ``root`` points to; only same-document references are supported."""

    def __init__(self, root: Mapping[str, Any] | bool) -> None:
        self.root = root
        self.anchors: dict[str, str] | None = None

    def resolve(self, ref: str, at: str) -> tuple[str, object]:
        """Return the pointer and subschema a local ``$ref`` (found in the subschema at ``at``) points to."""
        where = child_pointer(at, "$ref")
        local = ref
        root_id = self.root.get("$id") if isinstance(self.root, Mapping) else None
        if isinstance(root_id, str) and not ref.startswith("#"):
            base = root_id.split("#", 1)[0]
            if base and ref.startswith(base) and ref[len(base) :][:1] in ("", "#"):
                local = ref[len(base) :]
        if local and not local.startswith("#"):
            raise SchemaCompileError(
                where,
                f"only references inside the same schema (starting with `#`) are supported, got {quote(ref)}",
            )
        fragment = unquote(local[1:])
        if not fragment:
            return "", self.root
        if not fragment.startswith("/"):
            pointer = self.anchor(fragment)
            if pointer is None:
                raise SchemaCompileError(where, f"{quote(ref)} does not point to anything in this schema")
            return self.resolve("#" + pointer, at)
        current: object = self.root
        pointer = ""
        for raw_token in fragment[1:].split("/"):
            token = raw_token.replace("~1", "/").replace("~0", "~")
            if isinstance(current, Mapping) and token in current:
                current = current[token]
            elif isinstance(current, list) and token.isdigit() and int(token) < len(current):
                current = current[int(token)]
            else:
                raise SchemaCompileError(where, f"{quote(ref)} does not point to anything in this schema")
            pointer = child_pointer(pointer, token)
        return pointer, current

    def anchor(self, name: str) -> str | None:
        """The pointer of the subschema declaring ``"$anchor": name`` (the first one found), or None."""
        if self.anchors is None:
            anchors: dict[str, str] = {}

            def walk(value: object, pointer: str) -> None:
                if isinstance(value, Mapping):
                    found = value.get("$anchor")
                    if isinstance(found, str):
                        anchors.setdefault(found, pointer)
                    for key, item in value.items():
                        if key not in DATA_KEYWORDS:
                            walk(item, child_pointer(pointer, key))
                elif isinstance(value, list):
                    for index, item in enumerate(value):
                        walk(item, child_pointer(pointer, index))

            walk(self.root, "")
            self.anchors = anchors
        return self.anchors.get(name)

    def raw_target(self, schema: Mapping[str, Any]) -> object:
        """Return the raw schema the ``$ref`` of ``schema`` points to (for describing branches), or None."""
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            return None
        try:
            return self.resolve(ref, "")[1]
        except SchemaCompileError:
            return None
