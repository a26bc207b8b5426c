"""Build the record of processing from a checked project: rows, the Art. 30 view, the summary.

The inventory reads the very model ``minlint check`` checked (inheritance resolved, the registry
and taxonomy of the project applied), and the report after configuration, suppressions and the
baseline, so it never says something the checks did not see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from minlint.findings import Finding
from minlint.inventory.attach import Attacher, FieldPlace
from minlint.inventory.describe import Described, describe
from minlint.inventory.model import (
    CampaignView,
    CategoryUse,
    Counts,
    FindingRef,
    Inventory,
    PurposeRef,
    PurposeView,
    Row,
    RuleCount,
)
from minlint.model.purposes import PurposeRegistry
from minlint.model.retention_by_purpose import declared_for, has_retention_for, retention_for
from minlint.model.spec import Spec, Target
from minlint.report import Analysis
from minlint.taxonomy import NONE_CATEGORY, Taxonomy
from minlint.vocabulary import CAMPAIGN, LAWFUL_BASIS_SET, TRACKING_PLAN


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value if item is not None)
    return ()


def human_basis(basis: str) -> str:
    """A lawful basis for people: ``legitimate interests``; an unknown one is shown as written."""
    return basis.replace("_", " ") if basis in LAWFUL_BASIS_SET else basis


def basis_text(purposes: Iterable[str], bases: dict[str, str], declared: object) -> str:
    """One basis when one covers every purpose, else ``purpose: basis; …`` (``(none)`` where missing)."""
    purposes = list(purposes)
    shown = {purpose: human_basis(basis) for purpose, basis in bases.items()}
    return per_purpose_text(purposes, shown, human_basis(declared) if isinstance(declared, str) else None)


def per_purpose_text(purposes: list[str], values: dict[str, str], single: str | None) -> str:
    """``single`` when one value was declared for every purpose, else ``purpose: value; …``.

    A purpose without a value reads ``(none)``; with no purposes, ``single`` or nothing.
    """
    if single is not None and (not purposes or set(values) == set(purposes)):
        return single
    if not purposes or not values:
        return ""
    return "; ".join(f"{purpose}: {values.get(purpose, '(none)')}" for purpose in purposes)


def _retention(
    attrs: dict[str, Any], purposes: list[str]
) -> tuple[str, float | None, tuple[tuple[str, str, float | None], ...]]:
    """The retention shown (one, or per purpose), its longest in days, and each purpose's (text, days)."""
    days = attrs.get("retention_days")
    longest = float(days) if isinstance(days, int | float) else None
    if "retention" not in attrs:
        return "", None, ()
    per_purpose: list[tuple[str, str, float | None]] = []
    for purpose in purposes:
        kept = retention_for(attrs, purpose)
        if kept is not None:
            per_purpose.append((purpose, kept.human(), kept.days))
        elif has_retention_for(attrs, purpose):
            per_purpose.append((purpose, f"unreadable ({declared_for(attrs['retention'], purpose)})", None))
    if isinstance(attrs.get("retention_by_purpose"), dict):
        texts = {purpose: text for purpose, text, _ in per_purpose}
        return per_purpose_text(purposes, texts, None), longest, tuple(per_purpose)
    if attrs.get("retention_error"):
        return f"unreadable ({attrs.get('retention')})", None, tuple(per_purpose)
    return str(attrs.get("retention_text") or ""), longest, tuple(per_purpose)


def _finding_ref(finding: Finding) -> FindingRef:
    return FindingRef(finding.rule, finding.name, finding.severity, finding.message, finding.path, finding.line)


