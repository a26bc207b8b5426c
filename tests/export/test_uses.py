"""Each purpose's Fides data use: its own id, a data use the registry gives, or a refusal."""

from __future__ import annotations

from typing import Any

from minlint.export.model import Refusal
from minlint.export.uses import Place, resolve_uses
from minlint.model.purposes import PurposeRegistry
from minlint.model.spec import PurposeDef

FIELD = Place("web.yaml", 9, 14)


def purpose(purpose_id: str, line: int, description: str | None = None, **options: Any) -> PurposeDef:
    return PurposeDef(purpose_id, description, None, None, "purposes.yaml", line, 3, options)


def test_a_fides_data_use_and_one_below_it_are_their_own_data_use() -> None:
    found = resolve_uses({"analytics.reporting": FIELD, "marketing.communications.push": FIELD}, PurposeRegistry())
    assert found.of == {
        "analytics.reporting": "analytics.reporting",
        "marketing.communications.push": "marketing.communications.push",
    }
    assert (found.notes, found.refusals) == ([], [])


def test_a_data_use_below_fides_own_is_defined_with_every_level_fides_lacks() -> None:
    registry = PurposeRegistry([purpose("marketing.communications.push.promo", 4, "Promotions by push.")])
    found = resolve_uses({"marketing.communications.push.promo": FIELD}, registry)
    assert found.resources == [
        {
            "fides_key": "marketing.communications.push",
            "name": "Marketing communications push",
            "description": "A data use below Fides's `marketing.communications`.",
            "parent_key": "marketing.communications",
        },
        {
            "fides_key": "marketing.communications.push.promo",
            "name": "Marketing communications push promo",
            "description": "Promotions by push.",
            "parent_key": "marketing.communications.push",
        },
    ]


def test_a_registry_data_use_is_the_purposes_and_its_sub_purposes_and_says_so() -> None:
    registry = PurposeRegistry([purpose("fraud", 4, data_use="essential.fraud_detection")])
    found = resolve_uses({"fraud": FIELD, "fraud.cards": FIELD}, registry)
    assert found.of == {"fraud": "essential.fraud_detection", "fraud.cards": "essential.fraud_detection"}
    assert found.notes == [
        "purpose `fraud` is written as Fides data use `essential.fraud_detection` (its `data_use`): read back, its "
        "fields serve `essential.fraud_detection`",
        "purpose `fraud.cards` is written as Fides data use `essential.fraud_detection` (its `data_use`): read back, "
        "its fields serve `essential.fraud_detection`",
    ]


def test_a_registry_data_use_wins_over_the_purposes_own_id() -> None:
    registry = PurposeRegistry([purpose("analytics.reporting", 4, data_use="analytics")])
    assert resolve_uses({"analytics.reporting": FIELD}, registry).of == {"analytics.reporting": "analytics"}


def test_a_purpose_with_no_data_use_is_refused_at_its_entry_or_where_a_field_declares_it() -> None:
    registry = PurposeRegistry([purpose("fraud_screening", 4)])
    found = resolve_uses({"fraud_screening": FIELD, "loyalty": FIELD}, registry)
    assert found.of == {}
    assert [refusal[:3] for refusal in found.refusals] == [("purposes.yaml", 4, 3), ("web.yaml", 9, 14)]
    assert "declare `data_use:` on its entry in the purposes registry, e.g. `data_use: essential.fraud_detection`" in (
        found.refusals[0].message
    )
    assert "add it to the purposes registry with `data_use:`, one of Fides's data uses (analytics, " in (
        found.refusals[1].message
    )


def test_a_registry_data_use_fides_does_not_have_is_refused() -> None:
    registry = PurposeRegistry([purpose("loyalty", 6, data_use="acme.loyalty")])
    (refusal,) = resolve_uses({"loyalty": FIELD}, registry).refusals
    assert isinstance(refusal, Refusal)
    assert str(refusal).startswith(
        "purposes.yaml:6:3: the `data_use: acme.loyalty` of purpose `loyalty` is not one of Fides's data uses nor "
        "below one; write one of Fides's data uses ("
    )
