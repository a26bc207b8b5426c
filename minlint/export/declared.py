"""What each field declares, as rows of Fides privacy declarations — and what Fides cannot say.

A field serving a purpose is one row: the purpose's data use, the lawful basis and retention the
field declares for that purpose, its special-category condition and its recipients (Fides keeps
these per declaration; minlint per field, so each of the field's rows carries them). Fides counts
retention in whole days (``retention_period: "395"``): a retention in months or years is rounded
down, never written longer than declared, and a note lists each. Whatever cannot be said at all —
an indefinite retention, the event a retention counts from, a field with no category or no
purpose, a protection — is gathered by :class:`Losses`, one note per kind.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

from minlint.export.fides_terms import BASES, SPECIAL
from minlint.model.basis import basis_for
from minlint.model.retention import Retention
from minlint.model.retention_by_purpose import has_retention_for, retention_for

# A field's declarations a Fides dataset or privacy declaration has no place for.
KEPT_OUT = ("access", "classification", "pii", "protection")
_SHOWN = 3  # fields named in a note before "and N more"


class Use(NamedTuple):
    """One row of a privacy declaration: a data use, and how the data serving it is processed."""

    data_use: str
    basis: str | None  # Fides's spelling
    days: int | None
    special: str | None  # Fides's spelling
    recipients: tuple[str, ...]


class FieldUses(NamedTuple):
    """A field as the export sees it: its plan, reference, category and rows."""

    plan: str
    ref: str
    category: str | None
    uses: frozenset[Use]


def whole_days(retention: Retention) -> int:
    """A retention in whole days, as Fides counts it: rounded down (never longer than declared), at least 1."""
    days = retention.days or 0.0
    return max(1, math.floor(days + 1e-9))


Place = tuple[str, str]  # a plan and one of its fields


def listed(places: list[Place]) -> str:
    """``plan: a, b; other: c`` or ``… and 4 more``: the first few of ``places``, each once, by plan."""
    unique = list(dict.fromkeys(places))
    by_plan: dict[str, list[str]] = {}
    for plan, ref in unique[:_SHOWN]:
        by_plan.setdefault(plan, []).append(ref)
    shown = "; ".join(f"{plan}: {', '.join(refs)}" for plan, refs in by_plan.items())
    return shown if len(unique) <= _SHOWN else f"{shown} and {len(unique) - _SHOWN} more"


def joined(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else "".join(words)


class Losses:
    """What Fides cannot say, gathered field by field; :meth:`notes` gives one line per kind."""

    def __init__(self) -> None:
        self.rounded: dict[str, tuple[float, int]] = {}
        self.counted_from: dict[tuple[str, int], list[Place]] = {}
        self.lists: dict[str, list[Place]] = {}

    def add(self, kind: str, where: Place) -> None:
        """Record that the field ``where`` lost something: ``kind`` says what, in words."""
        self.lists.setdefault(kind, []).append(where)

    def notes(self) -> list[str]:
        """One line per kind of loss, in a fixed order."""
        lines: list[str] = []
        if self.rounded:
            ordered = sorted(self.rounded.items(), key=lambda item: (item[1][0], item[0]))
            shown = ", ".join(f"{text} as {days}" for text, (_, days) in ordered)
            lines.append(
                f"retention written in whole days, as Fides counts it, rounded down so that it is never longer than "
                f"declared: {shown}"
            )
        for (text, days), fields in sorted(self.counted_from.items()):
            lines.append(
                f"retention `{text}` written as {days} days: Fides's `retention_period` has no event to count "
                f"from ({listed(fields)})"
            )
        for kind in sorted(self.lists):
            lines.append(f"{kind} ({listed(self.lists[kind])})")
        return lines


def field_uses(
    plan: str, ref: str, attrs: Mapping[str, Any], data_uses: Mapping[str, str], losses: Losses
) -> FieldUses:
    """The rows of field ``ref`` of ``plan`` (its ``attrs``), its purposes mapped by ``data_uses``."""
    where = (plan, ref)
    purposes = [purpose for purpose in attrs.get("purposes") or () if isinstance(purpose, str)]
    special = _special(attrs, where, losses)
    recipients = _recipients(attrs, where, losses)
    uses = set()
    for purpose in purposes:
        use = data_uses.get(purpose)
        if use is not None:
            uses.add(
                Use(
                    use,
                    _basis(attrs, purpose, where, losses),
                    _days(attrs, purpose, where, losses),
                    special,
                    recipients,
                )
            )
    category = attrs.get("category") if isinstance(attrs.get("category"), str) else None
    if category is None and purposes:
        losses.add(
            "no data category: the purposes, bases and retention of these fields are not written, as a Fides "
            "privacy declaration applies to data categories; classify them",
            where,
        )
    if not purposes and any(attrs.get(key) for key in ("basis", "retention", "special_condition", "shared_with")):
        losses.add(
            "no purpose: the basis, retention, recipients or special-category condition of these fields are "
            "not written, as a Fides privacy declaration is made for a data use",
            where,
        )
    kept_out = [f"`{key}`" for key in KEPT_OUT if attrs.get(key) is not None]
    if kept_out:
        losses.add(
            f"{joined(kept_out)} not written: Fides has no place for {'them' if len(kept_out) > 1 else 'it'}", where
        )
    return FieldUses(plan, ref, category, frozenset(uses))


def _basis(attrs: Mapping[str, Any], purpose: str, where: Place, losses: Losses) -> str | None:
    basis = basis_for(attrs, purpose)
    if basis is None:
        return None
    fides = BASES.get(basis)
    if fides is None:
        losses.add(f"basis `{basis}` is not a lawful basis Fides knows: not written", where)
    return fides


def _special(attrs: Mapping[str, Any], where: Place, losses: Losses) -> str | None:
    condition = attrs.get("special_condition")
    if not isinstance(condition, str):
        return None
    fides = SPECIAL.get(condition)
    if fides is None:
        losses.add(f"special-category condition `{condition}` is not one Fides knows: not written", where)
    return fides


def _recipients(attrs: Mapping[str, Any], where: Place, losses: Losses) -> tuple[str, ...]:
    names = [name for name in attrs.get("shared_with") or () if isinstance(name, str) and name.strip()]
    kept = []
    for name in names:
        if ";" in name or "," in name:
            losses.add(
                f"recipient `{name}` not written: Fides's `third_parties` separates names with `;` or `,`", where
            )
        else:
            kept.append(name.strip())
    return tuple(sorted(set(kept)))


def _days(attrs: Mapping[str, Any], purpose: str, where: Place, losses: Losses) -> int | None:
    if not has_retention_for(attrs, purpose):
        return None
    kept = retention_for(attrs, purpose)
    if kept is None:
        losses.add("retention minlint cannot read not written (`minlint check` reports it)", where)
        return None
    if kept.days is None:
        losses.add("indefinite retention not written: Fides's `retention_period` counts days", where)
        return None
    days = whole_days(kept)
    if kept.after:
        losses.counted_from.setdefault((kept.human(), days), []).append(where)
    elif kept.days < 1:
        losses.add("retention shorter than a day written as 1 day, as Fides counts whole days", where)
    elif abs(kept.days - days) > 1e-6:
        losses.rounded[kept.human()] = (kept.days, days)
    return days
