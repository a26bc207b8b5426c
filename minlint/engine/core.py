"""Checks of the ``core`` pack (``rules/core.yaml``): declared purpose, basis and retention, and the registry.

A check looks at one target and yields :class:`Hit` objects (a message, optionally a place).
It never decides rule id, severity or file: the engine stamps those. Checks are listed by name
in :mod:`minlint.engine.builtin`; a rule pack selects one with ``check:`` and passes it ``options``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from minlint.engine.rule import CheckContext, Hit
from minlint.engine.wording import did_you_mean
from minlint.model.basis import basis_for
from minlint.model.retention import RetentionError, parse_retention
from minlint.model.spec import Target
from minlint.vocabulary import LAWFUL_BASES, LAWFUL_BASIS_SET


def _kind_word(target: Target) -> str:
    return "campaign" if target.kind == "campaign" else "field"


def basis_coverage(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Every purpose of the target has a lawful basis (a single basis, or one per purpose in a mapping)."""
    attrs = target.attrs
    if "basis" not in attrs:
        yield Hit(f"{_kind_word(target)} `{target.ref}` declares no lawful basis")
        return
    if isinstance(attrs["basis"], dict):
        for purpose in attrs.get("purposes", ()):
            if basis_for(attrs, purpose) is None:
                yield Hit(f"`{target.ref}` has no lawful basis for its purpose `{purpose}`")


def known_purposes(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Every purpose the target serves is declared in the project's purposes registry (if it has one)."""
    registry = context.registry
    if not registry:
        return
    for purpose in target.attrs.get("purposes", ()):
        if registry.lookup(purpose) is None:
            yield Hit(
                f"purpose `{purpose}` is not declared in the purposes registry{did_you_mean(purpose, registry.ids())}"
            )


def valid_basis(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """The declared basis is one of the six GDPR Art. 6(1) bases, and a basis mapping names the target's purposes."""
    basis = target.attrs.get("basis")
    values = [basis] if isinstance(basis, str) else list(basis.values()) if isinstance(basis, dict) else []
    for value in values:
        if value not in LAWFUL_BASIS_SET:
            yield Hit(
                f"`{value}` is not a lawful basis{did_you_mean(value, LAWFUL_BASES)}; "
                f"use one of: {', '.join(LAWFUL_BASES)}"
            )
    if isinstance(basis, dict):
        purposes = target.attrs.get("purposes", [])
        for key in basis:
            covered = any(p == key or p.startswith(key + ".") for p in purposes)
            if purposes and not covered:
                yield Hit(f"basis is given for `{key}`, which is not a purpose of `{target.ref}`")


def _retention_prefix(target: Target) -> str:
    return "max_retention" if target.kind == "purpose" else "retention"


def valid_retention(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """The declared retention (``max_retention`` for a purpose) is a positive, readable duration."""
    error = target.attrs.get(f"{_retention_prefix(target)}_error")
    if error is not None:
        yield Hit(str(error))


def indefinite_retention(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """The declared retention is not "forever" in any of its spellings."""
    prefix = _retention_prefix(target)
    if target.attrs.get(f"{prefix}_indefinite"):
        yield Hit(f"retention `{target.attrs[prefix]}` means the data is never deleted")


def in_scope(purpose: str, scope: object) -> bool:
    """Whether ``purpose`` is one of, or under one of, the purpose ids in ``scope`` (all when ``None``)."""
    if scope is None:
        return True
    prefixes = [scope] if isinstance(scope, str) else list(scope) if isinstance(scope, list) else []
    return any(purpose == prefix or purpose.startswith(prefix + ".") for prefix in prefixes)


def retention_limit(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """The retention is within the limit of the purposes served.

    Without options the limits are the registry's ``max_retention`` and the retention must be within
    the longest limit among the purposes served (a purpose with no limit imposes none). With ``limit``
    (a duration), that limit applies to targets serving a purpose under ``purposes`` (ids or
    prefixes; every purpose when absent).
    """
    days = target.attrs.get("retention_days")
    purposes: list[str] = target.attrs.get("purposes", [])
    if days is None or not purposes:
        return
    kept = target.attrs.get("retention_text", target.attrs.get("retention"))
    if "limit" in options:
        matching = [purpose for purpose in purposes if in_scope(purpose, options.get("purposes"))]
        try:
            limit = parse_retention(options["limit"])
        except RetentionError:
            return
        if matching and limit.days is not None and days > limit.days + 1e-9:
            yield Hit(
                f"`{target.ref}` is kept for {kept}, but `{matching[0]}` data may be kept at most {limit.human()}"
            )
        return
    limits: list[tuple[float, str, str]] = []
    for purpose in purposes:
        definition = context.registry.lookup(purpose) if context.registry else None
        if definition is None or definition.max_retention is None or definition.max_retention.days is None:
            return
        limits.append((definition.max_retention.days, definition.max_retention.human(), purpose))
    longest = max(limits)
    if days > longest[0] + 1e-9:
        if len(limits) == 1:
            reason = f"`{longest[2]}` allows at most {longest[1]}"
        else:
            reason = f"the longest any of its purposes allows is {longest[1]} (`{longest[2]}`)"
        yield Hit(f"`{target.ref}` is kept for {kept}, but {reason}")


def basis_allowed(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """For each purpose, the basis used is among the bases the registry allows for it."""
    registry = context.registry
    if not registry:
        return
    for purpose in target.attrs.get("purposes", ()):
        definition = registry.lookup(purpose)
        basis = basis_for(target.attrs, purpose)
        if definition is None or definition.bases is None or basis is None or basis not in LAWFUL_BASIS_SET:
            continue
        if basis not in definition.bases:
            allowed = ", ".join(f"`{item}`" for item in definition.bases) or "none"
            yield Hit(f"`{target.ref}`: basis `{basis}` is not allowed for purpose `{purpose}` (allowed: {allowed})")
