"""Retention periods: ISO 8601 durations, plain English, and the words that mean "forever".

A retention is compared with a purpose's ``max_retention``, so both are reduced to days using the
mean Gregorian year and month: ``P12M`` equals ``P1Y``, and ``P13M`` is longer than ``P1Y``.
What users wrote is kept for display, normalised ("13 months", "1 year 6 months").
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

DAYS_PER_YEAR = 365.2425
DAYS_PER_MONTH = DAYS_PER_YEAR / 12

# Unit -> (days per unit, singular name); order is display order.
_UNITS: dict[str, tuple[float, str]] = {
    "Y": (DAYS_PER_YEAR, "year"),
    "M": (DAYS_PER_MONTH, "month"),
    "W": (7.0, "week"),
    "D": (1.0, "day"),
    "h": (1 / 24, "hour"),
    "m": (1 / 1440, "minute"),
    "s": (1 / 86400, "second"),
}

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_ISO = re.compile(
    rf"^(-)?P(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?$",
    re.IGNORECASE,
)
_ISO_UNITS = ("Y", "M", "W", "D", "h", "m", "s")

_ENGLISH_UNITS: dict[str, str] = {}
for _unit, _words in {
    "Y": ("y", "yr", "yrs", "year", "years"),
    "M": ("mo", "mos", "month", "months"),
    "W": ("w", "wk", "wks", "week", "weeks"),
    "D": ("d", "day", "days"),
    "h": ("h", "hr", "hrs", "hour", "hours"),
    "m": ("min", "mins", "minute", "minutes"),
    "s": ("sec", "secs", "second", "seconds"),
}.items():
    for _word in _words:
        _ENGLISH_UNITS[_word] = _unit
_ENGLISH_PART = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*([a-z]+)\s*(?:,|\band\b)?", re.IGNORECASE)

INDEFINITE_WORDS = frozenset(
    {
        "forever",
        "indefinite",
        "indefinitely",
        "unlimited",
        "never",
        "permanent",
        "permanently",
        "infinite",
        "infinity",
        "no limit",
        "eternal",
        "not deleted",
        "never deleted",
        "until deleted",
        "until revoked",
        "until further notice",
    }
)


class RetentionError(ValueError):
    """A retention that is not a usable period; the message says why and how to write one."""


class Retention(NamedTuple):
    """A parsed retention period. ``days`` is ``None`` when the retention is indefinite."""

    text: str
    days: float | None
    parts: tuple[tuple[float, str], ...] = ()
    after: str | None = None

    @property
    def indefinite(self) -> bool:
        """Whether the data is kept with no limit at all."""
        return self.days is None

    def human(self) -> str:
        """A plain-English rendering: ``13 months``, ``1 year 6 months``, ``indefinitely``."""
        if self.days is None:
            return "indefinitely"
        words = []
        for amount, unit in self.parts:
            shown = f"{amount:g}"
            name = _UNITS[unit][1]
            words.append(f"{shown} {name}" + ("" if amount == 1 else "s"))
        text = " ".join(words)
        return f"{text} after {self.after.replace('_', ' ')}" if self.after else text


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _from_parts(text: str, parts: list[tuple[float, str]], after: str | None) -> Retention:
    days = sum(amount * _UNITS[unit][0] for amount, unit in parts)
    if days <= 0:
        raise RetentionError(f"retention `{text}` is zero; data must be kept for some time, or not collected")
    return Retention(text, days, tuple(parts), after)


def _parse_text(text: str, after: str | None) -> Retention:
    stripped = text.strip()
    lowered = " ".join(stripped.lower().split())
    if lowered in INDEFINITE_WORDS:
        return Retention(text, None, (), after)
    iso = _ISO.match(stripped)
    if iso is not None and stripped.upper() not in ("P", "PT", "-P"):
        if iso.group(1):
            raise RetentionError(f"retention `{text}` is negative")
        parts = [(_number(value), unit) for value, unit in zip(iso.groups()[1:], _ISO_UNITS, strict=True) if value]
        return _from_parts(text, parts, after)
    english = _parse_english(stripped)
    if english is not None:
        if any(amount < 0 for amount, _ in english):
            raise RetentionError(f"retention `{text}` is negative")
        return _from_parts(text, english, after)
    raise RetentionError(
        f"retention `{text}` is not a duration; write an ISO 8601 duration (`P30D`, `P13M`, `P2Y`) "
        "or plain English (`90 days`, `13 months`)"
    )


def _parse_english(text: str) -> list[tuple[float, str]] | None:
    parts: list[tuple[float, str]] = []
    position = 0
    while position < len(text):
        match = _ENGLISH_PART.match(text, position)
        if match is None:
            return None
        unit = _ENGLISH_UNITS.get(match.group(2).lower())
        if unit is None:
            return None
        parts.append((float(match.group(1)), unit))
        position = match.end()
    return parts or None


def parse_retention(value: object) -> Retention:
    """Parse a declared retention (text, number or ``{duration, after}``); raise RetentionError if unusable."""
    after: str | None = None
    if isinstance(value, dict):
        after_value = value.get("after")
        after = after_value if isinstance(after_value, str) else None
        value = value.get("duration")
        if value is None:
            raise RetentionError("a retention with `after` needs a `duration` too: `{duration: P30D, after: EVENT}`")
    if isinstance(value, bool) or value is None:
        raise RetentionError("retention must be a duration such as `P30D` or `90 days`")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise RetentionError("retention must be a duration such as `P30D` or `90 days`, not an infinite number")
        shown = str(value)
        if value < 0:
            raise RetentionError(f"retention `{shown}` is negative")
        if value == 0:
            raise RetentionError("retention `0` is zero; data must be kept for some time, or not collected")
        raise RetentionError(
            f"retention `{shown}` has no unit; write `{shown} days` (`P{shown}D`), `{shown} months` (`P{shown}M`) "
            f"or `{shown} years` (`P{shown}Y`), whichever is meant"
        )
    if not isinstance(value, str):
        raise RetentionError("retention must be a duration such as `P30D` or `90 days`")
    return _parse_text(value, after)
