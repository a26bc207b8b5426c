"""The record of processing as data: one row per collected field, one view per purpose (GDPR Art. 30).

Everything here is plain frozen data in a deterministic order, with no timestamps, so that each
renderer is a pure function of an :class:`Inventory` and golden files stay stable.
:func:`minlint.inventory.build.build_inventory` makes one from a checked project.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class PurposeRef(NamedTuple):
    """A purpose a field serves, with its description (from the registry, else Fides; may be empty)."""

    id: str
    description: str


class FindingRef(NamedTuple):
    """A finding as the inventory shows it: next to its field, or among the findings of no field."""

    rule: str
    name: str
    severity: str
    message: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Row:
    """One collected field: where it is defined, what it is, why, on what basis, how long, who gets it.

    ``personal`` is ``None`` when the field declares no data category (nobody can tell); ``category``
    is then empty. ``basis`` reads ``consent`` when one basis covers every purpose, else
    ``purpose: basis; …`` (a purpose without a basis reads ``(none)``). ``retention`` is normalised
    (``13 months``), ``unreadable (…)`` or empty when none is declared, and reads ``purpose:
    retention; …`` when each purpose has its own; ``retention_days`` is the longest, absent when
    indefinite or unreadable. ``purpose_retention`` gives each purpose its retention and days.
    ``recipients`` are the field's ``shared_with`` plus the recipients
    of every campaign that uses or collects it. ``collected_by`` names the campaign of a ``collects``
    field.
    """

    file: str
    line: int
    ref: str
    plan: str
    section: str
    event: str
    collected_by: str
    description: str
    category: str
    category_name: str
    personal: bool | None
    special: bool
    regime: str
    purposes: tuple[PurposeRef, ...]
    purpose_bases: tuple[tuple[str, str], ...]
    basis: str
    retention: str
    retention_days: float | None
    purpose_retention: tuple[tuple[str, str, float | None], ...]
    shared_with: tuple[str, ...]
    recipients: tuple[str, ...]
    campaigns: tuple[str, ...]
    findings: tuple[FindingRef, ...]

    @property
    def key(self) -> str:
        """The plan-qualified reference, unique in a project: ``storefront-web:traits.email``."""
        return f"{self.plan}:{self.ref}"

    @property
    def where(self) -> str:
        """``file:line`` of the field's key."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class CategoryUse:
    """A data category some fields of a purpose belong to."""

    key: str
    name: str
    personal: bool | None
    special: bool


@dataclass(frozen=True, slots=True)
class PurposeView:
    """The Art. 30 view of one purpose: the data processed for it, the bases, retention and recipients.

    ``categories`` leaves out non-personal data (``none``) and fields without a category; those are
    counted in ``fields`` all the same. ``retention`` lists each distinct retention its fields are
    kept for this purpose, longest first; ``max_retention`` is the registry's limit. ``declared``
    says whether the registry (or a declared ancestor) governs the purpose; ``name`` is the Fides data-use name, if any.
    """

    id: str
    name: str
    description: str
    declared: bool
    categories: tuple[CategoryUse, ...]
    special: bool
    bases: tuple[str, ...]
    retention: tuple[str, ...]
    max_retention: str
    recipients: tuple[str, ...]
    campaigns: tuple[str, ...]
    fields: int
    personal_fields: int


@dataclass(frozen=True, slots=True)
class CampaignView:
    """A campaign: what it is for, which fields it uses (plan-qualified) or collects, who receives them."""

    name: str
    file: str
    line: int
    description: str
    purposes: tuple[str, ...]
    basis: str
    recipients: tuple[str, ...]
    uses: tuple[str, ...]
    collects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuleCount:
    """How many findings one rule has in the project."""

    rule: str
    name: str
    severity: str
    count: int


@dataclass(frozen=True, slots=True)
class Counts:
    """The summary: fields by kind of data, purposes, campaigns and findings."""

    fields: int
    personal: int
    special: int
    uncategorised: int
    purposes: int
    campaigns: int
    plans: int
    findings: int
    errors: int
    warnings: int
    infos: int
    fields_with_findings: int


@dataclass(frozen=True, slots=True)
class Inventory:
    """A project's record of processing.

    ``generated_from`` names what was read, relative to the project root. ``other_findings`` are
    the findings of no particular field (a file that does not parse, a campaign reference that
    resolves to nothing …): they matter, since a field in a broken file is missing from ``rows``.
    ``category_names`` maps every category key used, and each of its ancestors, to its name.
    """

    generated_from: str
    rows: tuple[Row, ...]
    purposes: tuple[PurposeView, ...]
    campaigns: tuple[CampaignView, ...]
    summary: Counts
    findings_by_rule: tuple[RuleCount, ...]
    other_findings: tuple[FindingRef, ...]
    category_names: tuple[tuple[str, str], ...] = ()

    def category_name(self, key: str) -> str:
        """The name of category ``key`` (an empty string when unknown)."""
        return dict(self.category_names).get(key, "")
