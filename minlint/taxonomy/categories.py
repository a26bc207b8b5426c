"""The data-category taxonomy: fideslang's categories, minlint's additions and the project's own.

A category key names itself and its descendants: ``user.contact`` covers ``user.contact.email``.
Each category says whether it is personal data, whether it is special-category data (GDPR Art. 9)
and which legal regime applies (``art9``, ``art8`` for children's data, ``art10`` for criminal
data). The built-in taxonomy ships as ``minlint/data/categories.json`` (derived from fideslang by
:mod:`minlint.taxonomy.convert`) and is loaded once per process with the standard library only.

Inside a :class:`Taxonomy` every category carries its *effective* flags: ``personal`` inherited from
the nearest ancestor that sets it, ``special`` true when the category or any ancestor is special,
and ``regime`` the nearest one up the chain (always ``art9`` for special data).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, Final, NamedTuple

from minlint.package_data import package_file

__all__ = ["BUILTIN_SOURCES", "NONE_CATEGORY", "REGIMES", "Category", "Taxonomy", "covers", "default_parent"]

NONE_CATEGORY: Final = "none"
ART9: Final = "art9"
ART8: Final = "art8"
ART10: Final = "art10"
REGIMES: Final = (ART9, ART8, ART10)
FIDESLANG: Final = "fideslang"
MINLINT: Final = "minlint"
BUILTIN_SOURCES: Final = frozenset({FIDESLANG, MINLINT})


class Category(NamedTuple):
    """One data category.

    ``personal`` is ``None`` when a project category leaves it to its parent; ``name`` may be empty
    for a project category (the taxonomy then names it after its last key part, or keeps the name of
    the built-in category it overrides). ``source`` is ``"fideslang"``, ``"minlint"`` or the path of
    the project file that declares it; ``line``/``column`` (1-based) locate its key in that file.
    """

    key: str
    parent: str | None
    name: str
    description: str
    personal: bool | None
    special: bool
    regime: str | None
    source: str
    deprecated: bool = False
    replaced_by: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def builtin(self) -> bool:
        """Whether the category ships with minlint (fideslang's or minlint's own addition)."""
        return self.source in BUILTIN_SOURCES


def covers(general: str, specific: str) -> bool:
    """Whether key ``general`` names ``specific``: the same key, or one of its ancestors."""
    return general == specific or specific.startswith(general + ".")


def default_parent(key: str) -> str | None:
    """The parent a key has when none is declared: the key minus its last part (``None`` for a root)."""
    head, dot, _ = key.rpartition(".")
    return head if dot else None


def _humanise(key: str) -> str:
    words = key.rpartition(".")[2].replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else key


class Taxonomy:
    """A set of data categories, with lookups that understand the key hierarchy.

    Build one with :meth:`builtin` and extend it with :meth:`with_categories`; instances are not
    changed after construction (lookups memoise their answers per key).
    """

    __slots__ = ("_builtins", "_by_key", "_declared", "_keys", "_resolved", "_suggested")

    def __init__(self, categories: Iterable[Category] = ()) -> None:
        """A taxonomy of ``categories`` as declared (a later duplicate key wins); flags are made effective."""
        declared: dict[str, Category] = {}
        for category in categories:
            declared[category.key] = category
        self._declared = declared
        # The built-in categories as shipped, kept even once overridden: every override merges with these.
        self._builtins = {key: category for key, category in declared.items() if category.builtin}
        self._by_key = _effective(declared)
        self._keys = sorted(self._by_key)
        self._resolved: dict[str, Category | None] = {}
        self._suggested: dict[str, str | None] = {}

    @classmethod
    def builtin(cls) -> Taxonomy:
        """The taxonomy minlint ships: fideslang's categories plus minlint's Art. 9 additions (cached)."""
        return _builtin()

    def with_categories(self, extra: Iterable[Category]) -> Taxonomy:
        """A new taxonomy with ``extra`` added; this one is left as it is.

        A category whose key is already built in replaces the built-in one, but what it leaves unset
        (``personal=None``, an empty name or description, no regime) keeps the built-in value, and a
        built-in special category stays special: an organisation cannot declassify Art. 9 data.
        ``personal=None`` is otherwise resolved from the parent chain (the parent may be built in).
        """
        declared = dict(self._declared)
        for category in extra:
            original = self._builtins.get(category.key)
            declared[category.key] = category if original is None else _override(original, category)
        extended = Taxonomy(declared.values())
        extended._builtins = self._builtins
        return extended

    def get(self, key: str) -> Category | None:
        """The category with exactly this key (effective flags), or ``None``."""
        return self._by_key.get(key)

    def resolve(self, key: str) -> Category | None:
        """The category of ``key``: its own, else its nearest known ancestor's; ``None`` for ``none`` or none known."""
        try:
            return self._resolved[key]
        except KeyError:
            pass
        found: Category | None = None
        if key != NONE_CATEGORY:
            candidate = key
            while True:
                found = self._by_key.get(candidate)
                if found is not None:
                    break
                head, dot, _ = candidate.rpartition(".")
                if not dot:
                    break
                candidate = head
        self._resolved[key] = found
        return found

    def is_known(self, key: str) -> bool:
        """Whether ``key`` is exactly a category of this taxonomy, or ``none``."""
        return key == NONE_CATEGORY or key in self._by_key

    def personal(self, key: str) -> bool | None:
        """Whether data of category ``key`` is personal data; ``None`` when that cannot be told."""
        if key == NONE_CATEGORY:
            return False
        found = self.resolve(key)
        return None if found is None else found.personal

    def special(self, key: str) -> bool:
        """Whether ``key`` is special-category data (GDPR Art. 9): it or an ancestor is special."""
        found = self.resolve(key)
        return found is not None and found.special

    def regime(self, key: str) -> str | None:
        """The legal regime of ``key`` (``art9``, ``art8``, ``art10``): the nearest one up the chain."""
        found = self.resolve(key)
        return None if found is None else found.regime

    def suggest(self, key: str) -> str | None:
        """The known key closest to ``key`` (for "did you mean"), or ``None``; ``None`` for known keys."""
        if self.is_known(key):
            return None
        try:
            return self._suggested[key]
        except KeyError:
            pass
        suggestion = self._closest(key)
        self._suggested[key] = suggestion
        return suggestion

    def _closest(self, key: str) -> str | None:
        """Score every key by its last part (most telling) and as a whole; the best from 0.65 up wins."""
        from difflib import SequenceMatcher

        typed = key.strip().lower()
        if self.is_known(typed):
            return typed
        typed_parent, _, typed_last = typed.rpartition(".")
        branches = {category.parent for category in self._by_key.values()}
        best: tuple[float, int, str] | None = None
        for known in [*self._keys, NONE_CATEGORY]:
            known_parent, _, known_last = known.rpartition(".")
            whole = SequenceMatcher(None, typed, known).ratio()
            last = SequenceMatcher(None, typed_last, known_last).ratio()
            if len(typed_last) >= 3 and known_last.startswith(typed_last):
                last = max(last, 0.95)
            score = 0.7 * last + 0.3 * whole + (0.05 if typed_parent == known_parent else 0.0)
            if "." in known and covers(known, typed):
                # Below a known leaf (`user.contact.email.work`) the leaf is meant; below a known
                # branch (`user.demographic.religion`) a close child is likelier, the branch a fallback.
                score = max(score, 0.66 if known in branches else 0.95)
            candidate = (-score, known.count("."), known)
            if score >= 0.65 and (best is None or candidate < best):
                best = candidate
        return None if best is None else best[2]

    def keys(self) -> list[str]:
        """Every category key, sorted (``none`` is not a category and is not listed)."""
        return list(self._keys)

    def categories(self) -> list[Category]:
        """Every category (effective flags), sorted by key."""
        return [self._by_key[key] for key in self._keys]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __len__(self) -> int:
        return len(self._by_key)

    def __repr__(self) -> str:
        return f"<Taxonomy of {len(self)} categories>"


