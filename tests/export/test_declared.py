"""A field's declarations as rows of privacy declarations, and the notes on what Fides cannot say."""

from __future__ import annotations

import json
from typing import Any

from minlint.export.declared import FieldUses, Losses, Use, field_uses, listed, whole_days
from minlint.model.retention import parse_retention
from tests.export.support import build_plan

USES = {"essential.service": "essential.service", "analytics.reporting": "analytics.reporting"}


def attrs_of(**declared: Any) -> dict[str, Any]:
    """A field's attributes as the model builds them from these declarations (JSON is YAML)."""
    spec = build_plan(f"minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n  email: {json.dumps(declared)}\n")
    return spec.fields()[0].attrs


def uses_of(losses: Losses | None = None, **declared: Any) -> FieldUses:
    return field_uses("web", "traits.email", attrs_of(**declared), USES, losses or Losses())


def test_retention_is_whole_days_rounded_down_and_at_least_one() -> None:
    assert whole_days(parse_retention("P13M")) == 395
    assert whole_days(parse_retention("P30D")) == 30
    assert whole_days(parse_retention("P10Y")) == 3652
    assert whole_days(parse_retention("PT12H")) == 1


def test_a_field_serving_two_purposes_is_a_row_for_each_with_its_basis_and_retention() -> None:
    field = uses_of(
        category="user.contact.email",
        purpose=["essential.service", "analytics.reporting"],
        basis={"essential.service": "contract", "analytics.reporting": "legitimate_interests"},
        retention={"essential.service": "P6Y", "analytics.reporting": "P30D"},
        shared_with=["mailchimp"],
        special_condition="explicit_consent",
    )
    assert field == FieldUses(
        "web",
        "traits.email",
        "user.contact.email",
        frozenset(
            {
                Use("essential.service", "Contract", 2191, "Explicit consent", ("mailchimp",)),
                Use("analytics.reporting", "Legitimate interests", 30, "Explicit consent", ("mailchimp",)),
            }
        ),
    )


def test_what_fides_cannot_say_is_one_note_per_kind() -> None:
    losses = Losses()
    uses_of(losses, category="user.contact.email", purpose="essential.service", basis="contract", retention="P13M")
    uses_of(losses, category="user.contact.email", purpose="essential.service", retention="forever")
    uses_of(losses, category="none", purpose="essential.service", retention={"duration": "P30D", "after": "closure"})
    uses_of(losses, purpose="essential.service", basis="contract", shared_with=["a; b"], protection="hashed")
    uses_of(losses, basis="contract", retention="P1Y")
    assert losses.notes() == [
        "retention written in whole days, as Fides counts it, rounded down so that it is never longer than "
        "declared: 13 months as 395",
        "retention `30 days after closure` written as 30 days: Fides's `retention_period` has no event to count "
        "from (web: traits.email)",
        "`protection` not written: Fides has no place for it (web: traits.email)",
        "indefinite retention not written: Fides's `retention_period` counts days (web: traits.email)",
        "no data category: the purposes, bases and retention of these fields are not written, as a Fides privacy "
        "declaration applies to data categories; classify them (web: traits.email)",
        "no purpose: the basis, retention, recipients or special-category condition of these fields are not "
        "written, as a Fides privacy declaration is made for a data use (web: traits.email)",
        "recipient `a; b` not written: Fides's `third_parties` separates names with `;` or `,` (web: traits.email)",
    ]


def test_a_basis_or_condition_fides_does_not_know_is_left_out_with_a_note() -> None:
    losses = Losses()
    field = uses_of(losses, category="none", purpose="essential.service", basis="vibes", special_condition="whim")
    assert field.uses == frozenset({Use("essential.service", None, None, None, ())})
    assert [note.split(":")[0] for note in losses.notes()] == [
        "basis `vibes` is not a lawful basis Fides knows",
        "special-category condition `whim` is not one Fides knows",
    ]


def test_a_note_names_the_first_fields_by_plan_and_counts_the_others() -> None:
    assert listed([("web", "a"), ("web", "b"), ("app", "c")]) == "web: a, b; app: c"
    assert listed([("web", "a"), ("web", "a"), ("web", "b"), ("web", "c"), ("web", "d")]) == "web: a, b, c and 1 more"
