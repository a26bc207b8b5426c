"""Compile JSON Schema (draft 2020-12) subsets into fast Python closures.

minlint validates YAML specs against shipped JSON Schemas and evaluates rule conditions written as
JSON Schema fragments against many small mappings per run.  ``jsonschema`` is too slow for that (and
too slow to import on the pre-commit path), so each schema is compiled once into closures:

* :meth:`CompiledSchema.is_valid` is the fast path: it never builds error objects;
* :meth:`CompiledSchema.errors` first runs the fast path and only walks for errors when the value is
  invalid, producing :class:`SchemaError` objects with plain-language messages meant for privacy
  officers and marketers rather than programmers.

Keywords outside the natively supported subset that ``jsonschema`` implements (for example
``unevaluatedProperties``) are delegated, for the subschema carrying them, to
``jsonschema.Draft202012Validator``; ``jsonschema`` is imported lazily, only when such a schema is
compiled.  At import time this module uses the standard library only.

This module is the public entry point; the work is done by its sibling modules:

* :mod:`~minlint.schema.builder` walks the schema, binds ``$ref`` and combines keyword closures;
* :mod:`~minlint.schema.scalars`, :mod:`~minlint.schema.objects`, :mod:`~minlint.schema.arrays` and
  :mod:`~minlint.schema.combinators` build the closures of each keyword family;
* :mod:`~minlint.schema.fallback` delegates other keywords to ``jsonschema``;
* :mod:`~minlint.schema.messages` and :mod:`~minlint.schema.describe` write the error texts;
* :mod:`~minlint.schema.ordering` puts errors in document order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from minlint.schema.builder import SchemaCompiler
from minlint.schema.errors import SchemaCompileError, SchemaError
from minlint.schema.messages import describe_value
from minlint.schema.node import Check, Emit
from minlint.schema.ordering import document_order

__all__ = ["CompiledSchema", "SchemaCompileError", "SchemaError", "compile_schema"]

_DEPTH_MESSAGE: Final = "value nested too deeply to validate"


class CompiledSchema:
    """A schema compiled into closures; build it with :func:`compile_schema`."""

    __slots__ = ("_errs", "_valid")

    def __init__(self, valid: Check, errs: Emit) -> None:
        self._valid = valid
        self._errs = errs

    def is_valid(self, instance: object) -> bool:
        """Return whether ``instance`` is valid; never builds error objects."""
        try:
            return self._valid(instance)
        except RecursionError:
            return False

    def errors(self, instance: object) -> list[SchemaError]:
        """Return all errors for ``instance`` (empty when valid) in a deterministic order.

        Errors are ordered by the position of the offending value in the document (dict key order,
        list index; a mapping's own errors before those of its contents), then by keyword order.
        """
        try:
            if self._valid(instance):
                return []
            found: list[SchemaError] = []
            self._errs(instance, (), found)
        except RecursionError:
            return [SchemaError((), _DEPTH_MESSAGE, "depth")]
        if not found:  # safety net; the emitters mirror the checks, so this should not happen
            found.append(SchemaError((), "value is not valid", "schema"))
        return document_order(instance, found)


def compile_schema(schema: Mapping[str, Any] | bool) -> CompiledSchema:
    """Compile a JSON Schema (draft 2020-12 subset) into a :class:`CompiledSchema`.

    Raises :class:`SchemaCompileError`, naming the JSON pointer inside the schema, when the schema is
    invalid (for example ``"type": 5`` or a ``$ref`` that points nowhere).
    """
    if not isinstance(schema, (Mapping, bool)):
        raise SchemaCompileError("", f"a schema must be a mapping or true/false, got {describe_value(schema)}")
    root = SchemaCompiler(schema).compile()
    return CompiledSchema(root.valid, root.errs)
