"""The project as a whole: which plan defines which field, and what a campaign's references mean.

A reference is ``traits.NAME``, ``context.NAME`` or ``EVENT NAME.PROPERTY[.NESTED…]``, optionally
prefixed ``PLAN-NAME:``. Without a prefix it may match fields of several plans; it resolves only
when exactly one plan defines it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from minlint.model.spec import Spec, Target
from minlint.model.vocabulary import CAMPAIGN, TRACKING_PLAN


@dataclass(frozen=True, slots=True)
class Definition:
    """A field of a tracking plan, as the rest of the project sees it."""

    plan: str
    path: str
    target: Target

    @property
    def qualified(self) -> str:
        """The reference with its plan prefix: ``storefront-web:traits.email``."""
        return f"{self.plan}:{self.target.ref}"


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a reference resolves to: one definition, none (``suggestion`` may help), or several."""

    text: str
    definitions: tuple[Definition, ...]
    suggestion: str | None = None

    @property
    def resolved(self) -> Definition | None:
        """The single definition, or None when unresolved or ambiguous."""
        return self.definitions[0] if len(self.definitions) == 1 else None


def _one_per_plan(definitions: Iterable[Definition]) -> tuple[Definition, ...]:
    """The first definition (in path order) of each plan.

    A plan split over files is still one plan; where its parts disagree, conflicting-definition
    (ML205) says so.
    """
    seen: dict[tuple[str, object, object], Definition] = {}
    for definition in definitions:
        attrs = definition.target.attrs
        # One field: same plan, same section and event. Event names may contain dots, so one
        # reference can name two different fields of one plan (`Order.Completed.total`).
        seen.setdefault((definition.plan, attrs.get("section"), attrs.get("event")), definition)
    return tuple(seen.values())


@dataclass
class ProjectIndex:
    """Every plan field by reference, and every campaign, for the checks that span files."""

    by_ref: dict[str, list[Definition]] = field(default_factory=dict)
    plans: set[str] = field(default_factory=set)
    campaigns: list[Spec] = field(default_factory=list)
    used: set[tuple[str, str]] = field(default_factory=set)  # (plan, ref) of every field some campaign uses

    @classmethod
    def of(cls, specs: Iterable[Spec]) -> ProjectIndex:
        """Index the plans and campaigns among ``specs`` (in path order, so results are deterministic)."""
        index = cls()
        for spec in sorted(specs, key=lambda item: item.path):
            if spec.kind == TRACKING_PLAN:
                index.plans.add(spec.name)
                for target in spec.targets:
                    if target.kind == "field":
                        index.by_ref.setdefault(target.ref, []).append(Definition(spec.name, spec.path, target))
            elif spec.kind == CAMPAIGN:
                index.campaigns.append(spec)
        for campaign in index.campaigns:
            for use in campaign.uses:
                found = index.resolve(use.text, suggest=False).resolved
                if found is not None:
                    index.used.add((found.plan, found.target.ref))
        return index

    def resolve(self, text: str, *, suggest: bool = True) -> Resolution:
        """Resolve a campaign's reference against every plan of the project."""
        plan, _, rest = text.partition(":")
        if rest and plan in self.plans:
            found = _one_per_plan(item for item in self.by_ref.get(rest, ()) if item.plan == plan)
            if found or text not in self.by_ref:
                return Resolution(text, found, None if found or not suggest else self._suggest(rest, plan))
        found = _one_per_plan(self.by_ref.get(text, ()))
        if found:
            return Resolution(text, found)
        return Resolution(text, (), self._suggest(text, None) if suggest else None)

    def _suggest(self, ref: str, plan: str | None) -> str | None:
        candidates = [
            definition.qualified if plan is not None else definition.target.ref
            for definitions in self.by_ref.values()
            for definition in definitions
            if plan is None or definition.plan == plan
        ]
        wanted = f"{plan}:{ref}" if plan is not None else ref
        close = difflib.get_close_matches(wanted, sorted(set(candidates)), n=1, cutoff=0.75)
        return close[0] if close else None
