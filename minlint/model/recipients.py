"""The organisation's recipients registry: every ``kind: recipients`` file of a project, merged.

Each recipient says what it is to the organisation (GDPR processor, controller or third party; CPRA
service provider, contractor or third party), where it is (a country), on what ground data may go
there from the EEA (adequacy, standard contractual clauses, binding corporate rules), and how it
erases and exports a person's data when that person asks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from minlint.model.spec import Spec

# The EEA: the EU's 27 and Iceland, Liechtenstein, Norway. Data moves freely among them (GDPR Art. 1(3)).
EEA = frozenset(
    {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT"}
    | {"LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"}
)


class RecipientDef(NamedTuple):
    """A recipient declared in a ``kind: recipients`` registry."""

    name: str
    role: str | None
    cpra_role: str | None
    country: str | None
    transfer: str | None
    erasure: str | None
    path: str
    line: int
    column: int
    export: str | None = None
    description: str | None = None

    @property
    def outside_eea(self) -> bool:
        """Whether data sent to it leaves the EEA (unknown countries count as inside: ML902 asks for one)."""
        return self.country is not None and self.country.upper() not in EEA


class RecipientRegistry:
    """Declared recipients by name (the first declaration of a name wins)."""

    def __init__(self, definitions: Iterable[RecipientDef] = ()) -> None:
        self._by_name: dict[str, RecipientDef] = {}
        for definition in sorted(definitions, key=lambda item: (item.path, item.line)):
            self._by_name.setdefault(definition.name, definition)

    @classmethod
    def of_specs(cls, specs: Iterable[Spec]) -> RecipientRegistry:
        """The registry the ``kind: recipients`` specs among ``specs`` declare."""
        return cls(definition for spec in specs for definition in spec.recipients)

    def __bool__(self) -> bool:
        return bool(self._by_name)

    def lookup(self, name: str) -> RecipientDef | None:
        """The declaration of recipient ``name``, if any."""
        return self._by_name.get(name)

    def names(self) -> list[str]:
        """All declared recipient names, sorted."""
        return sorted(self._by_name)
