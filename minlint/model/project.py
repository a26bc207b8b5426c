"""The project as a whole: which plan defines which field, and what a campaign's references mean.

A reference is ``traits.NAME``, ``context.NAME`` or ``EVENT NAME.PROPERTY[.NESTED…]``, optionally
prefixed ``PLAN-NAME:``. Without a prefix it may match fields of several plans; it resolves only
when exactly one plan defines it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import Any, NamedTuple

from minlint.model.spec import Spec, Target
from minlint.vocabulary import CAMPAIGN, TRACKING_PLAN

# What the checks spanning the project (and a campaign's view of the data it uses) read of a
# plan field. A run over many files keeps only these of each field (:class:`FieldFacts`).
FACT_KEYS = (
    "plan",
    "section",
    "event",
    "purposes",
    "basis",
    "purpose_bases",
    "retention",
    "retention_days",
    "retention_after",
    "retention_indefinite",
    "retention_text",
    "category",
    "personal",
    "special",
    "shared_with",
    "special_condition",
)
_FACT_INDEX = {key: index for index, key in enumerate(FACT_KEYS)}

# A plan field as the project sees it: (reference, line, column, values in FACT_KEYS order, None
# where absent) — plain data, cheap to keep a hundred thousand of, to cache and to send between processes.
Fact = tuple[str, int, int, tuple[Any, ...]]


class FieldFacts(Mapping[str, Any]):
    """The attributes of a :data:`Fact`, read like a target's ``attrs`` (a fraction of the memory)."""

    __slots__ = ("_values",)

    def __init__(self, values: tuple[Any, ...]) -> None:
        self._values = values

    def __getitem__(self, key: str) -> Any:
        index = _FACT_INDEX.get(key)
        value = None if index is None else self._values[index]
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        """The attribute ``key``, or ``default`` when the field has none."""
        index = _FACT_INDEX.get(key)
        value = None if index is None else self._values[index]
        return default if value is None else value

    def __iter__(self) -> Iterator[str]:
        return (key for key, value in zip(FACT_KEYS, self._values, strict=True) if value is not None)

    def __len__(self) -> int:
        return sum(1 for value in self._values if value is not None)


