"""Build the notice from a checked project's record of processing, the purposes and recipients registries.

Only personal data is told: a purpose whose fields are all non-personal is left out, and so are
the non-personal fields of the others. The words come from the specs themselves — the registry's
description of each purpose, its stated interest, the recipients' descriptions — and where one is
missing the notice says so rather than inventing text (:attr:`Notice.todo`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import NamedTuple

from minlint.inventory.describe import describe
from minlint.inventory.model import Inventory, Row
from minlint.model.basis import basis_for
from minlint.model.purposes import PurposeRegistry
from minlint.model.recipients import RecipientRegistry
from minlint.notice.model import Basis, DataItem, Kept, Notice, Purpose, Recipient, Right, Rights
from minlint.notice.words import (
    BASES,
    CPRA_RIGHTS,
    CPRA_TITLE,
    GDPR_RIGHTS,
    GDPR_TITLE,
    GPC,
    NO_SALE,
    TRANSFERS,
    country_name,
    data_name,
    purpose_title,
    sentence_part,
)
from minlint.report import Analysis
from minlint.taxonomy import covers
from minlint.vocabulary import CAMPAIGN, TRACKING_PLAN


class _CampaignUse(NamedTuple):
    """What a campaign adds to the fields it uses: its own purposes, bases and recipients."""

    purposes: tuple[str, ...]
    bases: dict[str, str]
    recipients: tuple[str, ...]


def _campaign_uses(analysis: Analysis) -> dict[str, _CampaignUse]:
    uses: dict[str, _CampaignUse] = {}
    for campaign in analysis.index.campaigns:
        head = next((target for target in campaign.targets if target.kind == CAMPAIGN), None)
        if head is None:
            continue
        attrs = head.attrs
        purposes = tuple(str(purpose) for purpose in attrs.get("purposes", ()))
        bases = {purpose: basis for purpose in purposes if (basis := basis_for(attrs, purpose))}
        recipients = tuple(name for name in attrs.get("recipients") or [] if isinstance(name, str))
        uses.setdefault(campaign.name, _CampaignUse(purposes, bases, recipients))
    return uses


def _stands_for(whole: Row, part: Row) -> bool:
    """Whether ``whole``'s category covers ``part``'s, so that ``part`` is told as ``whole`` — unless ``part``
    is special-category data and ``whole`` is not (special data is never hidden under a plain name)."""
    return bool(
        whole.category
        and part.category
        and whole.category != part.category
        and covers(whole.category, part.category)
        and (whole.special or not part.special)
    )


def _broadest(rows: list[Row]) -> list[Row]:
    """The rows no other row stands for: a street is told as the address it belongs to."""
    return [row for row in rows if not any(_stands_for(other, row) for other in rows)]


def _name(row: Row) -> str:
    return data_name(row.category_name) if row.category_name else row.ref


def _data(rows: list[Row]) -> tuple[DataItem, ...]:
    items: dict[str, DataItem] = {}
    for row in _broadest(rows):
        key = row.category or row.ref
        if key not in items:
            items[key] = DataItem(_name(row), row.category, row.special)
    return tuple(sorted(items.values(), key=lambda item: (not item.special, item.name.lower(), item.category)))


def _period(row: Row, purpose: str) -> tuple[str, float | None]:
    """How long ``row`` is kept for ``purpose`` (a purpose it serves through a campaign: as long as it is
    kept at all), and in days (None: indefinite, unreadable or not stated)."""
    own = next(((text, days) for id_, text, days in row.purpose_retention if id_ == purpose), None)
    if own is not None:
        return own
    return (row.retention or "not stated", row.retention_days)


def _kept(rows: list[Row], purpose: str) -> tuple[Kept, ...]:
    """Each period and the data kept for it; a part kept as long as the data it belongs to is told as that data."""
    periods: dict[str, tuple[float, list[str]]] = {}
    for row in rows:
        text, days = _period(row, purpose)
        told_whole = any(_stands_for(other, row) and _period(other, purpose)[0] == text for other in rows)
        if told_whole:
            continue
        name = _name(row)
        _, names = periods.setdefault(text, (days if days is not None else float("inf"), []))
        if name not in names:
            names.append(name)
    order = sorted(periods, key=lambda text: (periods[text][0], text))
    return tuple(Kept(text, tuple(periods[text][1])) for text in order)


class _Builder:
    def __init__(self, analysis: Analysis, inventory: Inventory, jurisdictions: tuple[str, ...]) -> None:
        self.inventory = inventory
        self.jurisdictions = jurisdictions
        self.purposes: PurposeRegistry = analysis.registry
        self.recipients = RecipientRegistry.of_specs(analysis.specs)
        self.campaigns = _campaign_uses(analysis)
        self.todo: list[str] = []
        self.sells = False  # personal data goes to a CPRA third party (a sale or share)
        self.unknown_roles: list[str] = []  # recipients whose CPRA role nobody declared

    def rows_for(self, purpose: str) -> list[Row]:
        """The personal-data rows processed for ``purpose``: serving it, or used by a campaign for it."""
        return [
            row
            for row in self.inventory.rows
            if row.personal
            and (
                any(item.id == purpose for item in row.purposes)
                or any(purpose in self.campaigns[name].purposes for name in row.campaigns if name in self.campaigns)
            )
        ]

    def basis_of(self, row: Row, purpose: str) -> str:
        """The basis ``row`` is processed on for ``purpose``: its own, else that of a campaign using it for it."""
        own = dict(row.purpose_bases).get(purpose)
        if own:
            return own
        for name in row.campaigns:
            use = self.campaigns.get(name)
            if use is not None and purpose in use.bases:
                return use.bases[purpose]
        return ""

    def recipient_names(self, row: Row, purpose: str) -> set[str]:
        """Who receives ``row`` for ``purpose``: whom it is shared with, and the recipients of the campaigns
        using it for that purpose."""
        names = set(row.shared_with)
        for name in row.campaigns:
            use = self.campaigns.get(name)
            if use is not None and purpose in use.purposes:
                names.update(use.recipients)
        return names

    def bases(self, purpose: str, rows: list[Row]) -> tuple[Basis, ...]:
        used = sorted({self.basis_of(row, purpose) for row in rows} - {""})
        definition = self.purposes.lookup(purpose)
        options = definition.options if definition is not None else {}
        found = []
        for basis in used:
            if basis not in BASES:
                self.todo.append(
                    f"Correct the legal basis `{basis}` of `{purpose}`: it is not one of the six of GDPR Art. 6(1)."
                )
                continue
            text, right = BASES[basis]
            if basis == "legitimate_interests":
                interest = options.get("interest")
                if isinstance(interest, str) and interest.strip():
                    text = f"{text}: {sentence_part(' '.join(interest.split()))}"
                else:
                    self.todo.append(f"State the legitimate interest pursued for `{purpose}` (`interest:`).")
            if basis == "consent":
                consent = options.get("consent")
                how = consent.get("description") if isinstance(consent, dict) else None
                if isinstance(how, str) and how.strip():
                    text = f"{text}, which we ask for {' '.join(how.split())}"
            found.append(Basis(basis, text, right))
        if any(not self.basis_of(row, purpose) for row in rows):
            self.todo.append(f"Declare the legal basis of every field used for `{purpose}`.")
        return tuple(found)

    def recipients_of(self, rows: list[Row], purpose: str) -> tuple[Recipient, ...]:
        names = sorted({name for row in rows for name in self.recipient_names(row, purpose)})
        found = []
        for name in names:
            definition = self.recipients.lookup(name)
            if definition is None:
                self.todo.append(f"Declare `{name}` in the recipients registry: who it is, and where.")
                self.unknown_roles.append(name)
                found.append(Recipient(name, "", "", ""))
                continue
            self.sells = self.sells or definition.cpra_role == "third_party"
            if definition.cpra_role is None:
                self.unknown_roles.append(name)
            country = definition.country or ""
            if not country:
                self.todo.append(f"Declare where `{name}` is (`country:`): a transfer outside the EEA must be told.")
            transfer = ""
            if definition.outside_eea:
                transfer = TRANSFERS.get(definition.transfer or "", definition.transfer or "")
                if not transfer:
                    self.todo.append(
                        f"Declare how data reaches `{name}` in {country_name(country)} lawfully (`transfer:`)."
                    )
            description = " ".join((definition.description or "").split())
            found.append(Recipient(name, description, country_name(country) if country else "", transfer))
        return tuple(found)

    def purpose(self, purpose: str) -> Purpose | None:
        rows = self.rows_for(purpose)
        if not rows:
            return None
        described = describe(purpose, self.purposes)
        governing = self.purposes.lookup(purpose)
        # Only the registry's own words: the Fides taxonomy's are written for engineers (ML305 asks for these).
        description = " ".join((governing.description or "").split()) if governing is not None else ""
        if not description:
            self.todo.append(f"Describe `{purpose}` for customers (`description:` in the purposes registry).")
        kept = _kept(rows, purpose)
        for item in kept:
            if item.period in ("not stated", "indefinitely") or item.period.startswith("unreadable"):
                self.todo.append(f"Declare how long the data of `{purpose}` is kept ({item.period} now).")
        for row in rows:
            if not row.category_name:
                self.todo.append(f"Declare a known data category for `{row.key}`: it is shown by its reference.")
        return Purpose(
            id=purpose,
            title=purpose_title(purpose, described.name),
            description=description,
            data=_data(rows),
            bases=self.bases(purpose, rows),
            recipients=self.recipients_of(rows, purpose),
            kept=kept,
        )


def _plan_offers(analysis: Analysis) -> tuple[bool, frozenset[str]]:
    """Whether every plan offers the CPRA right to limit, and the opt-outs all plans and campaigns honour."""
    heads = [
        target.attrs
        for spec in analysis.specs
        if spec.kind in (TRACKING_PLAN, CAMPAIGN)
        for target in spec.targets
        if target.kind in ("plan", "campaign")
    ]
    plans = [attrs for attrs in heads if attrs.get("kind") == TRACKING_PLAN]
    limit = bool(plans) and all(attrs.get("right_to_limit") is True for attrs in plans)
    offered = [frozenset(attrs.get("opt_out") or ()) for attrs in plans]
    return limit, frozenset.intersection(*offered) if offered else frozenset()


def _rights(
    purposes: Iterable[Purpose], jurisdictions: tuple[str, ...], builder: _Builder, analysis: Analysis
) -> tuple[Rights, ...]:
    """The rights to tell, per configured law.

    GDPR: withdrawal only where consent is a basis, portability only with consent or a contract,
    objection only with legitimate interests, a public task or direct marketing. CPRA: the opt-out
    of sale and sharing where data goes to a third party (Global Privacy Control named only when
    every plan honours it), the statement that none is sold or shared when every recipient's role
    says so, neither when a role is unknown (a before-publishing item); the right to limit only
    where every plan declares it offered (ML401 asks for it where it must be).
    """
    purposes = list(purposes)
    bases = {basis.basis for purpose in purposes for basis in purpose.bases}
    marketing = any(covers("marketing", purpose.id) for purpose in purposes)
    told = {
        "withdraw": "consent" in bases,
        "portability": bool(bases & {"consent", "contract"}),
        "object": bool(bases & {"legitimate_interests", "public_task"}) or marketing,
    }
    groups = []
    if "gdpr" in jurisdictions:
        groups.append(Rights(GDPR_TITLE, tuple(right for right in GDPR_RIGHTS if told.get(right.key, True))))
    if "cpra" in jurisdictions:
        limit, opt_outs = _plan_offers(analysis)
        unknown = sorted(set(builder.unknown_roles))
        if unknown and not builder.sells:
            builder.todo.append(
                f"Declare the CPRA role of {', '.join(f'`{name}`' for name in unknown)} (`cpra_role:`): "
                "whether personal information is sold or shared cannot be told."
            )
        rights: list[Right] = []
        for right in CPRA_RIGHTS:
            if right.key == "opt_out":
                if builder.sells:
                    gpc = GPC if "gpc" in opt_outs else ""
                    rights.append(replace(right, text=right.text + gpc))
                elif not unknown:
                    rights.append(NO_SALE)
            elif right.key != "limit" or limit:
                rights.append(right)
        groups.append(Rights(CPRA_TITLE, tuple(rights)))
    return tuple(groups)


def build_notice(analysis: Analysis, inventory: Inventory, jurisdictions: tuple[str, ...] = ("gdpr",)) -> Notice:
    """The notice of the project ``analysis`` checked, whose record of processing is ``inventory``."""
    builder = _Builder(analysis, inventory, jurisdictions)
    if inventory.summary.errors:
        errors = inventory.summary.errors
        builder.todo.append(
            f"`minlint check` reports {errors} error{'s' if errors != 1 else ''} in these specs: fix "
            f"{'them' if errors != 1 else 'it'} first, or this notice may be wrong."
        )
    unexplained = [row for row in inventory.rows if row.personal and not row.purposes and not row.campaigns]
    if unexplained:
        count = len(unexplained)
        which = (
            f"{count} personal-data fields (`{unexplained[0].key}` …) declare"
            if count > 1
            else (f"`{unexplained[0].key}` is personal data and declares")
        )
        builder.todo.append(f"{which} no purpose: they cannot be told until their purpose is declared.")
    uncategorised = [row for row in inventory.rows if row.personal is None]
    if uncategorised:
        count = len(uncategorised)
        first = uncategorised[0].key
        which = (
            f"{count} fields (`{first}` …) declare no data category: if they hold personal data, the notice "
            "cannot tell them."
        )
        if count == 1:
            which = f"`{first}` declares no data category: if it holds personal data, the notice cannot tell it."
        builder.todo.append(which)
    ids = {item.id for row in inventory.rows if row.personal for item in row.purposes}
    ids.update(
        purpose
        for row in inventory.rows
        if row.personal
        for name in row.campaigns
        if name in builder.campaigns
        for purpose in builder.campaigns[name].purposes
    )
    purposes = [found for purpose in sorted(ids) if (found := builder.purpose(purpose)) is not None]
    rights = _rights(purposes, jurisdictions, builder, analysis)
    return Notice(
        generated_from=inventory.generated_from,
        jurisdictions=jurisdictions,
        purposes=tuple(purposes),
        rights=rights,
        todo=tuple(dict.fromkeys(builder.todo)),
        unexplained=len(unexplained) + len(uncategorised),
    )


__all__ = ["build_notice"]
