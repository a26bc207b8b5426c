"""The data categories the export defines: those its fields use that Fides's taxonomy lacks.

minlint's taxonomy is Fides's with a few additions (special-category data Fides has no key for) and
the project's own ``kind: categories`` files; Fides refuses a category it does not know, so each of
those used — with each level above it Fides lacks, declared or not — becomes a ``data_category:`` resource. So does
``none``, minlint's "not personal data", which Fides has no word for. A category no taxonomy knows
(a typo ``minlint check`` reports) is written as it is, with a note: defining it would hide the typo.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from minlint.taxonomy import NONE_CATEGORY, Category, Taxonomy, default_parent
from minlint.taxonomy.categories import FIDESLANG

_NONE_RESOURCE = {
    "fides_key": NONE_CATEGORY,
    "name": "Not personal data",
    "description": "Data the specs declare is not personal data (minlint's `category: none`).",
}


def category_resources(used: Iterable[str], taxonomy: Taxonomy) -> tuple[list[dict[str, Any]], list[str]]:
    """The ``data_category`` resources the categories ``used`` need, sorted by key, and a note for
    each category no taxonomy knows."""
    defined: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for key in sorted(set(used)):
        if key == NONE_CATEGORY:
            defined[key] = dict(_NONE_RESOURCE)
            continue
        if taxonomy.get(key) is None:
            notes.append(
                f"category `{key}` is in no taxonomy minlint knows: written as it is, and Fides refuses it until it "
                "is corrected or defined (`minlint check` reports it)"
            )
            continue
        candidate: str | None = key
        while candidate is not None and candidate not in defined and not _in_fides(candidate):
            category = taxonomy.get(candidate)
            parent = category.parent if category is not None else default_parent(candidate)
            resource: dict[str, Any] = {"fides_key": candidate, "name": _name(candidate, category)}
            if category is not None and category.description:
                resource["description"] = " ".join(category.description.split())
            if parent is not None:
                resource["parent_key"] = parent
            defined[candidate] = resource
            candidate = parent
    return [defined[key] for key in sorted(defined)], notes


def _name(key: str, category: Category | None) -> str:
    """A category's name: its own, else its key's last part in words (a level no file declares)."""
    if category is not None and category.name:
        return category.name
    words = key.rsplit(".", 1)[-1].replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] or key


def _in_fides(key: str) -> bool:
    """Whether Fides's own taxonomy has ``key`` (a project may restate one of them: Fides has it still)."""
    builtin = Taxonomy.builtin().get(key)
    return builtin is not None and builtin.source == FIDESLANG
