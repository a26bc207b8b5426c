"""Retention given per purpose: ``retention: {analytics.reporting: P25M, essential.legal_obligation: P10Y}``.

Storage limitation (GDPR Art. 5(1)(e)) applies purpose by purpose: an order id may be kept ten
years for the tax records and only 25 months for analytics. ``retention`` is therefore either one
retention for every purpose the data serves, or a mapping from purpose to retention, read like a
``basis`` mapping (a key covers its sub-purposes). ``{duration: P30D, after: account_closure}`` is
one retention, not a mapping: a mapping with a ``duration`` or ``after`` key is read as one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from minlint.loader.nodes import YMap
from minlint.model.per_purpose import covering_key
from minlint.model.retention import Retention, RetentionError, parse_retention
from minlint.model.spec import Target

SINGLE_KEYS = frozenset({"duration", "after"})


def is_per_purpose(value: object) -> bool:
    """Whether a declared retention maps purposes to retentions (rather than being one retention)."""
    return isinstance(value, Mapping) and not any(key in SINGLE_KEYS for key in value)


def per_purpose_attrs(value: Mapping[Any, Any]) -> dict[str, Any] | None:
    """The attributes of a retention per purpose, or None when it gives no purpose a retention.

    ``retention_by_purpose`` holds each readable entry, ``retention_errors`` why the others cannot be
    read. The summary attributes describe the data as a whole: ``retention_days`` is the longest
    retention (the data exists until the last purpose lets go of it), ``retention_indefinite`` is
    true when any purpose keeps it forever.
    """
    parsed: dict[str, Retention] = {}
    errors: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or item is None:
            continue  # a null entry declares nothing for that purpose
        try:
            parsed[key] = parse_retention(item)
        except RetentionError as error:
            errors[key] = str(error)
    if not parsed and not errors:
        return None
    attrs: dict[str, Any] = {"retention": value, "retention_by_purpose": parsed}
    texts = [f"{key}: {parsed[key].human()}" if key in parsed else f"{key}: unreadable" for key in (*parsed, *errors)]
    attrs["retention_text"] = "; ".join(texts)
    attrs["retention_indefinite"] = any(item.indefinite for item in parsed.values())
    if errors:
        attrs["retention_errors"] = errors
        key, message = next(iter(errors.items()))
        attrs["retention_error"] = f"for `{key}`: {message}"
    elif not attrs["retention_indefinite"]:
        attrs["retention_days"] = max(item.days for item in parsed.values() if item.days is not None)
    return attrs


def declared_for(value: object, purpose: str) -> object | None:
    """The retention as written that applies to ``purpose``: a mapping's entry, or the one retention."""
    if not is_per_purpose(value):
        return value
    assert isinstance(value, Mapping)
    key = covering_key(value, purpose)
    return None if key is None else value[key]


def retention_key(attrs: Mapping[str, Any], purpose: str) -> str | None:
    """The key of a retention mapping that gives ``purpose`` its retention (readable or not)."""
    by_purpose = attrs.get("retention_by_purpose")
    if not isinstance(by_purpose, dict):
        return None
    errors = attrs.get("retention_errors") or {}
    return covering_key({**by_purpose, **errors}, purpose) if errors else covering_key(by_purpose, purpose)


def retention_for(attrs: Mapping[str, Any], purpose: str) -> Retention | None:
    """The retention a target declares for ``purpose``: its own entry, or the one retention of all.

    None when there is none, or when it cannot be read (ML006 says why).
    """
    by_purpose = attrs.get("retention_by_purpose")
    if isinstance(by_purpose, dict):
        key = covering_key(by_purpose, purpose)
        return by_purpose[key] if key is not None else None
    parsed = attrs.get("retention_parsed")
    return parsed if isinstance(parsed, Retention) else None


def has_retention_for(attrs: Mapping[str, Any], purpose: str) -> bool:
    """Whether a retention is declared for ``purpose`` (readable or not)."""
    if "retention" not in attrs:
        return False
    return not isinstance(attrs.get("retention_by_purpose"), dict) or retention_key(attrs, purpose) is not None


def entry_position(target: Target, key: str) -> tuple[int, int] | None:
    """Where the retention of ``key`` is written in the target's file, when it is written there.

    None for a single retention, and for one declared in another file (a declarations file beside
    a plan in another format): findings stay in the file checked.
    """
    origin = target.origins.get("retention")
    if origin is None or origin.path or not isinstance(origin.value, YMap):
        return None
    marks = origin.value.marks.get(key)
    return None if marks is None else (marks[2], marks[3])
