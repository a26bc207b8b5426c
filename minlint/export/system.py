"""The project as a Fides system: one privacy declaration per row and set of categories.

A declaration says, for one data use, which categories of which datasets are processed, on what
legal basis, for how many days, under which special-category condition and shared with whom —
what :mod:`minlint.readers.fides` reads back. Its name is the data use's (Fides's name for it, else
its id in words); declarations of one data use are told apart by what differs between them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minlint.export.coverage import Declaration
from minlint.export.declared import Use
from minlint.export.fides_terms import DATA_SUBJECT
from minlint.inventory.describe import fides_uses
from minlint.notice.words import purpose_title
from minlint.taxonomy import Taxonomy

# How declarations of one data use are told apart, in this order: what each says of a declaration.
_DISTINCTIONS: tuple[Callable[[Declaration], str], ...] = (
    lambda declaration: declaration.use.basis or "no legal basis",
    lambda declaration: "no retention" if declaration.use.days is None else f"{declaration.use.days} days",
    lambda declaration: declaration.use.special or "",
    lambda declaration: ("shared with " + ", ".join(declaration.use.recipients)) if declaration.use.recipients else "",
    lambda declaration: ", ".join(declaration.datasets),
    lambda declaration: ", ".join(declaration.categories),
)


def declaration_names(declared: list[Declaration]) -> list[str]:
    """A name for each declaration, unique within the system: its data use's, with what sets it apart
    from the others of the same data use (``Analytics for Reporting (storefront-web; 395 days)``)."""
    by_use: dict[str, list[int]] = {}
    for index, declaration in enumerate(declared):
        by_use.setdefault(declaration.use.data_use, []).append(index)
    names = [""] * len(declared)
    for use, indexes in by_use.items():
        title = purpose_title(use, fides_uses().get(use, ("", ""))[0])
        group = [declared[index] for index in indexes]
        telling: list[Callable[[Declaration], str]] = []
        for tell in _DISTINCTIONS:
            if _told_apart(group, telling):
                break
            if len({tell(declaration) for declaration in group}) > 1:
                telling.append(tell)
        for index, declaration in zip(indexes, group, strict=True):
            parts = [part for tell in telling if (part := tell(declaration))]
            names[index] = f"{title} ({'; '.join(parts)})" if parts else title
    return names


def _told_apart(group: list[Declaration], telling: list[Callable[[Declaration], str]]) -> bool:
    """Whether what ``telling`` says of each declaration of ``group`` differs for every two of them."""
    said = {tuple(tell(declaration) for tell in telling) for declaration in group}
    return len(said) == len(group)


def declaration_resource(declaration: Declaration, name: str, taxonomy: Taxonomy) -> dict[str, Any]:
    """One privacy declaration as Fides writes it."""
    use: Use = declaration.use
    resource: dict[str, Any] = {
        "name": name,
        "data_use": use.data_use,
        "data_categories": list(declaration.categories),
        "data_subjects": [DATA_SUBJECT],
        "dataset_references": list(declaration.datasets),
    }
    if use.basis is not None:
        resource["legal_basis_for_processing"] = use.basis
    if use.days is not None:
        resource["retention_period"] = str(use.days)
    if use.special is not None or any(taxonomy.special(category) for category in declaration.categories):
        resource["processes_special_category_data"] = True
    if use.special is not None:
        resource["special_category_legal_basis"] = use.special
    if use.recipients:
        resource["data_shared_with_third_parties"] = True
        resource["third_parties"] = "; ".join(use.recipients)
    return resource


def system_resource(
    key: str, name: str, datasets: list[str], declared: list[Declaration], taxonomy: Taxonomy
) -> dict[str, Any]:
    """The system ``key``: the datasets it references and a privacy declaration per declaration."""
    plans = ", ".join(f"`{dataset}`" for dataset in datasets)
    names = declaration_names(declared)
    return {
        "fides_key": key,
        "name": name,
        "description": f"What the tracking plans ({plans}) collect and why, as their minlint specs declare it."
        if datasets
        else "Written by minlint export.",
        "system_type": "Service",
        "dataset_references": list(datasets),
        "privacy_declarations": [
            declaration_resource(declaration, names[index], taxonomy) for index, declaration in enumerate(declared)
        ],
    }
