"""The organisation's purposes registry: every ``kind: purposes`` file of a project, merged."""

from __future__ import annotations

from collections.abc import Iterable

from minlint.model.spec import PurposeDef


class PurposeRegistry:
    """Declared purposes by id.

    A purpose id covers its sub-purposes (``marketing`` covers ``marketing.communications.email``):
    looking up an undeclared id finds its nearest declared ancestor, whose allowed bases and
    retention limit then apply.
    """

    def __init__(self, definitions: Iterable[PurposeDef] = ()) -> None:
        self._by_id: dict[str, PurposeDef] = {}
        for definition in sorted(definitions, key=lambda item: (item.path, item.line)):
            self._by_id.setdefault(definition.id, definition)

    def __bool__(self) -> bool:
        return bool(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def lookup(self, purpose: str) -> PurposeDef | None:
        """The definition governing ``purpose``: its own, or its nearest declared ancestor's."""
        candidate = purpose
        while True:
            found = self._by_id.get(candidate)
            if found is not None:
                return found
            if "." not in candidate:
                return None
            candidate = candidate.rsplit(".", 1)[0]

    def paths(self) -> frozenset[str]:
        """The files the registry was declared in."""
        return frozenset(definition.path for definition in self._by_id.values())

    def ids(self) -> list[str]:
        """All declared purpose ids, sorted."""
        return sorted(self._by_id)
