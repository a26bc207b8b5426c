"""The compiled form of one subschema: a :class:`Node` holding a fast check and an error emitter.

Every keyword compiles to a *check* (``instance -> bool``, never builds errors) and an *emitter*
(``(instance, path, out)``, appends :class:`~minlint.schema.errors.SchemaError` objects to ``out``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeAlias

from minlint.schema.errors import InstancePath, SchemaError

Check: TypeAlias = Callable[[object], bool]
Emit: TypeAlias = Callable[[object, InstancePath, list[SchemaError]], None]
PyType: TypeAlias = type | tuple[type, ...]


def always_true(instance: object) -> bool:
    """The check of the ``true`` schema: anything is valid."""
    return True


def always_false(instance: object) -> bool:
    """The check of the ``false`` schema: nothing is valid."""
    return False


def no_errors(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
    """The emitter of a schema that reports nothing."""
    return None


def false_errors(instance: object, path: InstancePath, out: list[SchemaError]) -> None:
    """The emitter of the ``false`` schema."""
    out.append(SchemaError(path, "no value is allowed here", "false"))


class Node:
    """A compiled subschema; ``$ref`` closures may hold a node before it is filled in.

    ``pytype`` is set when the subschema is exactly a ``type`` test expressible as Python classes,
    so list items can be checked with one ``isinstance`` call each.
    """

    __slots__ = ("errs", "pytype", "ready", "valid")

    def __init__(self) -> None:
        self.valid: Check = always_false
        self.errs: Emit = no_errors
        self.pytype: PyType | None = None
        self.ready = False


class Subschemas(Protocol):
    """Compiles the subschema at ``schema[tokens[0]][tokens[1]]…``, found at ``pointer`` + tokens."""

    def __call__(self, schema: Mapping[str, Any], pointer: str, *tokens: str | int) -> Node:
        """Return the (memoised) node of that subschema."""
        ...


def all_checks(checks: Sequence[Check]) -> Check:
    """One check passing when every one of ``checks`` passes (in order, stopping at the first failure)."""
    if not checks:
        return always_true
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks

        def both(instance: object) -> bool:
            return first(instance) and second(instance)

        return both
    frozen = tuple(checks)

    def every(instance: object) -> bool:
        for check in frozen:  # noqa: SIM110 - a plain loop beats a generator here
            if not check(instance):
                return False
        return True

    return every
