"""A rule as its pack declares it: identity, documentation, examples, and what makes it fire."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, Protocol

from minlint.model.project import ProjectIndex
from minlint.model.recipients import RecipientRegistry
from minlint.model.spec import Spec, Target
from minlint.taxonomy import Taxonomy

TARGET_KINDS = ("field", "event", "campaign", "purpose", "plan", "file")


class Example(NamedTuple):
    """A spec that shows a rule firing (``bad``) or not (``good``), with where it must fire.

    ``files`` holds the example's spec under ``spec.yaml`` and any context files it needs
    (a purposes registry …). ``expect`` lists ``(line, column)`` of the rule's findings in
    ``spec.yaml``; a good example expects none.
    """

    title: str
    bad: bool
    files: Mapping[str, str]
    expect: tuple[tuple[int, int], ...]


class RuleDef(NamedTuple):
    """A rule from a pack. The single source for docs, ``explain``, SARIF metadata and rule tests."""

    id: str
    name: str
    severity: str
    targets: tuple[str, ...]
    summary: str
    rationale: str
    fix: str
    message: str | None = None
    hint: str | None = None
    when: Mapping[str, Any] | bool | None = None
    require: Mapping[str, Any] | bool | None = None
    check: str | None = None
    options: Mapping[str, Any] = {}
    location: str | None = None
    # Its fix is a declaration: for a plan in another format, one made in the plan's declarations file.
    declares: bool = False
    # A finding on a field stands for the same finding on the fields nested in it (see engine/fold.py).
    folds_nested: bool = False
    # The law the rule enforces: it runs when the configuration's `jurisdictions` include it.
    jurisdiction: str = "gdpr"
    enabled: bool = True
    examples: tuple[Example, ...] = ()
    pack: str = ""
    source: str = ""
    line: int = 1

    @property
    def short_hint(self) -> str:
        """One line telling the user what to do: the pack's ``hint``, else the first sentence of ``fix``."""
        if self.hint:
            return self.hint
        first = self.fix.strip().split("\n\n", 1)[0].replace("\n", " ")
        end = first.find(". ")
        return first if end < 0 else first[: end + 1]


class Hit(NamedTuple):
    """What a check yields: a message, and optionally a more precise place and target name."""

    message: str
    line: int | None = None
    column: int | None = None
    target: str | None = None


class Registry(Protocol):
    """What checks may ask of the purposes registry (see :mod:`minlint.model.purposes`)."""

    def __bool__(self) -> bool: ...

    def lookup(self, purpose: str) -> Any:
        """The definition governing ``purpose`` (its own or its nearest declared ancestor's), or None."""

    def ids(self) -> list[str]:
        """All declared purpose ids, sorted."""


class CheckContext(NamedTuple):
    """What a check can see besides its target: the spec it is in, the registry and the taxonomy."""

    spec: Spec
    registry: Registry
    taxonomy: Taxonomy
    recipients: RecipientRegistry = RecipientRegistry()


class ProjectHit(NamedTuple):
    """What a project check yields: a message at a place in a file, about a named target."""

    path: str
    line: int
    column: int
    message: str
    target: str
    scope: str = ""  # the plan or campaign the target belongs to


CheckFunction = Callable[[Target, Mapping[str, Any], CheckContext], Iterable[Hit]]
ProjectCheckFunction = Callable[["ProjectIndex", Mapping[str, Any], "ProjectContext"], Iterable[ProjectHit]]


class ProjectContext(NamedTuple):
    """What a project check can see besides the index: the registries and the taxonomy."""

    registry: Registry
    taxonomy: Taxonomy
    recipients: RecipientRegistry = RecipientRegistry()
