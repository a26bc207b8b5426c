"""The object keywords: ``properties``, ``patternProperties``, ``additionalProperties``, ``required`` and the rest.

:func:`object_keywords` reads them from a schema; :func:`object_check` builds the fast check (with
a hot path for closed mappings) and :func:`object_emitter` the matching error emitter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from minlint.schema.errors import InstancePath, SchemaError
from minlint.schema.keywords import (
    OBJECT_KEYWORDS,
    child_pointer,
    read_count,
    read_mapping,
    read_regex,
    read_string_list,
)
from minlint.schema.messages import counted, missing_error, quote, unknown_key_error
from minlint.schema.node import Check, Emit, Node, Subschemas
from minlint.schema.values import key_text


def object_keywords(
    schema: Mapping[str, Any], pointer: str, must: bool, sub: Subschemas
) -> tuple[Check, list[Emit]] | None:
    """Check and emitters for the object keywords of ``schema``; None when it has none.

    One function for all of them (its length is the list of keywords): they share the property
    checks, and the fast check needs all of them at once.

    With ``must`` the check also insists on a mapping (the schema's only type is ``object``).
    """
    if not any(keyword in schema for keyword in OBJECT_KEYWORDS):
        return None
    prop_nodes: dict[str, Node] = {}
    if "properties" in schema:
        for name in read_mapping(schema, "properties", pointer):
            prop_nodes[name] = sub(schema, pointer, "properties", name)
    pattern_nodes: list[tuple[re.Pattern[str], str, Node]] = []
    if "patternProperties" in schema:
        for source in read_mapping(schema, "patternProperties", pointer):
            where = child_pointer(child_pointer(pointer, "patternProperties"), source)
            pattern_nodes.append(
                (
                    read_regex(source, where),
                    source,
                    sub(schema, pointer, "patternProperties", source),
                )
            )
    extra = schema.get("additionalProperties", True)
    closed = extra is False
    extra_node = None if extra is True or closed else sub(schema, pointer, "additionalProperties")
    names_node = sub(schema, pointer, "propertyNames") if "propertyNames" in schema else None
    required = (
        read_string_list(schema["required"], child_pointer(pointer, "required"), "required")
        if "required" in schema
        else ()
    )
    dependent: list[tuple[str, tuple[str, ...]]] = []
    if "dependentRequired" in schema:
        table = read_mapping(schema, "dependentRequired", pointer)
        for trigger, needed in table.items():
            where = child_pointer(child_pointer(pointer, "dependentRequired"), trigger)
            dependent.append((trigger, read_string_list(needed, where, "dependentRequired")))
    min_keys = read_count(schema, "minProperties", pointer) or 0
    max_keys = read_count(schema, "maxProperties", pointer)

    check = object_check(
        properties={name: node.valid for name, node in prop_nodes.items()},
        patterns=tuple((regex, node.valid) for regex, _source, node in pattern_nodes),
        extra=None if extra_node is None else extra_node.valid,
        closed=closed,
        names=None if names_node is None else names_node.valid,
        required=required,
        dependent=tuple(dependent),
        min_keys=min_keys,
        max_keys=max_keys,
        must=must,
    )
    emit = object_emitter(
        properties=prop_nodes,
        patterns=tuple(pattern_nodes),
        extra=extra_node,
        closed=closed,
        names=names_node,
        required=required,
        dependent=tuple(dependent),
        min_keys=min_keys,
        max_keys=max_keys,
    )
    return check, [emit]


def object_check(
    *,
    properties: dict[str, Check],
    patterns: tuple[tuple[re.Pattern[str], Check], ...],
    extra: Check | None,
    closed: bool,
    names: Check | None,
    required: tuple[str, ...],
    dependent: tuple[tuple[str, tuple[str, ...]], ...],
    min_keys: int,
    max_keys: int | None,
    must: bool,
) -> Check:
    """The fast check for the object keywords; non-mappings pass unless ``must``.

    Long on purpose: it chooses among closures specialised for the common shapes (only ``required``,
    closed mappings of known properties …), each the hot path of validating every field of a run.
    """
    get = properties.get
    needed = frozenset(required)
    sized = min_keys > 0 or max_keys is not None
    limit = max_keys if max_keys is not None else -1
    simple = not patterns and names is None

    if simple and not properties and extra is None and not closed and not dependent and not sized:
        # Only `required` (a rule's `require: {required: [purposes]}`): no need to visit the values.

        def required_only(instance: object) -> bool:
            if not isinstance(instance, dict):
                return not must
            return instance.keys() >= needed

        return required_only

    if simple and closed and not dependent and not sized:
        # The hot path for closed spec mappings: one dict lookup per key.
        if needed:

            def closed_required(instance: object) -> bool:
                if not isinstance(instance, dict):
                    return not must
                if not instance.keys() >= needed:
                    return False
                for key, value in instance.items():
                    check = get(key)
                    if check is None or not check(value):
                        return False
                return True

            return closed_required

        def closed_only(instance: object) -> bool:
            if not isinstance(instance, dict):
                return not must
            for key, value in instance.items():
                check = get(key)
                if check is None or not check(value):
                    return False
            return True

        return closed_only

    def general(instance: object) -> bool:
        if not isinstance(instance, dict):
            return not must
        if needed and not instance.keys() >= needed:
            return False
        if sized:
            size = len(instance)
            if size < min_keys or (limit >= 0 and size > limit):
                return False
        for trigger, wanted in dependent:
            if trigger in instance:
                for key in wanted:
                    if key not in instance:
                        return False
        if simple:
            if closed:
                for key, value in instance.items():
                    check = get(key)
                    if check is None or not check(value):
                        return False
            elif extra is None:
                for key, value in instance.items():
                    check = get(key)
                    if check is not None and not check(value):
                        return False
            else:
                for key, value in instance.items():
                    check = get(key, extra)
                    if not check(value):
                        return False
            return True
        for key, value in instance.items():
            if names is not None and not names(key):
                return False
            check = get(key)
            if check is not None and not check(value):
                return False
            matched = False
            if patterns:
                text = key if isinstance(key, str) else str(key)
                for regex, pattern_check in patterns:
                    if regex.search(text) is not None:
                        matched = True
                        if not pattern_check(value):
                            return False
            if check is None and not matched:
                if closed:
                    return False
                if extra is not None and not extra(value):
                    return False
        return True

    return general


def object_emitter(
    *,
    properties: dict[str, Node],
    patterns: tuple[tuple[re.Pattern[str], str, Node], ...],
    extra: Node | None,
    closed: bool,
    names: Node | None,
    required: tuple[str, ...],
    dependent: tuple[tuple[str, tuple[str, ...]], ...],
    min_keys: int,
    max_keys: int | None,
) -> Emit:
    """The error emitter for the object keywords: the mapping's own errors first, then each key's."""
    allowed = list(properties)
    sources = [source for _regex, source, _node in patterns]

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        if not isinstance(instance, dict):
            return
        for key in required:
            if key not in instance:
                out.append(missing_error(key, path))
        for trigger, wanted in dependent:
            if trigger in instance:
                for key in wanted:
                    if key not in instance:
                        message = f"key {quote(key)} is required when {quote(trigger)} is present"
                        out.append(SchemaError(path, message, "dependentRequired", key))
        size = len(instance)
        if size < min_keys:
            out.append(SchemaError(path, f"must have at least {counted(min_keys, 'key')}", "minProperties"))
        if max_keys is not None and size > max_keys:
            message = f"must have at most {counted(max_keys, 'key')} (got {size})"
            out.append(SchemaError(path, message, "maxProperties"))
        for key, value in instance.items():
            text = key_text(key)
            key_path = (*path, text)
            if names is not None and not names.valid(key):
                found: list[SchemaError] = []
                names.errs(key, key_path, found)
                for error in found:
                    message = f"the key name is not allowed: {error.message}"
                    out.append(SchemaError(key_path, message, error.keyword, text))
            node = properties.get(key)
            if node is not None and not node.valid(value):
                node.errs(value, key_path, out)
            matched = False
            for regex, _source, pattern_node in patterns:
                if regex.search(text) is not None:
                    matched = True
                    if not pattern_node.valid(value):
                        pattern_node.errs(value, key_path, out)
            if node is None and not matched:
                if closed:
                    out.append(unknown_key_error(text, allowed, sources, key_path, "additionalProperties"))
                elif extra is not None and not extra.valid(value):
                    extra.errs(value, key_path, out)

    return emit
