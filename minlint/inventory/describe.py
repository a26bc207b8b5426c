"""What a purpose id means: the registry's own words first, then the Fides data-use taxonomy."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from minlint.model.purposes import PurposeRegistry
from minlint.package_data import package_file


@dataclass(frozen=True, slots=True)
class Described:
    """A purpose's description, its Fides name and whether the registry governs it."""

    description: str
    name: str
    declared: bool
    max_retention: str


@cache
def fides_uses() -> dict[str, tuple[str, str]]:
    """Fides data uses by key: ``(name, description)`` (read once from ``minlint/data/data_uses.json``)."""
    text = package_file("data", "data_uses.json").read_text(encoding="utf-8")
    return {
        str(item["key"]): (str(item.get("name") or ""), str(item.get("description") or "")) for item in json.loads(text)
    }


def describe(purpose: str, registry: PurposeRegistry) -> Described:
    """Describe ``purpose``.

    The description is the registry's for this very id; else Fides's for this id (the registry may
    use Fides ids without restating them); else that of the nearest declared ancestor, whose
    bases and retention limit govern the purpose anyway. ``max_retention`` is that limit, normalised.
    """
    governing = registry.lookup(purpose)
    name, fides_description = fides_uses().get(purpose, ("", ""))
    if governing is not None and governing.id == purpose and governing.description:
        description = governing.description
    elif fides_description:
        description = fides_description
    elif governing is not None and governing.description:
        description = governing.description
    else:
        description = ""
    limit = governing.max_retention.human() if governing is not None and governing.max_retention else ""
    return Described(" ".join(description.split()), name, governing is not None, limit)
