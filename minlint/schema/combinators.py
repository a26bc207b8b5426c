"""The combinators ``allOf``, ``anyOf``, ``oneOf``, ``not`` and ``if``/``then``/``else``.

When no ``anyOf``/``oneOf`` branch matches, the errors come from the one branch the value was
evidently meant for (by JSON type, then by ``const``/``enum`` discriminator properties) or else one
message listing the allowed forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from minlint.schema.describe import Describer
from minlint.schema.errors import InstancePath, SchemaError
from minlint.schema.keywords import read_schema_list
from minlint.schema.messages import describe_value
from minlint.schema.node import Check, Emit, Node, Subschemas, all_checks, always_true
from minlint.schema.values import Types, fits, json_equal


class Branch:
    """What the anyOf/oneOf error reporting needs to know about one alternative."""

    __slots__ = ("describe", "discriminators", "node", "types")

    def __init__(
        self,
        node: Node,
        types: Types,
        describe: str | None,
        discriminators: tuple[tuple[str, tuple[object, ...]], ...],
    ) -> None:
        self.node = node
        self.types = types
        self.describe = describe
        self.discriminators = discriminators

    def discriminated(self, instance: object) -> bool | None:
        """True/False when a ``const``/``enum`` property of this branch is present; None otherwise."""
        if not self.discriminators or not isinstance(instance, dict):
            return None
        applicable = False
        for key, allowed in self.discriminators:
            if key in instance:
                applicable = True
                value = instance[key]
                if not any(json_equal(value, option) for option in allowed):
                    return False
        return True if applicable else None


def no_branch_errors(
    branches: tuple[Branch, ...], keyword: str, instance: object, path: InstancePath, out: list[SchemaError]
) -> None:
    """Errors for an instance matching none of the anyOf/oneOf branches."""
    fitting = [branch for branch in branches if fits(branch.types, instance)]
    if len(fitting) > 1:
        chosen = [branch for branch in fitting if branch.discriminated(instance) is True]
        if len(chosen) == 1:
            fitting = chosen
    if len(fitting) == 1:
        fitting[0].node.errs(instance, path, out)
        return
    considered = fitting or list(branches)
    descriptions = list(dict.fromkeys(branch.describe or "another form" for branch in considered))
    if not fitting:
        message = f"expected one of: {', '.join(descriptions)}; got {describe_value(instance)}"
    else:
        message = f"{describe_value(instance)} does not match any of the allowed forms"
        if all(branch.describe for branch in fitting) and len(descriptions) == len(fitting):
            message += f": {', '.join(descriptions)}"
    out.append(SchemaError(path, message, keyword))


def all_of(schema: Mapping[str, Any], pointer: str, sub: Subschemas) -> tuple[Check, Emit] | None:
    """Check and emitter for ``allOf``; None when absent."""
    if "allOf" not in schema:
        return None
    listed = read_schema_list(schema, "allOf", pointer)
    nodes = tuple(sub(schema, pointer, "allOf", index) for index in range(len(listed)))
    parts = tuple((node.valid, node.errs) for node in nodes)

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        for valid, errs in parts:
            if not valid(instance):
                errs(instance, path, out)

    return all_checks([node.valid for node in nodes]), emit


def branches(
    schema: Mapping[str, Any], pointer: str, keyword: str, sub: Subschemas, describer: Describer
) -> tuple[Branch, ...]:
    """The compiled alternatives of an ``anyOf``/``oneOf``, with what error reporting needs about each."""
    listed = read_schema_list(schema, keyword, pointer)
    return tuple(
        Branch(
            sub(schema, pointer, keyword, index),
            describer.infer_types(raw),
            describer.describe(raw),
            describer.discriminators(raw),
        )
        for index, raw in enumerate(listed)
    )


def any_of(schema: Mapping[str, Any], pointer: str, sub: Subschemas, describer: Describer) -> tuple[Check, Emit] | None:
    """Check and emitter for ``anyOf``; None when absent."""
    if "anyOf" not in schema:
        return None
    alternatives = branches(schema, pointer, "anyOf", sub, describer)
    checks = tuple(branch.node.valid for branch in alternatives)

    def check(instance: object) -> bool:
        for valid in checks:  # noqa: SIM110 - a plain loop beats a generator here
            if valid(instance):
                return True
        return False

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        if not check(instance):
            no_branch_errors(alternatives, "anyOf", instance, path, out)

    return check, emit


def one_of(schema: Mapping[str, Any], pointer: str, sub: Subschemas, describer: Describer) -> tuple[Check, Emit] | None:
    """Check and emitter for ``oneOf``; None when absent."""
    if "oneOf" not in schema:
        return None
    alternatives = branches(schema, pointer, "oneOf", sub, describer)
    checks = tuple(branch.node.valid for branch in alternatives)

    def check(instance: object) -> bool:
        matched = False
        for valid in checks:
            if valid(instance):
                if matched:
                    return False
                matched = True
        return matched

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        matching = [branch for branch, valid in zip(alternatives, checks, strict=True) if valid(instance)]
        if not matching:
            no_branch_errors(alternatives, "oneOf", instance, path, out)
        elif len(matching) > 1:
            descriptions = [branch.describe for branch in matching]
            message = "matches more than one allowed form"
            if all(descriptions) and len(set(descriptions)) == len(descriptions):
                message += f" ({', '.join(d for d in descriptions if d)})"
            out.append(SchemaError(path, message, "oneOf"))

    return check, emit


def not_(schema: Mapping[str, Any], pointer: str, sub: Subschemas, describer: Describer) -> tuple[Check, Emit] | None:
    """Check and emitter for ``not``; None when absent."""
    if "not" not in schema:
        return None
    inner = sub(schema, pointer, "not").valid
    message = describer.not_message(schema["not"])

    def check(instance: object) -> bool:
        return not inner(instance)

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        if inner(instance):
            out.append(SchemaError(path, message, "not"))

    return check, emit


def if_then_else(schema: Mapping[str, Any], pointer: str, sub: Subschemas) -> tuple[Check, Emit] | None:
    """Check and emitter for ``if``/``then``/``else``; None without ``if``."""
    if "if" not in schema:
        return None
    condition = sub(schema, pointer, "if").valid
    then = sub(schema, pointer, "then") if "then" in schema else None
    otherwise = sub(schema, pointer, "else") if "else" in schema else None
    then_valid = always_true if then is None else then.valid
    else_valid = always_true if otherwise is None else otherwise.valid

    def check(instance: object) -> bool:
        if condition(instance):
            return then_valid(instance)
        return else_valid(instance)

    def emit(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
        branch = then if condition(instance) else otherwise
        if branch is not None and not branch.valid(instance):
            branch.errs(instance, path, out)

    return check, emit
