"""Privacy declarations from the fields' rows, and which fields would read back otherwise.

Fides declares by data category: a privacy declaration applies to every field of the datasets it
references whose category one of its own covers (the same key, or one above it) — this is how
:mod:`minlint.readers.fides` reads it back. So the rows of a dataset's fields are grouped by row,
each with the categories of the fields having it; a declaration is one such row with its categories,
naming every dataset where exactly these categories have it. Read back, a field serves every row
of every declaration covering its category: when fields of one category (or one below another)
declare different rows, they cannot all come back as they were. :class:`ReadBack` finds them,
and the exporter says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from minlint.export.declared import FieldUses, Use
from minlint.taxonomy import covers

# What a field may read back with otherwise, in the order a note names them.
ASPECTS = ("purposes", "bases", "retention", "special-category condition", "recipients")


class Declaration(NamedTuple):
    """A privacy declaration: one row, the categories it covers and the datasets it references."""

    use: Use
    categories: tuple[str, ...]
    datasets: tuple[str, ...]


def use_order(use: Use) -> tuple[str, str, int, str, tuple[str, ...]]:
    """A sort key for rows: data use, basis, days, special-category basis, recipients (missing first)."""
    return (use.data_use, use.basis or "", -1 if use.days is None else use.days, use.special or "", use.recipients)


def declarations(fields: Mapping[str, list[FieldUses]]) -> list[Declaration]:
    """The declarations that give the fields of each dataset (by key) their rows, sorted: one per row
    and set of categories, then those of one row merged wherever that gives no field anything more."""
    datasets_of: dict[tuple[Use, tuple[str, ...]], list[str]] = {}
    present: dict[str, set[str]] = {}
    for dataset, members in fields.items():
        categories_of: dict[Use, set[str]] = {}
        for field in members:
            if field.category is not None:
                present.setdefault(dataset, set()).add(field.category)
                for use in field.uses:
                    categories_of.setdefault(use, set()).add(field.category)
        for use, covered in categories_of.items():
            datasets_of.setdefault((use, tuple(sorted(covered))), []).append(dataset)
    by_use: dict[Use, list[Declaration]] = {}
    for (use, categories), datasets in datasets_of.items():
        by_use.setdefault(use, []).append(Declaration(use, categories, tuple(sorted(datasets))))
    found = [_narrowest(merged) for group in by_use.values() for merged in _merged(group, present)]
    return sorted(found, key=lambda item: (use_order(item.use), item.datasets, item.categories))


def _narrowest(declaration: Declaration) -> Declaration:
    """``declaration`` without the categories another of its own covers (it covers the same fields)."""
    categories = declaration.categories
    kept = tuple(key for key in categories if not any(other != key and covers(other, key) for other in categories))
    return declaration._replace(categories=kept)


def _merged(group: list[Declaration], present: Mapping[str, set[str]]) -> list[Declaration]:
    """The declarations of one row, each joined with the next as long as the join covers no category
    present in one of its datasets that the two did not cover there already."""
    kept: list[Declaration] = []
    for declaration in sorted(group, key=lambda item: (item.datasets, item.categories)):
        for index, other in enumerate(kept):
            joined = Declaration(
                declaration.use,
                tuple(sorted({*other.categories, *declaration.categories})),
                tuple(sorted({*other.datasets, *declaration.datasets})),
            )
            if all(
                _covered(joined, dataset, category)
                == any(_covered(each, dataset, category) for each in (other, declaration))
                for dataset in joined.datasets
                for category in present.get(dataset, ())
            ):
                kept[index] = joined
                break
        else:
            kept.append(declaration)
    return kept


def _covered(declaration: Declaration, dataset: str, category: str) -> bool:
    """Whether ``declaration`` applies to the fields of ``category`` in ``dataset``, as Fides reads it."""
    return dataset in declaration.datasets and any(covers(key, category) for key in declaration.categories)


class ReadBack:
    """What fields get when the export is read back: the rows of every declaration covering their
    category in their dataset — worked out once per dataset and category, as a plan has far more
    fields than categories."""

    def __init__(self, declared: Iterable[Declaration]) -> None:
        self.declared = tuple(declared)
        self._rows: dict[tuple[str, str], frozenset[Use]] = {}
        self._differences: dict[tuple[str, str, frozenset[Use]], tuple[str, ...]] = {}

    def rows(self, dataset: str, category: str | None) -> frozenset[Use]:
        """The rows a field of ``category`` in ``dataset`` reads back with (none without a category)."""
        if category is None:
            return frozenset()
        key = (dataset, category)
        found = self._rows.get(key)
        if found is None:
            found = self._rows[key] = frozenset(
                declaration.use for declaration in self.declared if _covered(declaration, dataset, category)
            )
        return found

    def differences(self, field: FieldUses, dataset: str) -> tuple[str, ...]:
        """What of :data:`ASPECTS` ``field`` of ``dataset`` reads back otherwise than it declares (nothing:
        it reads back exactly)."""
        if field.category is None:
            return differences(field.uses, frozenset())
        key = (dataset, field.category, field.uses)
        found = self._differences.get(key)
        if found is None:
            found = self._differences[key] = differences(field.uses, self.rows(dataset, field.category))
        return found


def differences(mine: frozenset[Use], theirs: frozenset[Use]) -> tuple[str, ...]:
    """What of :data:`ASPECTS` differs between a field's rows ``mine`` and those it reads back with."""
    if mine == theirs:
        return ()
    differing: list[str] = []
    if {use.data_use for use in mine} != {use.data_use for use in theirs}:
        differing.append(ASPECTS[0])
    purposes = sorted({use.data_use for use in mine} & {use.data_use for use in theirs})  # gained or lost: said
    pairs: tuple[tuple[str, Callable[[Use], object]], ...] = ((ASPECTS[1], _basis), (ASPECTS[2], _days))
    for aspect, value in pairs:
        for purpose in purposes:
            if _values(mine, purpose, value) != _values(theirs, purpose, value):
                differing.append(aspect)
                break
    if {use.special for use in mine if use.special} != {use.special for use in theirs if use.special}:
        differing.append(ASPECTS[3])
    if {name for use in mine for name in use.recipients} != {name for use in theirs for name in use.recipients}:
        differing.append(ASPECTS[4])
    return tuple(differing)


def _basis(use: Use) -> object:
    return use.basis


def _days(use: Use) -> object:
    return use.days


def _values(uses: frozenset[Use], purpose: str, value: Callable[[Use], object]) -> set[object]:
    """The values of ``purpose``'s rows (those declared), as the reader gathers them per data use."""
    return {value(use) for use in uses if use.data_use == purpose and value(use) is not None}
