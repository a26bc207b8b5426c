"""Each purpose's Fides data use, and the data uses Fides does not have that the export defines.

A purpose id that is one of Fides's data uses, or below one (``marketing.communications.push``), is
its own data use: reading the export back gives the fields that very purpose. Any other purpose
takes the ``data_use`` its entry in the purposes registry gives (or its nearest registered
ancestor's); read back, its fields serve that data use, which a note says. A purpose with neither
refuses the export, at the purpose's entry (or, unregistered, where a field first declares it).
A data use below Fides's own but not one of them is defined in the export (``data_use:``
resources), with each level above it Fides lacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from minlint.export.fides_terms import builtin_use, closest_use, fides_ancestor, is_key, top_uses
from minlint.export.model import Refusal
from minlint.model.purposes import PurposeRegistry
from minlint.model.spec import PurposeDef
from minlint.notice.words import purpose_title


class Place(NamedTuple):
    """Where something is written: file, line, column."""

    path: str
    line: int
    column: int


class Uses(NamedTuple):
    """The data use of each purpose, the data uses to define, the notes and the refusals."""

    of: dict[str, str]
    resources: list[dict[str, Any]]
    notes: list[str]
    refusals: list[Refusal]


def resolve_uses(purposes: Mapping[str, Place], registry: PurposeRegistry) -> Uses:
    """The Fides data use of every purpose in ``purposes`` (each with where a field first declares it)."""
    found: dict[str, str] = {}
    notes: list[str] = []
    refusals: list[Refusal] = []
    for purpose in sorted(purposes):
        governing = registry.lookup(purpose)
        given = _given(governing)
        where = Place(governing.path, governing.line, governing.column) if governing else purposes[purpose]
        if given is not None and governing is not None and governing.id == purpose:
            use = given
        elif fides_ancestor(purpose) is not None and is_key(purpose):
            use = purpose
        elif given is not None:
            use = given
        else:
            refusals.append(Refusal(*where, _no_use(purpose, governing is not None)))
            continue
        if fides_ancestor(use) is None or not is_key(use):
            message = (
                f"the `data_use: {use}` of purpose `{purpose}` is not one of Fides's data uses nor below one; "
                f"write {_example(use).removeprefix('e.g. ')}; nothing written"
            )
            refusals.append(Refusal(*where, message))
            continue
        found[purpose] = use
        if use != purpose:
            notes.append(
                f"purpose `{purpose}` is written as Fides data use `{use}` (its `data_use`): read back, its fields "
                f"serve `{use}`"
            )
    return Uses(found, _resources(found, registry), notes, refusals)


def _given(definition: PurposeDef | None) -> str | None:
    """The ``data_use`` a registry entry gives, if any."""
    value = definition.options.get("data_use") if definition is not None else None
    return value if isinstance(value, str) and value else None


def _example(purpose: str) -> str:
    """What to write: the closest Fides data use, else Fides's top-level ones."""
    close = closest_use(purpose)
    if close is not None:
        return f"e.g. `data_use: {close}`"
    return "one of Fides's data uses (" + ", ".join(top_uses()) + ") or one below them"


def _no_use(purpose: str, registered: bool) -> str:
    fix = (
        "declare `data_use:` on its entry in the purposes registry"
        if registered
        else "add it to the purposes registry with `data_use:`"
    )
    return (
        f"purpose `{purpose}` has no Fides data use: its id is not one of Fides's data uses nor below one; "
        f"{fix}, {_example(purpose)}; nothing written"
    )


def _resources(found: Mapping[str, str], registry: PurposeRegistry) -> list[dict[str, Any]]:
    """The data uses the export defines: every level below Fides's own that Fides lacks, sorted."""
    described = {use: purpose for purpose, use in found.items()}
    defined: dict[str, dict[str, Any]] = {}
    for use in sorted(set(found.values())):
        candidate = use
        while not builtin_use(candidate) and candidate not in defined:
            parent = candidate.rsplit(".", 1)[0]
            definition = registry.lookup(described[candidate]) if candidate in described else None
            text = (
                definition.description if definition is not None and definition.id == described.get(candidate) else None
            )
            ancestor = fides_ancestor(candidate)
            defined[candidate] = {
                "fides_key": candidate,
                "name": purpose_title(candidate, ""),
                "description": " ".join(text.split()) if text else f"A data use below Fides's `{ancestor}`.",
                "parent_key": parent,
            }
            candidate = parent
    return [defined[key] for key in sorted(defined)]
