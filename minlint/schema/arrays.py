"""The array keywords: ``items``, ``prefixItems``, ``contains`` (with min/max), sizes and ``uniqueItems``.

:func:`array_keywords` reads them from a schema into an :class:`ArraySpec`; :func:`array_check`
builds the fast check and :func:`array_emitter` the matching error emitter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import islice, repeat
from typing import Any, Final, NamedTuple

from minlint.schema.errors import InstancePath, SchemaCompileError, SchemaError
from minlint.schema.keywords import ARRAY_KEYWORDS, child_pointer, read_count, read_schema_list
from minlint.schema.messages import counted, quote
from minlint.schema.node import Check, Emit, Node, Subschemas
from minlint.schema.values import all_unique, first_duplicate

NO_VALUE: Final = object()
"""Stands for "no ``const``" in :attr:`ArraySpec.contains_const` (``None`` is a valid const)."""


class ArraySpec(NamedTuple):
    """Parsed array keywords of one subschema."""

    prefix: tuple[Node, ...]
    items: Node | None
    items_false: bool
    contains: Node | None
    min_contains: int
    max_contains: int | None
    min_items: int
    max_items: int | None
    unique: bool
    contains_text: str
    contains_const: object


def array_keywords(
    schema: Mapping[str, Any],
    pointer: str,
    must: bool,
    sub: Subschemas,
    describe: Callable[[object], str | None],
) -> tuple[Check, list[Emit]] | None:
    """Check and emitters for the array keywords of ``schema``; None when it has none.

    With ``must`` the check also insists on a list (the schema's only type is ``array``);
    ``describe`` names what a ``contains`` subschema accepts, for messages.


    One function for all of them (its length is the list of keywords): ``prefixItems``, ``items``
    and ``contains`` depend on each other.
    """
    if not any(keyword in schema for keyword in ARRAY_KEYWORDS):
        return None
    prefix: tuple[Node, ...] = ()
    if "prefixItems" in schema:
        listed = read_schema_list(schema, "prefixItems", pointer)
        prefix = tuple(sub(schema, pointer, "prefixItems", index) for index in range(len(listed)))
    items_node: Node | None = None
    items_false = False
    if "items" in schema:
        if isinstance(schema["items"], list):
            raise SchemaCompileError(
                child_pointer(pointer, "items"),
                "`items` must be a single schema; use `prefixItems` for a list of schemas",
            )
        if schema["items"] is False:
            items_false = True
        elif schema["items"] is not True:
            items_node = sub(schema, pointer, "items")
    contains_node = sub(schema, pointer, "contains") if "contains" in schema else None
    min_contains = read_count(schema, "minContains", pointer)
    max_contains = read_count(schema, "maxContains", pointer)
    if min_contains is None:
        min_contains = 1
    min_items = read_count(schema, "minItems", pointer) or 0
    max_items = read_count(schema, "maxItems", pointer)
    unique = schema.get("uniqueItems", False)
    if not isinstance(unique, bool):
        raise SchemaCompileError(child_pointer(pointer, "uniqueItems"), "`uniqueItems` must be true or false")
    contains_text = ""
    if contains_node is not None:
        contains_text = describe(schema["contains"]) or "the expected form"
    contains_const = (
        schema["contains"]["const"]
        if contains_node is not None and isinstance(schema["contains"], Mapping) and "const" in schema["contains"]
        else NO_VALUE
    )
    spec = ArraySpec(
        prefix=prefix,
        items=items_node,
        items_false=items_false,
        contains=contains_node,
        min_contains=min_contains,
        max_contains=max_contains,
        min_items=min_items,
        max_items=max_items,
        unique=unique,
        contains_text=contains_text,
        contains_const=contains_const,
    )
    return array_check(spec, must), [array_emitter(spec)]


def count_matches(valid: Check, items: list[Any], enough: int, cap: int | None) -> int:
    """Count items passing ``valid``, stopping once the answer (>= enough, > cap) is settled."""
    matches = 0
    for item in items:
        if valid(item):
            matches += 1
            if cap is None:
                if matches >= enough:
                    return matches
            elif matches > cap:
                return matches
    return matches


def array_check(spec: ArraySpec, must: bool) -> Check:
    """The fast check for the array keywords; non-lists pass unless ``must``."""
    prefix = tuple(node.valid for node in spec.prefix)
    skip = len(prefix)
    items = None if spec.items is None else spec.items.valid
    item_class = None if spec.items is None else spec.items.pytype
    items_false = spec.items_false
    contains = None if spec.contains is None else spec.contains.valid
    min_contains, max_contains = spec.min_contains, spec.max_contains
    min_items = spec.min_items
    max_items = spec.max_items if spec.max_items is not None else -1
    unique = spec.unique

    def check(instance: object) -> bool:
        if not isinstance(instance, list):
            return not must
        size = len(instance)
        if size < min_items or (max_items >= 0 and size > max_items):
            return False
        if skip:
            for valid, item in zip(prefix, instance, strict=False):
                if not valid(item):
                    return False
            if items_false and size > skip:
                return False
        elif items_false and size:
            return False
        if items is not None:
            rest = islice(instance, skip, None) if skip else instance
            if item_class is not None:
                if not all(map(isinstance, rest, repeat(item_class))):
                    return False
            elif not all(map(items, rest)):
                return False
        if unique and not all_unique(instance):
            return False
        if contains is not None:
            matches = count_matches(contains, instance, min_contains, max_contains)
            if matches < min_contains or (max_contains is not None and matches > max_contains):
                return False
        return True

    return check


def array_emitter(spec: ArraySpec) -> Emit:
    """The error emitter for the array keywords: the list's own errors first, then each item's."""
    skip = len(spec.prefix)

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        if not isinstance(instance, list):
            return
        size = len(instance)
        if size < spec.min_items:
            message = f"must have at least {counted(spec.min_items, 'item')}" + (f" (got {size})" if size else "")
            out.append(SchemaError(path, message, "minItems"))
        if spec.max_items is not None and size > spec.max_items:
            message = f"must have at most {counted(spec.max_items, 'item')} (got {size})"
            out.append(SchemaError(path, message, "maxItems"))
        if spec.unique:
            duplicate = first_duplicate(instance)
            if duplicate is not None:
                message = f"must not contain duplicates ({quote(instance[duplicate[1]])} appears more than once)"
                out.append(SchemaError(path, message, "uniqueItems"))
        if spec.contains is not None:
            matches = count_matches(spec.contains.valid, instance, spec.min_contains, spec.max_contains)
            if matches < spec.min_contains:
                if spec.contains_const is not NO_VALUE and spec.min_contains == 1:
                    message = f"must include {quote(spec.contains_const)}"
                else:
                    noun = counted(spec.min_contains, "item")
                    message = f"must include at least {noun} matching {spec.contains_text}"
                out.append(SchemaError(path, message, "minContains" if spec.min_contains != 1 else "contains"))
            if spec.max_contains is not None and matches > spec.max_contains:
                noun = counted(spec.max_contains, "item")
                message = f"must include at most {noun} matching {spec.contains_text}"
                out.append(SchemaError(path, message, "maxContains"))
        for index, item in enumerate(instance):
            item_path = (*path, index)
            if index < skip:
                node: Node | None = spec.prefix[index]
            elif spec.items_false:
                message = (
                    f"unexpected extra item; at most {counted(skip, 'item')} allowed"
                    if skip
                    else "unexpected item; this list must be empty"
                )
                out.append(SchemaError(item_path, message, "items"))
                continue
            else:
                node = spec.items
            if node is not None and not node.valid(item):
                node.errs(item, item_path, out)

    return emit