def _override(base: Category, new: Category) -> Category:
    """``new`` replacing built-in ``base``: unset fields keep the built-in values; Art. 9 stays Art. 9."""
    special = new.special or base.special
    return new._replace(
        name=new.name or base.name,
        description=new.description or base.description,
        personal=base.personal if new.personal is None else new.personal,
        special=special,
        regime=ART9 if special else (new.regime or base.regime),
        deprecated=new.deprecated or base.deprecated,
        replaced_by=new.replaced_by or base.replaced_by,
    )


def _nearest(declared: dict[str, Category], key: str | None) -> str | None:
    """``key`` if declared, else its nearest declared ancestor (by key), else ``None``."""
    candidate = key
    while candidate:
        if candidate in declared:
            return candidate
        candidate = default_parent(candidate)
    return None


def _flatten(category: Category, parent: Category | None) -> Category:
    """``category`` with effective flags, given its parent's effective flags."""
    personal = category.personal
    if personal is None and parent is not None:
        personal = parent.personal
    special = category.special or (parent is not None and parent.special)
    regime = category.regime or (parent.regime if parent is not None else None)
    if special:
        regime = ART9
    elif regime == ART9:
        # An Art. 9 regime with `special: false` can only come from a hand-built Category: keep the two consistent.
        special = True
    name = category.name or _humanise(category.key)
    if (personal, special, regime, name) == (category.personal, category.special, category.regime, category.name):
        return category
    return category._replace(personal=personal, special=special, regime=regime, name=name)


def _effective(declared: dict[str, Category]) -> dict[str, Category]:
    """Every declared category with effective flags; iterative, so no parent chain can exhaust the stack.

    A parent that is not declared stands for its nearest declared ancestor (``user.loyalty`` for
    ``user`` when only ``user`` exists); a parent cycle is cut where it closes.
    """
    done: dict[str, Category] = {}
    for start in declared:
        if start in done:
            continue
        chain: list[str] = []
        on_chain: set[str] = set()
        key: str | None = start
        while key is not None and key not in done and key not in on_chain:
            chain.append(key)
            on_chain.add(key)
            key = _nearest(declared, declared[key].parent)
        above = done.get(key) if key is not None else None
        for link in reversed(chain):
            above = _flatten(declared[link], above)
            done[link] = above
    return done


def _category(entry: dict[str, Any]) -> Category:
    return Category(
        key=entry["key"],
        parent=entry["parent"],
        name=entry["name"],
        description=entry["description"],
        personal=entry["personal"],
        special=entry["special"],
        regime=entry["regime"],
        source=entry["source"],
        deprecated=entry.get("deprecated", False),
        replaced_by=entry.get("replaced_by"),
    )


@cache
def _builtin() -> Taxonomy:
    text = package_file("data", "categories.json").read_text(encoding="utf-8")
    return Taxonomy(_category(entry) for entry in json.loads(text))
