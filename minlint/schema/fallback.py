"""Delegating keywords outside the native subset to ``jsonschema``, and converting its errors.

``jsonschema`` is imported lazily, only when a schema uses such a keyword (for example
``unevaluatedProperties``): importing this module uses the standard library only.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Final

from minlint.schema.describe import Describer
from minlint.schema.errors import InstancePath, SchemaCompileError, SchemaError
from minlint.schema.keywords import child_pointer
from minlint.schema.messages import const_error, enum_error, missing_error, quote, type_error, unknown_key_error
from minlint.schema.node import Check, Emit
from minlint.schema.values import key_text

DYNAMIC_REF_REFUSED: Final = (
    "`$dynamicRef` is only supported in a schema without embedded resources (subschemas with `$id`)"
)


class JsonschemaFallback:
    """Builds closures running ``jsonschema``'s own implementation of keywords for one root schema."""

    def __init__(self, root: Mapping[str, Any] | bool, describer: Describer) -> None:
        self.root = root
        self.describer = describer
        self.js_root: Any = None

    def closures(self, schema: Mapping[str, Any], unknown: list[str], pointer: str) -> tuple[Check, Emit] | None:
        """Delegate keywords jsonschema implements but this compiler does not (others are ignored).

        ``schema`` sits at ``pointer``.  Raises :class:`SchemaCompileError` where the delegated
        keywords could not be evaluated as ``jsonschema`` evaluates them from the root.
        """
        validator_class: Any = importlib.import_module("jsonschema").Draft202012Validator  # lazy on purpose
        known = [keyword for keyword in unknown if keyword in validator_class.VALIDATORS]
        if not known:
            return None  # jsonschema ignores unknown keywords too
        self.refuse_unsupported(schema, known, pointer)
        if self.js_root is None:
            self.js_root = validator_class(self.root)
        validator = self.js_root.evolve(schema=schema)
        functions = tuple((keyword, validator_class.VALIDATORS[keyword], schema[keyword]) for keyword in known)
        candidates = self.describer.property_names(schema)

        def check(instance: object) -> bool:
            for _keyword, function, value in functions:
                for _error in function(validator, value, instance, schema) or ():
                    return False
            return True

        def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
            for keyword, function, value in functions:
                for error in function(validator, value, instance, schema) or ():
                    out.extend(
                        convert_js_error(
                            error=error,
                            keyword=keyword,
                            value=value,
                            instance=instance,
                            path=path,
                            schema=schema,
                            validator=validator,
                            candidates=candidates,
                        )
                    )

        return check, emit

    def refuse_unsupported(self, schema: Mapping[str, Any], known: list[str], pointer: str) -> None:
        """Refuse delegating ``known`` (keywords of the subschema at ``pointer``) where jsonschema would err.

        Each delegated subschema is evaluated by a validator sitting at the root: it resolves
        references against the root's base URI and knows no dynamic scope.  So delegation is refused
        inside an embedded schema resource (a subschema with its own ``$id``), and ``$dynamicRef`` is
        refused unless the document is one resource (where it resolves like ``$ref``).  References
        the delegated keywords reach must resolve here, or jsonschema would raise mid-validation.
        """
        refs = self.describer.refs
        if refs.base_of(pointer) != refs.root_base:
            raise SchemaCompileError(
                child_pointer(pointer, known[0]),
                f"`{known[0]}` is not supported inside a subschema with its own `$id` (an embedded schema resource)",
            )
        if "$dynamicRef" in known and not refs.single_resource:
            raise SchemaCompileError(child_pointer(pointer, "$dynamicRef"), DYNAMIC_REF_REFUSED)
        todo = [
            found
            for keyword in known
            for found in refs.refs_below(child_pointer(pointer, keyword))
            if keyword != "$dynamicRef"
        ]
        if "$dynamicRef" in known:
            todo.append((pointer, "$dynamicRef", schema["$dynamicRef"]))
        seen: set[str] = set()
        while todo:  # jsonschema follows references to anywhere: every one it may reach must resolve
            at, ref_keyword, ref = todo.pop()
            if not isinstance(ref, str):
                raise SchemaCompileError(child_pointer(at, ref_keyword), f"`{ref_keyword}` must be text")
            if ref_keyword == "$dynamicRef" and not refs.single_resource:
                raise SchemaCompileError(child_pointer(at, ref_keyword), DYNAMIC_REF_REFUSED)
            target, _ = refs.resolve(ref, at, ref_keyword)
            if target not in seen:
                seen.add(target)
                refs.base_of(target)  # indexes a target no keyword marks as a subschema
                todo.extend(refs.refs_below(target))


def convert_js_error(
    *,
    error: Any,
    keyword: str,
    value: object,
    instance: object,
    path: InstancePath,
    schema: Mapping[str, Any],
    validator: Any,
    candidates: list[str],
) -> list[SchemaError]:
    """Turn one ``jsonschema`` error from a delegated keyword into SchemaErrors."""
    relative = tuple(error.relative_path)
    where: InstancePath = (*path, *relative)
    nested = isinstance(error.validator, str) or error.validator is None
    failed = error.validator if isinstance(error.validator, str) else keyword
    if error.validator is None and nested:
        return [SchemaError(where, "no value is allowed here", "false")]
    subject = error.instance if nested else instance
    given = error.validator_value if nested else value
    where_schema = error.schema if nested and isinstance(error.schema, Mapping) else schema
    if failed == "unevaluatedProperties" and given is False and isinstance(subject, dict):
        try:
            helpers: Any = importlib.import_module("jsonschema._utils")
            evaluated = helpers.find_evaluated_property_keys_by_schema(validator, subject, where_schema)
        except Exception:  # a private helper: degrade to jsonschema's own message
            evaluated = None
        if evaluated is not None:
            found = []
            for key in subject:
                if key in evaluated:
                    continue
                text = key_text(key)
                if text in candidates:  # a known key, accepted only by a form that did not match
                    message = f"key {quote(text)} is not allowed here (no allowed form accepts it)"
                    found.append(SchemaError((*where, text), message, failed, text))
                else:
                    found.append(unknown_key_error(text, candidates, [], (*where, text), failed))
            if found:
                return found
    if failed == "type" and isinstance(given, (str, list)):
        return [type_error([given] if isinstance(given, str) else given, subject, where)]
    if failed == "required" and isinstance(given, list) and isinstance(subject, dict):
        missing = [missing_error(key, where) for key in given if key not in subject]
        if missing:
            return missing
    if failed == "enum" and isinstance(given, list):
        return [enum_error(given, subject, where)]
    if failed == "const":
        return [const_error(given, subject, where)]
    return [SchemaError(where, str(error.message), failed)]
