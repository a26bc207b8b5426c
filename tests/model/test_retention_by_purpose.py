"""A retention per purpose in the model: which retention each purpose gets, and what the field as a whole says."""

from __future__ import annotations

import pytest

from minlint.model.declarations import _contribution
from minlint.model.retention import DAYS_PER_YEAR
from minlint.model.retention_by_purpose import (
    declared_for,
    has_retention_for,
    is_per_purpose,
    retention_for,
    retention_key,
)


def attrs_of(retention: object, purposes: list[str]) -> dict[str, object]:
    contributed = _contribution("retention", retention)
    return {**(contributed or {}), "purposes": purposes}


@pytest.mark.parametrize(
    ("value", "per_purpose"),
    [
        ("P1Y", False),
        ({"duration": "P30D", "after": "account_closure"}, False),
        ({"duration": "P30D"}, False),
        ({"after": "account_closure"}, False),  # one retention missing its duration (ML006), not a purpose "after"
        ({"analytics.reporting": "P25M"}, True),
        ({}, True),
    ],
)
def test_a_mapping_is_a_retention_per_purpose_unless_it_has_a_duration_or_after_key(
    value: object, per_purpose: bool
) -> None:
    assert is_per_purpose(value) is per_purpose


def test_each_purpose_gets_its_own_entry_and_a_key_covers_its_sub_purposes() -> None:
    attrs = attrs_of({"analytics": "P13M", "essential.legal_obligation": "P10Y"}, ["analytics.reporting"])
    assert retention_for(attrs, "analytics.reporting").human() == "13 months"  # type: ignore[union-attr]
    assert retention_key(attrs, "analytics.reporting") == "analytics"
    assert retention_for(attrs, "marketing.advertising") is None
    assert has_retention_for(attrs, "marketing.advertising") is False


def test_the_field_as_a_whole_is_kept_as_long_as_its_longest_retention() -> None:
    attrs = attrs_of({"analytics.reporting": "P13M", "essential.legal_obligation": "P10Y"}, [])
    assert attrs["retention_days"] == pytest.approx(10 * DAYS_PER_YEAR)
    assert attrs["retention_text"] == "analytics.reporting: 13 months; essential.legal_obligation: 10 years"
    assert attrs["retention_indefinite"] is False
    assert "retention_error" not in attrs


def test_one_purpose_kept_forever_makes_the_whole_indefinite_and_without_days() -> None:
    attrs = attrs_of({"analytics.reporting": "P13M", "essential.service": "forever"}, [])
    assert attrs["retention_indefinite"] is True
    assert "retention_days" not in attrs


def test_an_unreadable_entry_is_an_error_of_that_purpose_and_still_counts_as_declared() -> None:
    attrs = attrs_of({"analytics.reporting": 30, "essential.service": "P1Y"}, ["analytics.reporting"])
    assert attrs["retention_errors"] == {
        "analytics.reporting": "retention `30` has no unit; write `30 days` (`P30D`), `30 months` (`P30M`) "
        "or `30 years` (`P30Y`), whichever is meant"
    }
    assert attrs["retention_error"].startswith("for `analytics.reporting`: retention `30` has no unit")
    assert "retention_days" not in attrs
    assert retention_for(attrs, "analytics.reporting") is None
    assert has_retention_for(attrs, "analytics.reporting") is True  # ML006 reports it, not ML003


def test_null_entries_and_an_empty_mapping_declare_nothing() -> None:
    assert _contribution("retention", {}) is None
    assert _contribution("retention", {"analytics.reporting": None}) is None
    attrs = attrs_of({"analytics.reporting": "P13M", "essential.service": None}, ["essential.service"])
    assert has_retention_for(attrs, "essential.service") is False


def test_one_retention_applies_to_every_purpose() -> None:
    attrs = attrs_of("P2Y", ["analytics.reporting", "marketing"])
    assert retention_for(attrs, "marketing").human() == "2 years"  # type: ignore[union-attr]
    assert has_retention_for(attrs, "anything") is True
    assert declared_for("P2Y", "marketing") == "P2Y"
    assert declared_for({"marketing": "P1Y"}, "marketing.advertising") == "P1Y"
    assert declared_for({"marketing": "P1Y"}, "analytics") is None
