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
from minlint.model.per_purpose import covers
from minlint.model.retention import Retention, RetentionError, parse_retention
from minlint.model.retention_by_purpose import entry_position, has_retention_for, retention_for
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
            if purposes and not covers(key, purposes):
                yield Hit(f"basis is given for `{key}`, which is not a purpose of `{target.ref}`")


def _retention_prefix(target: Target) -> str:
    return "max_retention" if target.kind == "purpose" else "retention"


def retention_coverage(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """The target declares a retention, and a retention per purpose gives every purpose one."""
    attrs = target.attrs
    if "retention" not in attrs:
        yield Hit(f"{_kind_word(target)} `{target.ref}` declares no retention limit")
        return
    for purpose in attrs.get("purposes", ()):
        if not has_retention_for(attrs, purpose):
            yield Hit(f"`{target.ref}` has no retention for its purpose `{purpose}`")


def _at(target: Target, key: str, message: str) -> Hit:
    """A hit about one entry of a retention per purpose, at that entry when it is written in this file."""
    place = entry_position(target, key)
    return Hit(message) if place is None else Hit(message, place[0], place[1])


def valid_retention(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """The declared retention (``max_retention`` for a purpose) is a positive, readable duration.

    For a retention per purpose, each entry is, and each key is one of the target's purposes.
    """
    attrs = target.attrs
    errors = attrs.get("retention_errors") if target.kind != "purpose" else None
    if isinstance(errors, dict):
        for key, message in errors.items():
            yield _at(target, key, f"retention for `{key}`: {message}")
    else:
        error = attrs.get(f"{_retention_prefix(target)}_error")
        if error is not None:
            yield Hit(str(error))
    by_purpose = attrs.get("retention_by_purpose") if target.kind != "purpose" else None
    purposes: list[str] = attrs.get("purposes", [])
    if isinstance(by_purpose, dict) and purposes:
        for key in (*by_purpose, *(errors or {})):
            if not covers(key, purposes):
                yield _at(target, key, f"retention is given for `{key}`, which is not a purpose of `{target.ref}`")


def indefinite_retention(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """The declared retention is not "forever" in any of its spellings (for any purpose)."""
    attrs = target.attrs
    by_purpose = attrs.get("retention_by_purpose") if target.kind != "purpose" else None
    if isinstance(by_purpose, dict):
        for key, retention in by_purpose.items():
            if retention.indefinite:
                yield _at(target, key, f"retention `{retention.text}` for `{key}` means the data is never deleted")
        return
    prefix = _retention_prefix(target)
    if attrs.get(f"{prefix}_indefinite"):
        yield Hit(f"retention `{attrs[prefix]}` means the data is never deleted")


def in_scope(purpose: str, scope: object) -> bool:
    """Whether ``purpose`` is one of, or under one of, the purpose ids in ``scope`` (all when ``None``)."""
    if scope is None:
        return True
    prefixes = [scope] if isinstance(scope, str) else list(scope) if isinstance(scope, list) else []
    return any(covers(prefix, [purpose]) for prefix in prefixes)


def _limits(target: Target, options: Mapping[str, Any], context: CheckContext) -> dict[str, Retention]:
    """The retention limit of each purpose the target serves that has one.

    Without options the limits are the registry's ``max_retention``; with ``limit`` (a duration),
    that limit applies to every purpose under ``purposes`` (ids or prefixes; all when absent).
    """
    purposes: list[str] = target.attrs.get("purposes", [])
    if "limit" in options:
        try:
            limit = parse_retention(options["limit"])
        except RetentionError:
            return {}
        scope = options.get("purposes")
        return {purpose: limit for purpose in purposes if limit.days is not None and in_scope(purpose, scope)}
    limits: dict[str, Retention] = {}
    for purpose in purposes:
        definition = context.registry.lookup(purpose) if context.registry else None
        if definition is not None and definition.max_retention is not None and definition.max_retention.days:
            limits[purpose] = definition.max_retention
    return limits


def retention_limit(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Each purpose's retention is within that purpose's limit (storage limitation applies per purpose).

    A retention per purpose is checked entry by entry. One retention for several purposes must meet
    the *shortest* limit among them: the finding names the purpose that forces it and suggests a
    retention per purpose. A purpose with no limit imposes none. With ``limit`` in the options, see
    :func:`_limits`.
    """
    attrs = target.attrs
    if "retention" not in attrs or not attrs.get("purposes"):
        return  # nothing kept, or kept for nothing: ML003 and ML001 say so
    limits = _limits(target, options, context)
    if not limits:
        return
    policy = "limit" in options
    if isinstance(attrs.get("retention_by_purpose"), dict):
        for purpose, limit in limits.items():
            kept = retention_for(attrs, purpose)
            if kept is not None and kept.days is not None and kept.days > _days(limit) + 1e-9:
                yield Hit(
                    f"`{target.ref}` is kept for {kept.human()} for `{purpose}`, "
                    + (
                        f"but such data may be kept at most {limit.human()}"
                        if policy
                        else f"which allows at most {limit.human()}"
                    )
                )
        return
    days = attrs.get("retention_days")
    if days is None:
        return
    exceeded = sorted((_days(limit), purpose) for purpose, limit in limits.items() if days > _days(limit) + 1e-9)
    if not exceeded:
        return
    purpose = exceeded[0][1]
    limit = limits[purpose]
    kept_text = attrs.get("retention_text", attrs.get("retention"))
    said = "data may be kept at most" if policy else "allows at most"
    message = f"`{target.ref}` is kept for {kept_text}, but `{purpose}` {said} {limit.human()}"
    purposes: list[str] = attrs.get("purposes", [])
    if len(purposes) > 1:
        example = _split_example(attrs, purposes, limits)
        message += (
            "; one retention for several purposes must meet the shortest of their limits: "
            "give each purpose its own" + (f" ({example})" if example else "")
        )
    yield Hit(message)


def _days(retention: Retention) -> float:
    return retention.days if retention.days is not None else float("inf")


def _split_example(attrs: Mapping[str, Any], purposes: list[str], limits: Mapping[str, Retention]) -> str:
    """``retention: {analytics.reporting: P25M, essential.legal_obligation: P10Y}``: the declaration that would pass.

    Empty when the retention is not written as a plain duration (``{duration, after}``).
    """
    kept = attrs.get("retention")
    if not isinstance(kept, str):
        return ""
    days = attrs.get("retention_days", 0.0)
    entries = []
    for purpose in purposes:
        limit = limits.get(purpose)
        within = limit is None or days <= _days(limit) + 1e-9
        entries.append(f"{purpose}: {kept if within or limit is None else limit.text}")
    return "`retention: {" + ", ".join(entries) + "}`"


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
