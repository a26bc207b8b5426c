"""The runbook of a data-subject request as data: where a person's data is, how to find and erase it.

A person may ask to see their data, to have it corrected, to take it elsewhere and to have it erased
(GDPR Art. 15-17, 20; CPRA §1798.105, §1798.106, §1798.110). The runbook answers three questions
for whoever serves the request: which identifiers to ask the person for, where their data is held
and by which field it is found, and which recipients must be asked to erase or export it too
(Art. 17(2), 19). Plain frozen data in a deterministic order, so renderers are pure functions and
golden files stay stable.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_CATEGORY = "(no category)"  # how an identifier with no data category is grouped


@dataclass(frozen=True, slots=True)
class HeldField:
    """A personal-data field of a store: what it is, where it is defined, how long it is kept."""

    ref: str
    file: str
    line: int
    category: str
    category_name: str
    special: bool
    retention: str
    purposes: tuple[str, ...]
    recipients: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SubjectKey:
    """A field a store's records are found by (its ``subject_id``), with its data category.

    ``ref`` is as the store wrote it (a campaign may name a plan field it uses, plan-qualified);
    ``category`` is empty when the field is unknown or declares none.
    """

    ref: str
    category: str
    category_name: str
    personal: bool = True


@dataclass(frozen=True, slots=True)
class Store:
    """A tracking plan, or a campaign that collects data, holding personal data of people.

    ``subject_ids`` are the declared identifiers that name a field; ``declared_ids`` every entry.
    """

    name: str
    kind: str
    file: str
    line: int
    subject_ids: tuple[SubjectKey, ...]
    fields: tuple[HeldField, ...]
    recipients: tuple[str, ...]
    declared_ids: tuple[str, ...] = ()  # the ``subject_id`` entries as written, found or not


@dataclass(frozen=True, slots=True)
class IdentifierUse:
    """Where one kind of identifier finds records: the store and the field."""

    store: str
    ref: str


@dataclass(frozen=True, slots=True)
class Identifier:
    """A kind of identifier to ask the person for (a data category), and every store it finds records in."""

    category: str
    name: str
    uses: tuple[IdentifierUse, ...]


@dataclass(frozen=True, slots=True)
class RecipientStep:
    """A recipient that holds some of the person's data: how to have it erased and exported there.

    ``declared`` is whether the recipients registry declares it; the other facts are empty when it
    does not say. ``receives`` lists the personal-data fields it gets, plan-qualified.
    """

    name: str
    declared: bool
    description: str = ""
    role: str = ""
    cpra_role: str = ""
    country: str = ""
    erasure: str = ""
    export: str = ""
    file: str = ""
    line: int = 0
    receives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Gap:
    """Something that keeps a request from being served in full, and where to fix it."""

    kind: str
    message: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Runbook:
    """The runbook of a project: identifiers, stores, recipients and gaps."""

    generated_from: str
    identifiers: tuple[Identifier, ...]
    stores: tuple[Store, ...]
    recipients: tuple[RecipientStep, ...]
    gaps: tuple[Gap, ...]
