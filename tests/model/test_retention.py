from __future__ import annotations

import pytest

from minlint.model.retention import DAYS_PER_YEAR, RetentionError, parse_retention


@pytest.mark.parametrize(
    ("text", "human"),
    [
        ("P30D", "30 days"),
        ("P13M", "13 months"),
        ("P2Y", "2 years"),
        ("P1Y6M", "1 year 6 months"),
        ("p1y", "1 year"),
        ("PT24H", "24 hours"),
        ("P1W", "1 week"),
        ("90 days", "90 days"),
        ("13 months", "13 months"),
        ("2 years", "2 years"),
        ("1 year 6 months", "1 year 6 months"),
        ("1 year and 6 months", "1 year 6 months"),
        ("1 year, 6 months", "1 year 6 months"),
        ("6 wks", "6 weeks"),
        ("1.5 years", "1.5 years"),
    ],
)
def test_iso_and_plain_english_durations_are_read_and_normalised(text: str, human: str) -> None:
    assert parse_retention(text).human() == human


def test_twelve_months_equal_one_year_and_thirteen_exceed_it() -> None:
    year = parse_retention("P1Y").days
    assert parse_retention("P12M").days == pytest.approx(year)
    assert parse_retention("P13M").days > year  # type: ignore[operator]
    assert year == pytest.approx(DAYS_PER_YEAR)


@pytest.mark.parametrize("word", ["forever", "Indefinitely", "unlimited", "never", "permanent", "until deleted"])
def test_words_for_forever_are_indefinite_not_invalid(word: str) -> None:
    retention = parse_retention(word)
    assert retention.indefinite
    assert retention.days is None
    assert retention.human() == "indefinitely"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("P0D", "zero"),
        (0, "zero"),
        ("0 days", "zero"),
        ("-P3D", "negative"),
        (-3, "negative"),
        ("-3 days", "negative"),
        (30, "no unit"),
        ("30", "not a duration"),
        ("abc", "not a duration"),
        ("P", "not a duration"),
        ("12 parsecs", "not a duration"),
        (True, "must be a duration"),
        ([1], "must be a duration"),
        ("none", "not a duration"),
    ],
)
def test_unusable_retentions_are_rejected_with_a_reason(value: object, reason: str) -> None:
    with pytest.raises(RetentionError, match=reason):
        parse_retention(value)


def test_a_duration_after_an_event_keeps_the_event() -> None:
    retention = parse_retention({"duration": "P30D", "after": "account_closure"})
    assert retention.days == 30
    assert retention.after == "account_closure"
    assert retention.human() == "30 days after account closure"