class _Builder:
    """The state of one build: the analysis, purpose descriptions (memoised) and campaigns by field."""

    def __init__(self, analysis: Analysis, only: frozenset[str] | None) -> None:
        self.analysis = analysis
        self.registry: PurposeRegistry = analysis.registry
        self.taxonomy: Taxonomy = analysis.taxonomy
        self.described: dict[str, Described] = {}
        self.reported = [spec for spec in analysis.specs if only is None or spec.path in only]
        self.campaigns = sorted(analysis.index.campaigns, key=lambda spec: (spec.path, spec.line))
        self.users: dict[tuple[str, str], set[str]] = {}  # (file, ref) -> campaigns that use the field
        self.uses: dict[str, list[str]] = {}
        for campaign in self.campaigns:
            keys = self.uses.setdefault(campaign.name, [])
            for use in campaign.uses:
                found = analysis.index.resolve(use.text, suggest=False).resolved
                if found is None:
                    keys.append(use.text)
                    continue
                keys.append(found.qualified)
                self.users.setdefault((found.path, found.ref), set()).add(campaign.name)

    def describe(self, purpose: str) -> Described:
        if purpose not in self.described:
            self.described[purpose] = describe(purpose, self.registry)
        return self.described[purpose]

    def campaign_attrs(self, name: str) -> dict[str, Any]:
        for campaign in self.campaigns:
            if campaign.name == name:
                return next((t.attrs for t in campaign.targets if t.kind == "campaign"), {})
        return {}

    def fields(self) -> list[tuple[Spec, Target]]:
        pairs = [
            (spec, target)
            for spec in self.reported
            if spec.kind in (TRACKING_PLAN, CAMPAIGN)
            for target in spec.targets
            if target.kind == "field"
        ]
        return sorted(pairs, key=lambda pair: (pair[0].path, pair[1].line, pair[1].column, pair[1].ref))

    def row(self, spec: Spec, target: Target, findings: list[Finding]) -> Row:
        attrs = target.attrs
        purposes = [str(purpose) for purpose in attrs.get("purposes", ())]
        bases = {str(key): str(value) for key, value in dict(attrs.get("purpose_bases") or {}).items()}
        collected_by = str(attrs.get("campaign") or "") if spec.kind == CAMPAIGN else ""
        campaigns = set(self.users.get((spec.path, target.ref), set()))
        if collected_by:
            campaigns.add(collected_by)
        shared = _strings(attrs.get("shared_with"))
        recipients = set(shared)
        for name in campaigns:
            recipients.update(_strings(self.campaign_attrs(name).get("recipients")))
        category = str(attrs.get("category") or "")
        known = self.taxonomy.get(category) if category and category != NONE_CATEGORY else None
        retention, days, purpose_retention = _retention(attrs, purposes)
        return Row(
            file=spec.path,
            line=target.line,
            ref=target.ref,
            plan=str(attrs.get("plan") or spec.name),
            section=str(attrs.get("section") or ""),
            event=str(attrs.get("event") or ""),
            collected_by=collected_by,
            description=" ".join(str(attrs.get("description") or "").split()),
            category=category,
            category_name="Not personal data" if category == NONE_CATEGORY else (known.name if known else ""),
            personal=attrs.get("personal") if isinstance(attrs.get("personal"), bool) else None,
            special=bool(attrs.get("special", False)),
            regime=str(attrs.get("regime") or ""),
            purposes=tuple(PurposeRef(purpose, self.describe(purpose).description) for purpose in purposes),
            purpose_bases=tuple((purpose, bases[purpose]) for purpose in purposes if purpose in bases),
            basis=basis_text(purposes, bases, attrs.get("basis")),
            retention=retention,
            retention_days=days,
            purpose_retention=purpose_retention,
            shared_with=tuple(sorted(set(shared))),
            recipients=tuple(sorted(recipients)),
            campaigns=tuple(sorted(campaigns)),
            findings=tuple(_finding_ref(finding) for finding in sorted(findings)),
        )

    def campaign_views(self, rows: list[Row]) -> list[CampaignView]:
        relevant = {spec.name for spec in self.reported if spec.kind == CAMPAIGN}
        relevant.update(name for row in rows for name in row.campaigns)
        views = []
        for campaign in self.campaigns:
            if campaign.name not in relevant:
                continue
            attrs = self.campaign_attrs(campaign.name)
            purposes = [str(purpose) for purpose in attrs.get("purposes", ())]
            bases = {str(key): str(value) for key, value in dict(attrs.get("purpose_bases") or {}).items()}
            views.append(
                CampaignView(
                    name=campaign.name,
                    file=campaign.path,
                    line=next((t.line for t in campaign.targets if t.kind == "campaign"), campaign.line),
                    description=" ".join(str(attrs.get("description") or "").split()),
                    purposes=tuple(purposes),
                    basis=basis_text(purposes, bases, attrs.get("basis")),
                    recipients=tuple(sorted(set(_strings(attrs.get("recipients"))))),
                    uses=tuple(self.uses.get(campaign.name, ())),
                    collects=tuple(t.ref for t in campaign.targets if t.kind == "field"),
                )
            )
        return views

    def purpose_views(self, rows: list[Row], campaigns: list[CampaignView]) -> list[PurposeView]:
        ids = {purpose.id for row in rows for purpose in row.purposes}
        ids.update(purpose for campaign in campaigns for purpose in campaign.purposes)
        views = []
        for purpose in sorted(ids):
            serving = [row for row in rows if any(item.id == purpose for item in row.purposes)]
            categories = {
                row.category: CategoryUse(row.category, row.category_name, row.personal, row.special)
                for row in serving
                if row.category and row.category != NONE_CATEGORY
            }
            bases = {
                human_basis(dict(row.purpose_bases)[purpose]) for row in serving if purpose in dict(row.purpose_bases)
            }
            if any(purpose not in dict(row.purpose_bases) for row in serving):
                bases.add("(none)")
            retentions: dict[str, float | None] = {}
            for row in serving:
                text, days = next(
                    ((text, days) for id_, text, days in row.purpose_retention if id_ == purpose), ("(none)", None)
                )
                retentions[text] = days
            longest = sorted(retentions, key=lambda text: (-(retentions[text] or float("inf")), text))
            described = self.describe(purpose)
            views.append(
                PurposeView(
                    id=purpose,
                    name=described.name,
                    description=described.description,
                    declared=described.declared,
                    categories=tuple(categories[key] for key in sorted(categories)),
                    special=any(row.special for row in serving),
                    bases=tuple(sorted(bases)),
                    retention=tuple(longest),
                    max_retention=described.max_retention,
                    recipients=tuple(sorted({name for row in serving for name in row.recipients})),
                    campaigns=tuple(campaign.name for campaign in campaigns if purpose in campaign.purposes),
                    fields=len(serving),
                    personal_fields=sum(1 for row in serving if row.personal),
                )
            )
        return views

    def category_names(self, rows: list[Row]) -> tuple[tuple[str, str], ...]:
        names: dict[str, str] = {}
        for row in rows:
            key = row.category
            while key and key != NONE_CATEGORY:
                found = self.taxonomy.get(key)
                if found is not None:
                    names[key] = found.name
                key = key.rpartition(".")[0]
        return tuple(sorted(names.items()))


