"""conflicting-definition finds, for each definition, the first one disagreeing with it in one pass;
it must give exactly what comparing every pair did (the reference below is the earlier code)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from minlint.engine.campaigns import conflicting_definition
from minlint.engine.rule import ProjectContext, ProjectHit
from minlint.engine.wording import code_list
from minlint.model.project import FACT_KEYS, Definition, FieldFacts, ProjectIndex
from minlint.model.purposes import PurposeRegistry
from minlint.model.retention import RetentionError, parse_retention
from minlint.taxonomy import Taxonomy


# -- the reference: the quadratic comparison as it was (commit 16e6a61), retention per purpose since issue 14 --
def _reference_declaration(definition: Definition) -> dict[str, tuple[object, str]]:
    """Each declaration of a field as ``(what to compare, how to show it)``."""
    attrs = definition.attrs
    retention_key = _reference_retention(attrs)
    values: dict[str, object] = {
        "purpose": sorted(attrs.get("purposes", [])),
        # Per purpose, so that `basis: contract` equals `{essential.service: contract, marketing: contract}`.
        "basis": attrs.get("purpose_bases") or attrs.get("basis"),
        "category": attrs.get("category"),
        "shared_with": sorted(attrs.get("shared_with", [])),
        "special_condition": attrs.get("special_condition"),
    }
    declared = {key: (_reference_comparable(value), _reference_shown(value)) for key, value in values.items()}
    declared["basis"] = (declared["basis"][0], _reference_shown(attrs.get("basis")))
    declared["retention"] = (retention_key, _reference_shown(attrs.get("retention_text", attrs.get("retention"))))
    return declared


def _reference_retention(attrs: Mapping[str, Any]) -> object:
    """Retention compared per purpose (issue 14): each purpose's own entry of a mapping, or the one retention."""
    written = attrs.get("retention")
    compared = []
    for purpose in sorted(attrs.get("purposes", [])) or [""]:
        value = written
        if isinstance(written, dict) and "duration" not in written and "after" not in written:
            value, key = None, purpose
            while key:
                if written.get(key) is not None:
                    value = written[key]
                    break
                key = key.rpartition(".")[0]
        try:
            parsed = None if value is None else parse_retention(value)
        except RetentionError:
            compared.append((purpose, ("text", _reference_comparable(value))))
            continue
        if parsed is None:
            compared.append((purpose, None))
        else:
            # Equal durations written differently (P12M, P1Y) compare equal.
            compared.append(
                (purpose, ("indefinite",) if parsed.days is None else (round(parsed.days, 6), parsed.after))
            )
    return tuple(compared)


def _reference_comparable(value: object) -> object:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def reference_conflicting_definition(
    index: ProjectIndex, options: Mapping[str, Any], context: ProjectContext
) -> Iterator[ProjectHit]:
    """The same reference declares the same thing wherever it is defined.

    Purpose, basis, retention, category, recipients and special condition must agree; every
    definition that differs from another is reported, naming the first one it disagrees with.
    """
    for ref in sorted(index.by_ref):
        definitions = index.by_ref[ref]
        if len(definitions) < 2:
            continue
        ordered = sorted(definitions, key=lambda item: (item.path, item.line))
        declared = [_reference_declaration(definition) for definition in ordered]
        for position, definition in enumerate(ordered):
            # Each definition is reported against the first one that disagrees with it, so a change
            # to either side shows up wherever the check looks (pre-commit names only changed files).
            for other_index, other in enumerate(ordered):
                if other_index == position:
                    continue
                mine, theirs = declared[position], declared[other_index]
                differing = [key for key in mine if mine[key][0] != theirs[key][0]]
                if "purpose" in differing and "basis" in differing:
                    differing.remove("basis")  # bases are per purpose: different purposes, different bases
                if not differing:
                    continue
                details = "; ".join(f"{key} {mine[key][1]} here, {theirs[key][1]} there" for key in differing)
                yield ProjectHit(
                    definition.path,
                    definition.line,
                    definition.column,
                    f"`{ref}` is also defined in {other.path}:{other.line} (plan `{other.plan}`), "
                    f"differently: {details}",
                    ref,
                    definition.plan,
                )
                break


def _reference_shown(value: object) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, list):
        return code_list(str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"`{key}: {item}`" for key, item in value.items())
    return f"`{value}`"


# -- generated definitions: few distinct values, so that agreeing and disagreeing both happen -----------------

VALUES: dict[str, st.SearchStrategy[Any]] = {
    "purposes": st.sampled_from([None, ["a"], ["b"], ["a", "b"], ["b", "a"]]),
    "basis": st.sampled_from([None, "consent", "contract"]),
    "purpose_bases": st.sampled_from([None, {"a": "consent"}, {"a": "contract"}]),
    "category": st.sampled_from([None, "user.contact.email", "none"]),
    "shared_with": st.sampled_from([None, ["x"], ["x", "y"], ["y", "x"]]),
    "special_condition": st.sampled_from([None, "explicit_consent"]),
    "retention": st.sampled_from(
        [
            None,
            "P1Y",
            "P12M",
            "forever",
            "30",
            {"a": "P1Y"},
            {"a": "P12M", "b": "P1Y"},
            {"duration": "P1Y", "after": "x"},
        ]
    ),
    "retention_days": st.sampled_from([None, 365.0, 365.0000001, 30.0]),
    "retention_after": st.sampled_from([None, "collection"]),
    "retention_indefinite": st.sampled_from([None, True]),
    "retention_text": st.sampled_from([None, "P1Y", "one year"]),
}


@st.composite
def definitions(draw: st.DrawFn) -> list[Definition]:
    count = draw(st.integers(min_value=1, max_value=6))
    made = []
    for number in range(count):
        values = tuple(draw(VALUES[key]) if key in VALUES else None for key in FACT_KEYS)
        path = f"plans/p{draw(st.integers(min_value=0, max_value=3))}.yaml"
        made.append(Definition(f"plan{number}", path, "traits.email", number + 1, 3, FieldFacts(values)))
    return made


def run(check: Any, groups: list[list[Definition]]) -> list[ProjectHit]:
    index = ProjectIndex()
    for number, group in enumerate(groups):
        index.by_ref[f"traits.f{number}"] = [definition._replace(ref=f"traits.f{number}") for definition in group]
    hits: Iterator[ProjectHit] = check(index, {}, ProjectContext(PurposeRegistry(), Taxonomy.builtin()))
    return list(hits)


@settings(max_examples=300, deadline=None)
@given(st.lists(definitions(), min_size=1, max_size=4))
def test_the_one_pass_check_reports_exactly_what_comparing_every_pair_did(groups: list[list[Definition]]) -> None:
    assert run(conflicting_definition, groups) == run(reference_conflicting_definition, groups)
