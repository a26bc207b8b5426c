"""Which lawful basis a declaration gives each purpose."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def basis_for(attrs: Mapping[str, Any], purpose: str) -> str | None:
    """The lawful basis a target declares for ``purpose``.

    A single basis applies to every purpose; a mapping gives each purpose its own, and a key
    covers its sub-purposes (``marketing: consent`` applies to ``marketing.communications.email``).
    """
    basis = attrs.get("basis")
    if isinstance(basis, str):
        return basis
    if isinstance(basis, dict):
        candidate = purpose
        while True:
            found = basis.get(candidate)
            if isinstance(found, str):
                return found
            if "." not in candidate:
                return None
            candidate = candidate.rsplit(".", 1)[0]
    return None


def purpose_bases(attrs: Mapping[str, Any]) -> dict[str, str]:
    """Each declared purpose mapped to its lawful basis (purposes without one are left out)."""
    result: dict[str, str] = {}
    for purpose in attrs.get("purposes", ()):
        basis = basis_for(attrs, purpose)
        if basis is not None:
            result[purpose] = basis
    return result
