"""The model rules run on: specs reduced to targets with resolved attributes.

A *target* is anything a rule can be about: a field, an event, a campaign, a purpose, a plan.
Its ``attrs`` are what declarative conditions see — values after inheritance plus derived ones
(``purposes``, ``bases``, ``retention_days`` …; ``docs/custom-rules.md`` lists them). Its
``origins`` say where each inherited declaration was actually written, so a finding about a
declaration can point at that line rather than at every field that inherits it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from minlint.model.retention import Retention
from minlint.taxonomy import Category


class Declared(NamedTuple):
    """One declaration (``purpose``, ``basis`` …) as written at one level, and what it contributes.

    ``attrs`` holds the resolved attributes this declaration gives a target (``purpose: x`` gives
    ``{"purpose": ["x"], "purposes": ["x"]}``). ``owner`` names the level that wrote it
    (``defaults``, ``Order Completed.defaults``, a field reference, a campaign name).

    A named tuple rather than a frozen dataclass: a plan of a hundred thousand fields makes
    hundreds of thousands of them, and a tuple is several times cheaper to create.
    """

    name: str
    value: object
    attrs: dict[str, Any]
    line: int
    column: int
    owner: str


@dataclass(slots=True)
class Target:
    """Something rules check: ``kind`` is ``field``, ``event``, ``campaign``, ``purpose`` or ``plan``."""

    kind: str
    ref: str
    line: int
    column: int
    attrs: dict[str, Any]
    origins: dict[str, Declared] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PurposeDef:
    """A purpose declared in a ``kind: purposes`` registry."""

    id: str
    description: str | None
    bases: tuple[str, ...] | None
    max_retention: Retention | None
    path: str
    line: int
    column: int
    options: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Use:
    """One entry of a campaign's ``uses`` list: a reference into the tracking plans."""

    text: str
    line: int
    column: int


@dataclass(slots=True)
class Spec:
    """One spec file reduced to its targets (and, for registries and campaigns, what they declare)."""

    path: str
    kind: str
    name: str
    line: int
    column: int
    targets: list[Target] = field(default_factory=list)
    purposes: list[PurposeDef] = field(default_factory=list)
    uses: list[Use] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)

    def fields(self) -> list[Target]:
        """The field targets of this spec, in document order."""
        return [target for target in self.targets if target.kind == "field"]
