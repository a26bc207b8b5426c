"""The file stage: one file through a reader and the per-file rules, as an :class:`Outcome`.

A plan's outcome keeps its findings, its suppressions and, for each field, the few attributes the
checks spanning the project need (:data:`~minlint.model.project.FACT_KEYS`): never the YAML tree
or the full model, so a run over a hundred thousand fields streams file by file. Outcomes cross
process boundaries and the cache as plain data (:mod:`minlint.run.cache.codecs`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from minlint.engine.engine import Engine
from minlint.engine.rule import CheckContext
from minlint.findings import Finding
from minlint.loader.load import DEFAULT_LIMITS, Limits
from minlint.model.project import Fact, facts_of
from minlint.model.purposes import PurposeRegistry
from minlint.model.recipients import RecipientRegistry
from minlint.model.spec import Spec, Target
from minlint.readers import Document, ForeignContext, ReadOptions, read
from minlint.suppressions import Suppression
from minlint.taxonomy import Taxonomy
from minlint.vocabulary import CAMPAIGN, CONTEXT_KINDS, TRACKING_PLAN

# The targets each pass checks: per file (with the project's context), then campaigns (which see
# the data they use, so only once every plan is read).
PER_FILE_TARGETS = frozenset({"field", "event", "plan", "purpose"})
CAMPAIGN_TARGETS = frozenset({"campaign"})


class Outcome:
    """What checking one file on its own gives.

    ``facts`` are a plan's fields as the project's checks see them; ``spec``, the full model, is
    kept for campaigns, context files, or when asked.
    """

    __slots__ = ("declared", "facts", "fields", "findings", "is_spec", "kind", "name", "path", "spec", "suppressions")

    def __init__(
        self,
        path: str,
        is_spec: bool,
        findings: list[Finding] | None = None,
        suppressions: list[Suppression] | None = None,
        kind: str | None = None,
        name: str | None = None,
        fields: int = 0,
        facts: list[Fact] | None = None,
        spec: Spec | None = None,
    ) -> None:
        self.path = path
        self.is_spec = is_spec
        self.findings: list[Finding] = [] if findings is None else findings
        self.suppressions: list[Suppression] = [] if suppressions is None else suppressions
        self.kind = kind
        self.name = name
        self.fields = fields
        self.facts: list[Fact] = [] if facts is None else facts
        self.spec = spec
        # The declarations-file entries a plan in another format looked at (see Document.declared).
        self.declared: tuple[tuple[str, int, int, str, str], ...] = ()


class Context(NamedTuple):
    """What per-file checks need from the rest of the project."""

    engine: Engine
    registry: PurposeRegistry
    taxonomy: Taxonomy | None  # None in the context pass: the project's categories are not known yet
    pure_yaml: bool = False
    limits: Limits = DEFAULT_LIMITS
    facts: bool = True  # whether any check will read plan fields across files (see ``Outcome.facts``)
    keep_model: bool = False  # keep every spec whole (the inventory needs it)
    named: frozenset[str] = frozenset()  # files named on the command line: read as meant to be specs
    foreign: ForeignContext = ForeignContext()  # declarations files and catalogs, for plans in other formats
    schema_plans: frozenset[str] = frozenset()  # files the configuration names as plain JSON Schema plans
    recipients: RecipientRegistry = RecipientRegistry()  # the project's recipients registry


def read_outcome(
    path: str, data: bytes, context: Context, validate: bool = True, only_kinds: frozenset[str] | None = None
) -> tuple[Outcome, Document]:
    """Read one file: its outcome so far (problems stamped as findings) and the document read.

    ``only_kinds``: read in full only documents of those kinds (see :class:`~minlint.readers.ReadOptions`).
    """
    named = path in context.named
    options = ReadOptions(
        context.taxonomy,
        context.pure_yaml,
        context.limits,
        validate,
        only_kinds,
        named,
        context.foreign,
        path in context.schema_plans,
    )
    document = read(path, data, options)
    if not document.is_spec:
        return Outcome(path, False), document
    outcome = Outcome(path, True, suppressions=list(document.suppressions), kind=document.kind)
    outcome.declared = document.declared
    stamp = context.engine.stamp
    for problem in document.problems:
        where = problem.path or path  # a declarations file's problem is found reading its plan
        finding = stamp(problem.code, where, problem.line, problem.column, problem.message, problem.target)
        if finding is not None:
            outcome.findings.append(finding)
    if document.spec is not None:
        outcome.name = document.spec.name
    return outcome, document


def process(path: str, data: bytes, context: Context, report: bool = True) -> Outcome:
    """Check one file on its own (everything but the checks spanning the project).

    ``report=False`` reads the file only for what other files' checks need of it (its facts, a
    campaign's model): its own shape and per-file rules are skipped, as nobody will see them.
    """
    outcome, document = read_outcome(path, data, context, validate=report)
    spec = document.spec
    if spec is None:
        return outcome
    fields = spec.fields()
    outcome.fields = len(fields)
    if report:
        check_context = CheckContext(spec, context.registry, context.taxonomy or Taxonomy.builtin(), context.recipients)
        outcome.findings.extend(context.engine.findings_for(spec, check_context, PER_FILE_TARGETS))
    keep = context.keep_model or spec.kind in (CAMPAIGN, *CONTEXT_KINDS)
    if spec.kind == TRACKING_PLAN and context.facts:
        if keep:
            outcome.facts = facts_of(fields)
        else:
            # The model is not kept: free each field as its fact is made, so that a large plan's
            # model and facts are never both held whole.
            spec.targets.clear()
            outcome.facts = facts_of(_drained(fields))
    if keep:
        outcome.spec = spec
    return outcome


def _drained(targets: list[Target]) -> Iterator[Target]:
    """The items of ``targets`` in order, each removed from the list as it is given."""
    targets.reverse()
    while targets:
        yield targets.pop()
