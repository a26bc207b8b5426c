"""What validation and compilation report: :class:`SchemaError` and :class:`SchemaCompileError`."""

from __future__ import annotations

from typing import NamedTuple, TypeAlias

InstancePath: TypeAlias = tuple[str | int, ...]
"""Where a value sits in the validated document: mapping keys and list indexes from the root."""


class SchemaError(NamedTuple):
    """One problem found while validating a value against a compiled schema.

    ``path`` is the instance path of the offending value.  For an unknown key it is the path of the
    key's value (parent path + key); for a missing required key it is the path of the parent mapping.
    ``message`` is one plain-language sentence, ``keyword`` the JSON Schema keyword that failed and
    ``key`` the mapping key concerned (unknown keys, missing keys), if any.
    """

    path: tuple[str | int, ...]
    message: str
    keyword: str
    key: str | None = None


class SchemaCompileError(Exception):
    """Raised by :func:`~minlint.schema.compiler.compile_schema` when the schema itself is invalid.

    ``pointer`` is the JSON pointer (``#/properties/kind/type``) of the offending place inside the
    schema and ``problem`` the description without the location.
    """

    def __init__(self, pointer: str, problem: str) -> None:
        self.pointer = "#" + pointer
        self.problem = problem
        super().__init__(f"invalid schema at `{self.pointer}`: {problem}")
