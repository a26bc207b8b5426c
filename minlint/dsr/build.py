"""Build the runbook of a data-subject request from a checked project and its record of processing.

The record of processing (:mod:`minlint.inventory`) already knows every field, its category,
retention and recipients; the runbook adds what each plan declares as its ``subject_id`` and what
the recipients registry says about erasure and export, and lists what keeps a request from being
served (the same gaps ML307, ML309 and ML310 report, here as steps to take).
"""

from __future__ import annotations

from collections.abc import Iterable

from minlint.dsr.model import (
    NO_CATEGORY,
    Gap,
    HeldField,
    Identifier,
    IdentifierUse,
    RecipientStep,
    Runbook,
    Store,
    SubjectKey,
)
from minlint.engine.wording import code_list
from minlint.inventory.model import Inventory, Row
from minlint.model.campaigns import uses_reference
from minlint.model.recipients import RecipientRegistry
from minlint.model.spec import Spec, Target
from minlint.report import Analysis
from minlint.vocabulary import CAMPAIGN, TRACKING_PLAN


def _head(spec: Spec) -> Target | None:
    """The plan's (campaign's) own target, which carries its ``subject_id``."""
    return next((target for target in spec.targets if target.kind in ("plan", "campaign")), None)


def _store_of(row: Row) -> tuple[str, str]:
    """The (kind, name) of the plan or campaign a row belongs to."""
    return (CAMPAIGN, row.collected_by) if row.collected_by else (TRACKING_PLAN, row.plan)


def _held(row: Row) -> HeldField:
    return HeldField(
        ref=row.ref,
        file=row.file,
        line=row.line,
        category=row.category,
        category_name=row.category_name,
        special=row.special,
        retention=row.retention,
        purposes=tuple(purpose.id for purpose in row.purposes),
        recipients=row.recipients,
    )