def build_inventory(analysis: Analysis, *, generated_from: str = "", only: frozenset[str] | None = None) -> Inventory:
    """The record of processing of a checked project.

    Lists every field of every tracking plan and every field a campaign ``collects``, ordered by
    (file, line); ``only`` limits the rows to those files (the files a run reports on, when other
    specs were read only as context). ``generated_from`` names the project in the output.
    """
    builder = _Builder(analysis, only)
    pairs = builder.fields()
    places = [
        FieldPlace(spec.path, str(target.attrs.get("plan") or spec.name), target.ref, target.line)
        for spec, target in pairs
    ]
    attached, other = Attacher(places, analysis.index).split(analysis.report.findings)
    rows = [builder.row(spec, target, attached.get(number, [])) for number, (spec, target) in enumerate(pairs)]
    campaigns = builder.campaign_views(rows)
    purposes = builder.purpose_views(rows, campaigns)
    findings = analysis.report.findings
    names = {finding.rule: (finding.name, finding.severity) for finding in findings}
    by_rule = Counter(finding.rule for finding in findings)
    severities = Counter(finding.severity for finding in findings)
    summary = Counts(
        fields=len(rows),
        personal=sum(1 for row in rows if row.personal),
        special=sum(1 for row in rows if row.special),
        uncategorised=sum(1 for row in rows if not row.category),
        purposes=len(purposes),
        campaigns=len(campaigns),
        plans=len({row.plan for row in rows if not row.collected_by}),
        findings=len(findings),
        errors=severities["error"],
        warnings=severities["warning"],
        infos=severities["info"],
        fields_with_findings=sum(1 for row in rows if row.findings),
    )
    return Inventory(
        generated_from=generated_from,
        rows=tuple(rows),
        purposes=tuple(purposes),
        campaigns=tuple(campaigns),
        summary=summary,
        findings_by_rule=tuple(RuleCount(rule, *names[rule], count) for rule, count in sorted(by_rule.items())),
        other_findings=tuple(_finding_ref(finding) for finding in sorted(other)),
        category_names=builder.category_names(rows),
    )
