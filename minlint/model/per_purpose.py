"""Declarations made per purpose: a mapping from purpose to value, whose keys cover sub-purposes.

``basis: {marketing: consent}`` gives ``marketing.communications.email`` its basis, and
``retention: {analytics: P25M}`` its retention to ``analytics.reporting``: the nearest key above a
purpose, itself included, is the one that applies.
"""

from __future__ import annotations

from collections.abc import Mapping


def covering_key(mapping: Mapping[str, object], purpose: str) -> str | None:
    """The key of ``mapping`` that covers ``purpose``: the purpose itself or its nearest ancestor."""
    candidate = purpose
    while True:
        if mapping.get(candidate) is not None:
            return candidate
        if "." not in candidate:
            return None
        candidate = candidate.rsplit(".", 1)[0]


def covers(key: str, purposes: list[str]) -> bool:
    """Whether a mapping key applies to at least one of ``purposes`` (is one of them or above one)."""
    return any(purpose == key or purpose.startswith(key + ".") for purpose in purposes)