class _Builder:
    def __init__(self, analysis: Analysis, inventory: Inventory) -> None:
        self.analysis = analysis
        self.inventory = inventory
        self.registry = RecipientRegistry.of_specs(analysis.specs)
        self.rows: dict[tuple[str, str], list[Row]] = {}  # (kind, name) of a store -> its personal rows
        for row in inventory.rows:
            if row.personal:
                self.rows.setdefault(_store_of(row), []).append(row)
        self.gaps: list[Gap] = []

    def heads(self) -> list[tuple[Spec, Target, list[tuple[str, int]]]]:
        """Each plan and campaign once, at its first file (in path order), with the ``subject_id`` entries
        of all its files (a plan split over files may declare them in any) and the line of each."""
        found: dict[tuple[str, str], tuple[Spec, Target, list[tuple[str, int]]]] = {}
        for spec in sorted(self.analysis.specs, key=lambda spec: (spec.path, spec.line)):
            head = _head(spec) if spec.kind in (TRACKING_PLAN, CAMPAIGN) else None
            if head is None:
                continue
            entry = found.setdefault((spec.kind, spec.name), (spec, head, []))
            declared = entry[2]
            places = head.attrs.get("subject_id_at") or []
            elsewhere = bool(head.attrs.get("subject_id_in"))
            for index, ref in enumerate(head.attrs.get("subject_id") or []):
                line = places[index][0] if index < len(places) and not elsewhere and spec is entry[0] else entry[1].line
                if isinstance(ref, str) and ref and ref not in (name for name, _ in declared):
                    declared.append((ref, line))
        return list(found.values())

    def subject_key(self, spec: Spec, head: Target, ref: str) -> SubjectKey | None:
        """The category of a ``subject_id`` entry: a field of the store, else a plan field a campaign uses."""
        for row in self.inventory.rows:
            if _store_of(row) == (spec.kind, spec.name) and row.ref == ref:
                return SubjectKey(ref, row.category, row.category_name, row.personal is not False)
        if spec.kind == CAMPAIGN and uses_reference(head.attrs, ref):
            qualified = [use for use in head.attrs.get("used_refs") or [] if use == ref or use.endswith(f":{ref}")]
            found = self.analysis.index.resolve(qualified[0] if qualified else ref, suggest=False).resolved
            if found is not None:
                category = str(found.attrs.get("category") or "")
                known = self.analysis.taxonomy.get(category) if category else None
                return SubjectKey(ref, category, known.name if known else "", found.attrs.get("personal") is not False)
        return None

    def store(self, spec: Spec, head: Target, declared: list[tuple[str, int]]) -> Store | None:
        rows = self.rows.get((spec.kind, spec.name), [])
        uncategorised = [
            row for row in self.inventory.rows if _store_of(row) == (spec.kind, spec.name) and row.personal is None
        ]
        if not rows and not uncategorised:
            return None
        keys: list[SubjectKey] = []
        for ref, line in declared:
            key = self.subject_key(spec, head, ref)
            if key is None:
                message = f"`{spec.name}` names `{ref}` as its subject identifier, but has no such field"
                self.gaps.append(
                    Gap("unknown-subject-id", f"{message}: its records cannot be found by it", spec.path, line)
                )
                continue
            if not key.personal:
                self.gaps.append(
                    Gap(
                        "not-personal-subject-id",
                        f"`{spec.name}` finds records by `{ref}`, declared not personal: a field that finds a person "
                        "is personal data; declare its category",
                        spec.path,
                        line,
                    )
                )
            keys.append(key)
        if not declared and rows:
            what = "campaign" if spec.kind == CAMPAIGN else "plan"
            fields = f"{len(rows)} field{'s' if len(rows) != 1 else ''}"
            self.gaps.append(
                Gap(
                    "no-subject-id",
                    f"`{spec.name}` holds personal data ({fields}) but declares no `subject_id`: nobody can tell "
                    f"which field finds a person's records there; declare it on the {what}",
                    spec.path,
                    head.line,
                )
            )
        if uncategorised:
            count = len(uncategorised)
            first = uncategorised[0].ref
            which = f"{count} fields with no data category (`{first}` …): if they hold personal data, they are"
            if count == 1:
                which = f"a field with no data category (`{first}`): if it holds personal data, it is"
            self.gaps.append(
                Gap(
                    "uncategorised",
                    f"`{spec.name}` has {which} missing from this runbook",
                    uncategorised[0].file,
                    uncategorised[0].line,
                )
            )
        return Store(
            name=spec.name,
            kind=spec.kind,
            file=spec.path,
            line=head.line,
            subject_ids=tuple(keys),
            declared_ids=tuple(ref for ref, _ in declared),
            fields=tuple(_held(row) for row in rows),
            recipients=tuple(sorted({name for row in rows for name in row.recipients})),
        )

    def recipients(self, stores: Iterable[Store]) -> list[RecipientStep]:
        receives: dict[str, list[str]] = {}
        first: dict[str, tuple[str, int]] = {}  # where each recipient is first sent data
        for store in stores:
            for field in store.fields:
                for name in field.recipients:
                    receives.setdefault(name, []).append(f"{store.name}:{field.ref}")
                    first.setdefault(name, (field.file, field.line))
        steps = []
        for name in sorted(receives):
            definition = self.registry.lookup(name)
            registry = "the recipients registry does not say" if self.registry else "no recipients registry says"
            if definition is None:
                self.gaps.append(
                    Gap(
                        "undeclared-recipient",
                        f"`{name}` receives personal data ({code_list(receives[name][:3])}"
                        f"{' …' if len(receives[name]) > 3 else ''}) but {registry} how it erases or exports a "
                        "person's data",
                        *first[name],
                    )
                )
                steps.append(RecipientStep(name=name, declared=False, receives=tuple(receives[name])))
                continue
            if definition.erasure in (None, "none"):
                said = "cannot erase" if definition.erasure == "none" else "does not say how it erases"
                self.gaps.append(
                    Gap(
                        "no-erasure",
                        f"`{name}` {said} a person's data: an erasure request cannot be passed on to it "
                        "(GDPR Art. 19, 28(3)(e); CPRA §1798.105(c))",
                        definition.path,
                        definition.line,
                    )
                )
            # A processor (service provider, contractor) helps answer access requests; a controller answers its own.
            answers_for_us = definition.role != "controller" and definition.cpra_role != "third_party"
            if answers_for_us and definition.export in (None, "none"):
                said = "cannot export" if definition.export == "none" else "does not say how it exports"
                self.gaps.append(
                    Gap(
                        "no-export",
                        f"`{name}` {said} a person's data: access and portability requests (Art. 15, 20) cannot "
                        "cover what it holds; agree and declare `export:`",
                        definition.path,
                        definition.line,
                    )
                )
            steps.append(
                RecipientStep(
                    name=name,
                    declared=True,
                    description=" ".join((definition.description or "").split()),
                    role=definition.role or "",
                    cpra_role=definition.cpra_role or "",
                    country=definition.country or "",
                    erasure=definition.erasure or "",
                    export=definition.export or "",
                    file=definition.path,
                    line=definition.line,
                    receives=tuple(receives[name]),
                )
            )
        return steps


def _identifiers(stores: Iterable[Store]) -> list[Identifier]:
    """Each kind of identifier (by data category) and where it finds records; uncategorised ones last."""
    uses: dict[str, list[IdentifierUse]] = {}
    names: dict[str, str] = {}
    for store in stores:
        for key in store.subject_ids:
            if not key.personal:
                continue  # not something to ask a person for: the gaps say so
            category = key.category or NO_CATEGORY
            uses.setdefault(category, []).append(IdentifierUse(store.name, key.ref))
            names.setdefault(category, key.category_name)
    order = sorted(uses, key=lambda category: (category == NO_CATEGORY, category))
    return [Identifier(category, names[category], tuple(uses[category])) for category in order]


def build_runbook(analysis: Analysis, inventory: Inventory) -> Runbook:
    """The runbook of the project ``analysis`` checked, whose record of processing is ``inventory``."""
    builder = _Builder(analysis, inventory)
    stores = [store for spec, head, ids in builder.heads() if (store := builder.store(spec, head, ids)) is not None]
    steps = builder.recipients(stores)
    gaps = sorted(builder.gaps, key=lambda gap: (gap.file == "", gap.file, gap.line, gap.kind, gap.message))
    return Runbook(
        generated_from=inventory.generated_from,
        identifiers=tuple(_identifiers(stores)),
        stores=tuple(stores),
        recipients=tuple(steps),
        gaps=tuple(gaps),
    )
