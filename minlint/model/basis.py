"""Which lawful basis a declaration gives each purpose."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from minlint.model.per_purpose import covering_key


def basis_for(attrs: Mapping[str, Any], purpose: str) -> str | None:
    """The lawful basis a target declares for ``purpose``.

    A single basis applies to every purpose; a mapping gives each purpose its own, and a key
    covers its sub-purposes (``marketing: consent`` applies to ``marketing.communications.email``).
    """
    basis = attrs.get("basis")
    if isinstance(basis, str):
        return basis
    if isinstance(basis, dict):
        key = covering_key(basis, purpose)
        return basis[key] if key is not None and isinstance(basis[key], str) else None
    return None


def purpose_bases(attrs: Mapping[str, Any]) -> dict[str, str]:
    """Each declared purpose mapped to its lawful basis (purposes without one are left out)."""
    result: dict[str, str] = {}
    for purpose in attrs.get("purposes", ()):
        basis = basis_for(attrs, purpose)
        if basis is not None:
            result[purpose] = basis
    return result
