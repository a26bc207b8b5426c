"""Build the notice from a checked project's record of processing, the purposes and recipients registries.

Only personal data is told: a purpose whose fields are all non-personal is left out, and so are
the non-personal fields of the others. The words come from the specs themselves — the registry's
description of each purpose, its stated interest, the recipients' descriptions — and where one is
missing the notice says so rather than inventing text (:attr:`Notice.todo`).
"""

from __future__ import annotations

from collections.abc import Iterable

from minlint.inventory.describe import describe
from minlint.inventory.model import Inventory, Row
from minlint.model.purposes import PurposeRegistry
from minlint.model.recipients import RecipientRegistry
from minlint.notice.model import Basis, DataItem, Kept, Notice, Purpose, Recipient, Right, Rights
from minlint.notice.words import (
    BASES,
    CPRA_RIGHTS,
    CPRA_TITLE,
    GDPR_RIGHTS,
    GDPR_TITLE,
    NO_SALE,
    OPT_OUT_LAW,
    TRANSFERS,
    country_name,
    data_name,
    purpose_title,
    sentence_part,
)
from minlint.report import Analysis
from minlint.taxonomy import covers
from minlint.vocabulary import RECIPIENTS


def _serves(row: Row, purpose: str) -> bool:
    return any(item.id == purpose for item in row.purposes)


def _broadest(rows: list[Row]) -> list[Row]:
    """The rows whose category no other row's category covers (an address, not also its street and city)."""
    categories = {row.category for row in rows if row.category}
    return [
        row
        for row in rows
        if not any(other != row.category and covers(other, row.category) for other in categories if row.category)
    ]


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
    """How long ``row`` is kept for ``purpose``, and in days (None: indefinite or unreadable)."""
    return next(((text, days) for id_, text, days in row.purpose_retention if id_ == purpose), ("not stated", None))


def _kept(rows: list[Row], purpose: str) -> tuple[Kept, ...]:
    """Each period and the data kept for it; a part kept as long as the data it belongs to is told as that data."""
    periods: dict[str, tuple[float, list[str]]] = {}
    for row in rows:
        text, days = _period(row, purpose)
        told_whole = any(
            other is not row
            and other.category
            and row.category
            and other.category != row.category
            and covers(other.category, row.category)
            and _period(other, purpose)[0] == text
            for other in rows
        )
        if told_whole:
            continue
        name = _name(row)
        _, names = periods.setdefault(text, (days if days is not None else float("inf"), []))
        if name not in names:
            names.append(name)
    order = sorted(periods, key=lambda text: (periods[text][0], text))
    return tuple(Kept(text, tuple(periods[text][1])) for text in order)


class _Builder:
    def __init__(self, analysis: Analysis, inventory: Inventory) -> None:
        self.inventory = inventory
        self.purposes: PurposeRegistry = analysis.registry
        self.recipients = RecipientRegistry(
            definition for spec in analysis.specs if spec.kind == RECIPIENTS for definition in spec.recipients
        )
        self.todo: list[str] = []
        self.sells = False  # whether personal data goes to a CPRA third party (a sale or share)

    def bases(self, purpose: str, rows: list[Row]) -> tuple[Basis, ...]:
        used = sorted({dict(row.purpose_bases).get(purpose, "") for row in rows} - {""})
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
        if not used:
            self.todo.append(f"Declare the legal basis of `{purpose}`.")
        return tuple(found)

    def recipients_of(self, rows: list[Row]) -> tuple[Recipient, ...]:
        names = sorted({name for row in rows for name in row.recipients})
        found = []
        for name in names:
            definition = self.recipients.lookup(name)
            if definition is None:
                found.append(Recipient(name, "", "", ""))
                continue
            self.sells = self.sells or definition.cpra_role == "third_party"
            country = definition.country or ""
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
        rows = [row for row in self.inventory.rows if row.personal and _serves(row, purpose)]
        if not rows:
            return None
        described = describe(purpose, self.purposes)
        governing = self.purposes.lookup(purpose)
        # Only the registry's own words: the Fides taxonomy's are written for engineers (ML305 asks for these).
        description = " ".join((governing.description or "").split()) if governing is not None else ""
        if not description:
            self.todo.append(f"Describe `{purpose}` for customers (`description:` in the purposes registry).")
        return Purpose(
            id=purpose,
            title=purpose_title(purpose, described.name),
            description=description,
            data=_data(rows),
            bases=self.bases(purpose, rows),
            recipients=self.recipients_of(rows),
            kept=_kept(rows, purpose),
        )


def _rights(purposes: Iterable[Purpose], jurisdictions: tuple[str, ...], sells: bool) -> tuple[Rights, ...]:
    """The rights to tell, per configured law: GDPR's (withdrawal and portability only where a basis gives
    them), then CPRA's (the opt-out of sale and sharing where data goes to a third party, else the
    statement that none is sold or shared, which §1798.120 and the regulations' §7011 ask for)."""
    bases = {basis.basis for purpose in purposes for basis in purpose.bases}
    groups = []
    if "gdpr" in jurisdictions:
        rights: list[Right] = []
        for right in GDPR_RIGHTS:
            if right.law == "GDPR Art. 7(3)" and "consent" not in bases:
                continue
            if right.law == "GDPR Art. 20" and not bases & {"consent", "contract"}:
                continue
            rights.append(right)
        groups.append(Rights(GDPR_TITLE, tuple(rights)))
    if "cpra" in jurisdictions:
        rights = [right for right in CPRA_RIGHTS if sells or right.law != OPT_OUT_LAW]
        if not sells:
            rights.insert(3, NO_SALE)
        groups.append(Rights(CPRA_TITLE, tuple(rights)))
    return tuple(groups)


def build_notice(analysis: Analysis, inventory: Inventory, jurisdictions: tuple[str, ...] = ("gdpr",)) -> Notice:
    """The notice of the project ``analysis`` checked, whose record of processing is ``inventory``."""
    builder = _Builder(analysis, inventory)
    unexplained = [row for row in inventory.rows if row.personal and not row.purposes]
    if unexplained:
        count = len(unexplained)
        which = (
            f"{count} personal-data fields (`{unexplained[0].key}` …) declare"
            if count > 1
            else (f"`{unexplained[0].key}` is personal data and declares")
        )
        builder.todo.append(f"{which} no purpose: they cannot be told until their purpose is declared.")
    ids = sorted({item.id for row in inventory.rows if row.personal for item in row.purposes})
    purposes = [found for purpose in ids if (found := builder.purpose(purpose)) is not None]
    return Notice(
        generated_from=inventory.generated_from,
        jurisdictions=jurisdictions,
        purposes=tuple(purposes),
        rights=_rights(purposes, jurisdictions, builder.sells),
        todo=tuple(dict.fromkeys(builder.todo)),
        unexplained=len(unexplained),
    )


__all__ = ["build_notice"]
