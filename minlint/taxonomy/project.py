"""The organisation's own data categories: ``kind: categories`` files.

A project file adds categories to the built-in taxonomy (or replaces built-in ones)::

    minlint: 1
    kind: categories
    categories:
      user.loyalty.tier:
        description: The customer's loyalty programme tier.
      user.health_and_medical.step_count:          # special: its parent is
        description: Daily step counts from the app.

:func:`categories_from_document` reads a document that already passed the ``categories`` schema
into :class:`~minlint.taxonomy.categories.Category` values *as declared*; inheritance from the
parent (which may be built in) happens in :meth:`Taxonomy.with_categories`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from minlint.taxonomy.categories import ART9, NONE_CATEGORY, REGIMES, Category, default_parent

__all__ = ["CATEGORIES_KIND", "categories_from_document"]

CATEGORIES_KIND = "categories"

Marks = Mapping[str, tuple[int, int, int, int]]


def categories_from_document(path: str, root: Mapping[str, Any], marks: Marks | None = None) -> list[Category]:
    """The categories a validated ``kind: categories`` document declares, in file order.

    ``marks`` are the positions of the keys under ``categories`` (``(key_line, key_column,
    value_line, value_column)`` by key); when omitted they are taken from the loader's mapping
    (:class:`minlint.loader.tree.YMap`), and a plain ``dict`` simply gives no positions.

    Defaults: ``parent`` is the key minus its last part; ``personal`` is ``None`` (the parent's
    value, resolved by the taxonomy); ``special`` is false — the taxonomy still treats a child of a
    special category as special — except that ``regime: art9`` implies it, and ``special: true``
    implies ``regime: art9``. The category ``name`` is left empty for the taxonomy to fill.
    Anything the schema would have refused is skipped or ignored rather than raised.
    """
    entries = root.get("categories")
    if not isinstance(entries, Mapping):
        return []
    if marks is None:
        marks = getattr(entries, "marks", None) or {}
    found: list[Category] = []
    for key, entry in entries.items():
        if not isinstance(key, str) or not key or key == NONE_CATEGORY:
            continue
        fields: Mapping[str, Any] = entry if isinstance(entry, Mapping) else {}
        parent = fields.get("parent")
        personal = fields.get("personal")
        special = fields.get("special")
        regime = fields.get("regime")
        description = fields.get("description")
        if regime not in REGIMES:
            regime = None
        if not isinstance(special, bool):
            special = regime == ART9
        if special:
            regime = ART9
        position = marks.get(key)
        found.append(
            Category(
                key=key,
                parent=parent if isinstance(parent, str) and parent else default_parent(key),
                name="",
                description=description.strip() if isinstance(description, str) else "",
                personal=personal if isinstance(personal, bool) else None,
                special=special,
                regime=regime,
                source=path,
                line=position[0] if position else None,
                column=position[1] if position else None,
            )
        )
    return found
