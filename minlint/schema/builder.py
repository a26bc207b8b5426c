"""Compiling a whole schema into :class:`~minlint.schema.node.Node` objects.

:class:`SchemaCompiler` walks the schema once, memoising one node per JSON pointer, binds ``$ref``
(including recursive references, which are bound late) and combines the closures each keyword
module builds into one check and one emitter per subschema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from minlint.schema.arrays import array_keywords
from minlint.schema.combinators import all_of, any_of, if_then_else, not_, one_of
from minlint.schema.describe import Describer
from minlint.schema.errors import InstancePath, SchemaCompileError, SchemaError
from minlint.schema.fallback import JsonschemaFallback
from minlint.schema.keywords import ANNOTATIONS, NATIVE_KEYWORDS, child_pointer, read_mapping, read_type_names
from minlint.schema.messages import describe_value, quote, type_error
from minlint.schema.node import Check, Emit, Node, all_checks, always_false, always_true, false_errors, no_errors
from minlint.schema.objects import object_keywords
from minlint.schema.refs import RefResolver, check_dialect
from minlint.schema.scalars import (
    const_check,
    const_emitter,
    enum_check,
    enum_emitter,
    number_keywords,
    string_keywords,
    type_check,
)


class SchemaCompiler:
    """Compiles one root schema; use :meth:`compile` once per instance."""

    def __init__(self, root: Mapping[str, Any] | bool) -> None:
        self.root = root
        self.nodes: dict[str, Node] = {}
        self.in_progress: list[str] = []
        self.pending: list[tuple[str, object]] = []
        self.refs = RefResolver(root)
        self.describer = Describer(self.refs)
        self.fallback = JsonschemaFallback(root, self.describer)

    # -- driver ------------------------------------------------------------------------------------

    def compile(self) -> Node:
        """Compile the root schema and every subschema it reaches; return the root node."""
        root = self.node(self.root, "")
        while self.pending:
            pointer, schema = self.pending.pop(0)
            node = self.nodes[pointer]
            if not node.ready:
                self.fill(node, schema, pointer)
        return root

    def node(self, schema: object, pointer: str) -> Node:
        """Compile the subschema found at ``pointer`` (memoised by pointer)."""
        node = self.nodes.get(pointer)
        if node is None:
            node = self.nodes[pointer] = Node()
        if not node.ready:
            self.fill(node, schema, pointer)
        return node

    def sub(self, schema: Mapping[str, Any], pointer: str, *tokens: str | int) -> Node:
        """Compile the subschema at ``schema[tokens[0]][tokens[1]]…`` (``schema`` sits at ``pointer``)."""
        value: Any = schema
        for token in tokens:
            value = value[token]
            pointer = child_pointer(pointer, token)
        return self.node(value, pointer)

    # -- $ref ----------------------------------------------------------------------------------------

    def ref_target(self, ref: str, at: str) -> Node:
        """The node a ``$ref`` points to; possibly not filled in yet when the reference is recursive."""
        pointer, schema = self.refs.resolve(ref, at)
        node = self.nodes.get(pointer)
        if node is not None and node.ready:
            return node
        prefix = pointer + "/"
        busy = any(p == pointer or p.startswith(prefix) for p in self.in_progress)
        if not busy:  # compiling it now touches no half-built node: do it, so callers bind directly
            return self.node(schema, pointer)
        if node is None:
            node = self.nodes[pointer] = Node()
        if pointer not in self.in_progress:
            self.pending.append((pointer, schema))
        return node

    @staticmethod
    def ref_closures(target: Node) -> tuple[Check, Emit]:
        """Check and emitter for a ``$ref`` to ``target``, bound at call time while ``target`` is unfinished."""
        if target.ready:
            valid, errs = target.valid, target.errs

            def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
                if not valid(instance):
                    errs(instance, path, out)

            return valid, emit

        def late_valid(instance: object) -> bool:  # target still being compiled: bind at call time
            return target.valid(instance)

        def late_emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
            if not target.valid(instance):
                target.errs(instance, path, out)

        return late_valid, late_emit

    # -- one subschema ---------------------------------------------------------------------------

    def fill(self, node: Node, schema: object, pointer: str) -> None:
        """Compile ``schema`` (found at ``pointer``) into ``node`` and mark it ready."""
        self.in_progress.append(pointer)
        try:
            self._fill(node, schema, pointer)
        finally:
            self.in_progress.pop()
        node.ready = True

    def _fill(self, node: Node, schema: object, pointer: str) -> None:
        """Compile ``schema`` into ``node``: its check and its error emitters.

        Long on purpose: it is the table of keyword families in evaluation order, and keeping
        them in one place shows that order.
        """
        if schema is True:
            node.valid, node.errs = always_true, no_errors
            return
        if schema is False:
            node.valid, node.errs = always_false, false_errors
            return
        if not isinstance(schema, Mapping):
            raise SchemaCompileError(pointer, f"a schema must be a mapping or true/false, got {describe_value(schema)}")
        if "$schema" in schema:
            check_dialect(schema, pointer)
        unknown: list[str] = []
        for keyword in schema:
            if not isinstance(keyword, str):
                raise SchemaCompileError(pointer, f"schema keywords must be text, got {quote(keyword)}")
            if keyword in NATIVE_KEYWORDS or keyword in ANNOTATIONS or keyword.startswith("x-"):
                continue
            unknown.append(keyword)

        for defs in ("$defs", "definitions"):
            if defs in schema:
                table = read_mapping(schema, defs, pointer)
                for name in table:
                    self.sub(schema, pointer, defs, name)

        checks: list[Check] = []
        emitters: list[Emit] = []

        type_names: tuple[str, ...] | None = None
        type_test: Check | None = None
        if "type" in schema:
            type_names = read_type_names(schema["type"], child_pointer(pointer, "type"))
            type_test, node.pytype = type_check(type_names)
        single = type_names[0] if type_names is not None and len(type_names) == 1 else None

        value_checks: list[Check] = []  # enum/const: they imply the type when their values fit it
        implied = True
        if "enum" in schema:
            values = schema["enum"]
            if not isinstance(values, list):
                raise SchemaCompileError(child_pointer(pointer, "enum"), "`enum` must be a list of allowed values")
            value_checks.append(enum_check(values))
            emitters.append(enum_emitter(values))
            implied = implied and (type_test is None or all(map(type_test, values)))
        if "const" in schema:
            constant = schema["const"]
            value_checks.append(const_check(constant))
            emitters.append(const_emitter(constant))
            implied = implied and (type_test is None or type_test(constant))

        group_checks: list[Check] = []
        fused_check: Check | None = None
        groups = (
            ("object", object_keywords(schema, pointer, single == "object", self.sub)),
            ("array", array_keywords(schema, pointer, single == "array", self.sub, self.describer.describe)),
            ("string", string_keywords(schema, pointer, single == "string")),
        )
        for group_type, group in groups:
            if group is not None:
                if single == group_type:
                    fused_check = group[0]  # checks the type itself
                else:
                    group_checks.append(group[0])
                emitters.extend(group[1])
        number = number_keywords(schema, pointer)
        if number is not None:
            group_checks.append(number[0])
            emitters.extend(number[1])

        if fused_check is not None:
            checks.append(fused_check)
        elif type_test is not None and not (value_checks and implied):
            checks.append(type_test)
        checks.extend(value_checks)
        checks.extend(group_checks)
        if node.pytype is not None and len(schema.keys() - ANNOTATIONS) != 1:
            node.pytype = None

        if "$ref" in schema:
            ref = schema["$ref"]
            if not isinstance(ref, str):
                raise SchemaCompileError(child_pointer(pointer, "$ref"), "`$ref` must be text")
            check, emit = self.ref_closures(self.ref_target(ref, pointer))
            checks.append(check)
            emitters.append(emit)

        for result in (
            all_of(schema, pointer, self.sub),
            any_of(schema, pointer, self.sub, self.describer),
            one_of(schema, pointer, self.sub, self.describer),
            not_(schema, pointer, self.sub, self.describer),
            if_then_else(schema, pointer, self.sub),
        ):
            if result is not None:
                checks.append(result[0])
                emitters.append(result[1])

        if unknown:
            fallback = self.fallback.closures(schema, unknown, pointer)
            if fallback is not None:
                checks.append(fallback[0])
                emitters.append(fallback[1])

        node.valid = all_checks(checks)
        message = schema.get("errorMessage")
        if isinstance(message, str) and message:
            text = message

            def custom(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
                out.append(SchemaError(path, text, "errorMessage"))

            node.errs = custom
        else:
            node.errs = self.node_emitter(type_names, type_test, emitters)

    @staticmethod
    def node_emitter(type_names: tuple[str, ...] | None, type_test: Check | None, emitters: list[Emit]) -> Emit:
        """One emitter running ``emitters`` in order, or only the type error when the type is wrong."""
        parts = tuple(emitters)
        if type_test is None or type_names is None:

            def errs(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
                for emit in parts:
                    emit(instance, path, out)

            return errs
        names = type_names
        check = type_test

        def typed_errs(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
            if not check(instance):  # a wrong type makes the other keywords' complaints noise
                out.append(type_error(names, instance, path))
                return
            for emit in parts:
                emit(instance, path, out)

        return typed_errs