def picker(keys: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A fast reader of ``keys`` (each one of :data:`FACT_KEYS`) from a field's attributes, None where
    absent: for comparing the same few attributes of very many fields."""
    slots = itemgetter(*(_FACT_INDEX[key] for key in keys))

    def pick(attrs: Mapping[str, Any]) -> tuple[Any, ...]:
        if type(attrs) is FieldFacts:
            picked: tuple[Any, ...] = slots(attrs._values)  # one C call for every key
            return picked
        return tuple(attrs.get(key) for key in keys)

    return pick


def facts_of(targets: Iterable[Target]) -> list[Fact]:
    """Field targets reduced to their :data:`Fact` values.

    Fields share their declarations' values (see ``model.declarations``): each shared list or dict
    is made plain once, so the facts share it too.
    """
    # id of a value -> (the value, its plain copy); holding the value keeps its id from being reused
    # while ``targets`` (which may be consumed as it goes) lets go of the fields.
    plain: dict[int, tuple[Any, Any]] = {}
    facts: list[Fact] = []
    for target in targets:
        attrs = target.attrs
        values: list[Any] = []
        for key in FACT_KEYS:
            value = attrs.get(key)
            if value is not None and type(value) not in (str, int, float, bool):
                known = plain.get(id(value))
                if known is None:
                    known = plain[id(value)] = (value, _plain(value))
                value = known[1]
            values.append(value)
        facts.append((target.ref, target.line, target.column, tuple(values)))
    return facts


def _plain(value: Any) -> Any:
    """``value`` with the loader's mapping and sequence types turned into plain dicts and lists."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


class FactSharing:
    """Makes equal lists and dicts of many facts one object, for the length of one run.

    Fields tend to repeat the same purposes, bases and recipients; kept once each, a hundred
    thousand facts take a good deal less memory. The values are never modified.
    """

    _SLOTS = tuple(_FACT_INDEX[key] for key in ("purposes", "basis", "purpose_bases", "shared_with", "retention"))

    def __init__(self) -> None:
        self._memo: dict[tuple[object, ...], object] = {}

    def facts(self, facts: list[Fact]) -> list[Fact]:
        """``facts`` with their lists and dicts shared with equal ones seen before."""
        memo = self._memo
        shared: list[Fact] = []
        for fact in facts:
            values = fact[3]
            replaced: list[Any] | None = None
            for slot in self._SLOTS:
                value = values[slot]
                kind = type(value)
                # Only text is shared: as keys, 1, 1.0 and True are equal, and the copy kept would
                # depend on which file came first.
                if kind is list and all(type(item) is str for item in value):
                    key: tuple[object, ...] = (list, *value)
                elif kind is dict and all(type(k) is str and type(v) is str for k, v in value.items()):
                    key = (dict, *value.items())
                else:
                    continue
                found = memo.setdefault(key, value)
                if found is not value:
                    if replaced is None:
                        replaced = list(values)
                    replaced[slot] = found
            shared.append(fact if replaced is None else (fact[0], fact[1], fact[2], tuple(replaced)))
        return shared


class Definition(NamedTuple):
    """A field of a tracking plan, as the rest of the project sees it.

    A named tuple: a large project has one per field, and they are made and sorted in bulk.
    """

    plan: str
    path: str
    ref: str
    line: int
    column: int
    attrs: Mapping[str, Any]

    @property
    def qualified(self) -> str:
        """The reference with its plan prefix: ``storefront-web:traits.email``."""
        return f"{self.plan}:{self.ref}"


class Resolution(NamedTuple):
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
        attrs = definition.attrs
        # One field: same plan, same section and event. Event names may contain dots, so one
        # reference can name two different fields of one plan (`Order.Completed.total`).
        seen.setdefault((definition.plan, attrs.get("section"), attrs.get("event")), definition)
    return tuple(seen.values())


class ProjectIndex:
    """Every plan field by reference, and every campaign, for the checks that span files.

    ``used`` holds the (plan, ref) of every field some campaign uses.
    """

    __slots__ = ("by_ref", "campaigns", "plans", "used")

    def __init__(self) -> None:
        self.by_ref: dict[str, list[Definition]] = {}
        self.plans: set[str] = set()
        self.campaigns: list[Spec] = []
        self.used: set[tuple[str, str]] = set()

    @classmethod
    def of(
        cls, specs: Iterable[Spec], facts: Iterable[tuple[str, str, Fact]] = (), plans: Iterable[str] = ()
    ) -> ProjectIndex:
        """Index the plans and campaigns among ``specs``, and plan fields given as ``facts``
        (``(plan, path, fact)``, when their specs were not kept; ``plans`` names their plans), in
        path order."""
        index = cls()
        index.plans.update(plans)
        fields = [
            Definition(plan, path, ref, line, column, FieldFacts(values))
            for plan, path, (ref, line, column, values) in facts
        ]
        for spec in specs:
            if spec.kind == TRACKING_PLAN:
                index.plans.add(spec.name)
                fields.extend(
                    Definition(spec.name, spec.path, target.ref, target.line, target.column, target.attrs)
                    for target in spec.targets
                    if target.kind == "field"
                )
            elif spec.kind == CAMPAIGN:
                index.campaigns.append(spec)
        index.campaigns.sort(key=lambda campaign: campaign.path)
        fields.sort(key=lambda definition: definition.path)  # stable: document order within a file
        by_ref = index.by_ref
        for definition in fields:
            index.plans.add(definition.plan)
            found = by_ref.get(definition.ref)
            if found is None:
                by_ref[definition.ref] = [definition]
            else:
                found.append(definition)
        for campaign in index.campaigns:
            for use in campaign.uses:
                resolved = index.resolve(use.text, suggest=False).resolved
                if resolved is not None:
                    index.used.add((resolved.plan, resolved.ref))
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
            definition.qualified if plan is not None else definition.ref
            for definitions in self.by_ref.values()
            for definition in definitions
            if plan is None or definition.plan == plan
        ]
        wanted = f"{plan}:{ref}" if plan is not None else ref
        from difflib import get_close_matches  # only when a suggestion is needed

        close = get_close_matches(wanted, sorted(set(candidates)), n=1, cutoff=0.75)
        return close[0] if close else None
