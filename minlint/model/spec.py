"""The model rules run on: specs reduced to targets with resolved attributes.

A *target* is anything a rule can be about: a field, an event, a campaign, a purpose, a plan.
Its ``attrs`` are what declarative conditions see — values after inheritance plus derived ones
(``purposes``, ``bases``, ``retention_days`` …; ``docs/custom-rules.md`` lists them). Its
``origins`` say where each inherited declaration was actually written, so a finding about a
declaration can point at that line rather than at every field that inherits it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from minlint.model.recipients import RecipientDef
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
    path: str = ""  # the file it was written in, when not the target's own (a declarations file)


class Target:
    """Something rules check: ``kind`` is ``field``, ``event``, ``campaign``, ``purpose`` or ``plan``.

    ``origins`` says where each inherited attribute was declared.
    """

    # A plain class, not a dataclass: creating dataclasses costs the start-up of every run (see
    # docs/performance.md), and a hundred thousand targets need the slots.
    __slots__ = ("attrs", "column", "kind", "line", "origins", "ref")

    def __init__(
        self,
        kind: str,
        ref: str,
        line: int,
        column: int,
        attrs: dict[str, Any],
        origins: dict[str, Declared] | None = None,
    ) -> None:
        self.kind = kind
        self.ref = ref
        self.line = line
        self.column = column
        self.attrs = attrs
        self.origins: dict[str, Declared] = {} if origins is None else origins

    def __repr__(self) -> str:
        return f"Target({self.kind!r}, {self.ref!r}, line={self.line}, column={self.column})"


class PurposeDef(NamedTuple):
    """A purpose declared in a ``kind: purposes`` registry."""

    id: str
    description: str | None
    bases: tuple[str, ...] | None
    max_retention: Retention | None
    path: str
    line: int
    column: int
    options: dict[str, Any]


class Use(NamedTuple):
    """One entry of a campaign's ``uses`` list: a reference into the tracking plans."""

    text: str
    line: int
    column: int


class Spec:
    """One spec file reduced to its targets (and, for registries and campaigns, what they declare)."""

    __slots__ = (
        "categories",
        "column",
        "declare_also",
        "declared_in",
        "format",
        "kind",
        "line",
        "name",
        "path",
        "purposes",
        "recipients",
        "targets",
        "uses",
    )

    def __init__(self, path: str, kind: str, name: str, line: int, column: int) -> None:
        self.path = path
        self.kind = kind
        self.name = name
        self.line = line
        self.column = column
        self.targets: list[Target] = []
        self.purposes: list[PurposeDef] = []
        self.recipients: list[RecipientDef] = []
        self.uses: list[Use] = []
        self.categories: list[Category] = []
        self.format = "minlint"  # the reader's name: a plan in another format is read in place
        # For a plan in another format: the declarations file that declares its fields (or the one
        # that would), where findings about missing declarations are fixed.
        self.declared_in = ""
        # Where else the format itself declares it (a Fides dataset: a system's privacy declaration).
        self.declare_also = ""

    def __repr__(self) -> str:
        return f"Spec({self.path!r}, {self.kind!r}, {self.name!r}, {len(self.targets)} targets)"

    def fields(self) -> list[Target]:
        """The field targets of this spec, in document order."""
        return [target for target in self.targets if target.kind == "field"]
