"""Which field a finding concerns, so that the inventory can show it next to that field.

A finding concerns a field when it is in the field's file and names it: its target is the field's
reference (``traits.email``, within the finding's plan when it has one), a declaration of the field
(``traits.email.retention``), the field's place in the document (``traits.email.purpse``, as shape
errors name it), or a campaign's use of it (``uses.storefront-web:traits.email``, in the campaign's
file). Failing all that, a finding on the line of a field's key concerns that field. Anything else
— a file that does not parse, a reference that resolves to nothing, a plan-wide default — concerns
no single field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from minlint.findings import Finding
from minlint.model.project import ProjectIndex
from minlint.vocabulary import INHERITED

SECTIONS = ("context", "traits", "collects")


class FieldPlace(NamedTuple):
    """What identifies a field for attaching findings: its file, plan, reference and key line."""

    file: str
    plan: str
    ref: str
    line: int


def document_ref(target: str) -> str | None:
    """The field reference a shape error's document path points into, or ``None``.

    ``events.Order Completed.properties.products.items.properties.sku.type`` becomes
    ``Order Completed.products.sku``; the trailing key (``type``) is dropped. Event and field names
    containing dots cannot be told apart from the path and give ``None`` or a shorter reference.
    """
    parts = target.split(".")
    if len(parts) >= 2 and parts[0] in SECTIONS:
        ref, rest = [parts[0], parts[1]], parts[2:]
    elif len(parts) >= 4 and parts[0] == "events" and parts[2] == "properties":
        ref, rest = [parts[1], parts[3]], parts[4:]
    else:
        return None
    while rest:
        if rest[0] == "items":
            rest = rest[1:]
        elif rest[0] == "properties" and len(rest) >= 2:
            ref.append(rest[1])
            rest = rest[2:]
        else:
            break
    return ".".join(ref)


class Attacher:
    """Finds the field a finding concerns among ``places`` (index into that sequence)."""

    def __init__(self, places: Sequence[FieldPlace], index: ProjectIndex) -> None:
        self._index = index
        self._by_ref: dict[tuple[str, str], list[int]] = {}
        self._by_line: dict[tuple[str, int], int] = {}
        for number, place in enumerate(places):
            self._by_ref.setdefault((place.file, place.ref), []).append(number)
            self._by_line.setdefault((place.file, place.line), number)
        self._places = places

    def _named(self, file: str, ref: str, scope: str) -> int | None:
        candidates = self._by_ref.get((file, ref), [])
        for number in candidates:
            if not scope or self._places[number].plan == scope:
                return number
        return None

    def field_of(self, finding: Finding) -> int | None:
        """The index of the field ``finding`` concerns, or ``None``."""
        file, target, scope = finding.path, finding.target, finding.scope
        if target:
            exact = self._named(file, target, scope)
            if exact is not None:
                return exact
            if target.startswith("uses."):
                found = self._index.resolve(target.removeprefix("uses."), suggest=False).resolved
                if found is not None:
                    return self._named(found.path, found.ref, found.plan)
                return None
            head, _, last = target.rpartition(".")
            if head and last in INHERITED:
                declared = self._named(file, head, scope)
                if declared is not None:
                    return declared
            placed = document_ref(target)
            if placed is not None:
                found_place = self._named(file, placed, scope)
                if found_place is not None:
                    return found_place
        return self._by_line.get((file, finding.line))

    def split(self, findings: Iterable[Finding]) -> tuple[dict[int, list[Finding]], list[Finding]]:
        """``findings`` by the field they concern, and those that concern no field (order kept)."""
        by_field: dict[int, list[Finding]] = {}
        other: list[Finding] = []
        for finding in findings:
            number = self.field_of(finding)
            if number is None:
                other.append(finding)
            else:
                by_field.setdefault(number, []).append(finding)
        return by_field, other
