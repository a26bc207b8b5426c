"""One file through the pipeline — load, validate, model, per-file rules — as an outcome that can
be cached and sent between processes.

A plan's outcome keeps its findings, its suppressions and, for each field, the few attributes the
checks spanning the project need (:data:`~minlint.model.project.FACT_KEYS`): never the YAML tree or the full model, so a
run over a hundred thousand fields streams file by file. The outcome converts to plain data
(tuples, dicts, strings, numbers) for the cache and back.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from minlint.engine.engine import Engine
from minlint.engine.rule import CheckContext
from minlint.findings import Finding
from minlint.loader.load import DEFAULT_LIMITS, Limits, load_document
from minlint.loader.tree import SHAPE
from minlint.model.build import build_spec
from minlint.model.project import Fact, fact_of
from minlint.model.registry import PurposeRegistry
from minlint.model.spec import Spec
from minlint.model.vocabulary import CAMPAIGN, CATEGORIES, PURPOSES, RULES, TRACKING_PLAN
from minlint.schema import shape_errors
from minlint.suppressions import Suppression
from minlint.taxonomy import Taxonomy

CONTEXT_KINDS = frozenset({PURPOSES, CATEGORIES})
PER_FILE_KINDS = frozenset({"field", "event", "plan", "purpose"})
CAMPAIGN_KINDS = frozenset({"campaign"})


class Outcome:
    """What checking one file on its own gives.

    ``facts`` are a plan's fields as the project's checks see them; ``spec``, the full model, is
    kept for campaigns, context files, or when asked.
    """

    __slots__ = ("facts", "fields", "findings", "is_spec", "kind", "name", "path", "spec", "suppressions")

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


class Context(NamedTuple):
    """What per-file checks need from the rest of the project."""

    engine: Engine
    registry: PurposeRegistry
    taxonomy: Taxonomy
    pure_yaml: bool = False
    limits: Limits = DEFAULT_LIMITS
    facts: bool = True  # whether any check will read plan fields across files (see ``Outcome.facts``)


def _stamp(
    engine: Engine,
    findings: list[Finding],
    rule: str,
    path: str,
    line: int,
    column: int,
    message: str,
    target: str = "",
) -> None:
    finding = engine.stamp(rule, path, line, column, message, target)
    if finding is not None:
        findings.append(finding)


def read_document(path: str, data: bytes, context: Context, validate: bool = True) -> tuple[Outcome, Any]:
    """Load and shape-check one file; returns the outcome so far and the loaded document (or None).

    ``validate=False`` skips the shape check: for a file read only as context for others, whose
    own findings nobody will see.
    """
    loaded = load_document(path, data, pure=context.pure_yaml, limits=context.limits)
    if not loaded.is_spec:
        return Outcome(path, False), None
    outcome = Outcome(path, True, suppressions=list(loaded.suppressions), kind=loaded.kind)
    for problem in loaded.problems:
        _stamp(context.engine, outcome.findings, problem.code, path, problem.line, problem.column, problem.message)
    if loaded.root is None or loaded.kind is None:
        return outcome, None
    if validate:
        for line, column, message, target in shape_errors(loaded.root, loaded.kind):
            _stamp(context.engine, outcome.findings, SHAPE, path, line, column, message, target)
    return outcome, (loaded if loaded.kind != RULES else None)


def process(path: str, data: bytes, context: Context, keep_model: bool = False, report: bool = True) -> Outcome:
    """Check one non-context file on its own (everything but the checks spanning the project).

    ``report=False`` reads the file only for what other files' checks need of it (its facts, a
    campaign's model): its own shape and per-file rules are skipped, as nobody will see them.
    """
    outcome, loaded = read_document(path, data, context, validate=report)
    if loaded is None:
        return outcome
    spec = build_spec(path, str(loaded.kind), loaded.root, context.taxonomy)
    del loaded  # the YAML tree is no longer needed: keep memory to the model
    outcome.name = spec.name
    fields = spec.fields()
    outcome.fields = len(fields)
    if report:
        check_context = CheckContext(spec, context.registry, context.taxonomy)
        outcome.findings.extend(context.engine.check_spec(spec, check_context, PER_FILE_KINDS))
    if spec.kind == TRACKING_PLAN and context.facts:
        outcome.facts = [fact_of(target) for target in fields]
    if keep_model or spec.kind in (CAMPAIGN, *CONTEXT_KINDS):
        outcome.spec = spec
    return outcome


# -- plain data, for the cache ------------------------------------------------------------------------


def finding_data(finding: Finding) -> tuple[Any, ...]:
    """A finding as a tuple of plain values."""
    return (
        finding.path,
        finding.line,
        finding.column,
        finding.rule,
        finding.message,
        finding.name,
        finding.severity,
        finding.target,
        finding.scope,
    )


def finding_from(data: Any) -> Finding:
    """The finding :func:`finding_data` made."""
    path, line, column, rule, message, name, severity, target, scope = data
    return Finding(path, line, column, rule, message, name, severity, target, scope)


def suppression_data(item: Suppression) -> tuple[Any, ...]:
    """A suppression as a tuple of plain values."""
    return (
        item.path,
        item.line,
        item.column,
        item.applies_to,
        item.codes,
        item.until.isoformat() if item.until else None,
        item.reason,
        item.problem,
    )


def suppression_from(data: Any) -> Suppression:
    """The suppression :func:`suppression_data` made."""
    path, line, column, applies_to, codes, until, reason, problem = data
    return Suppression(
        path, line, column, applies_to, tuple(codes), date.fromisoformat(until) if until else None, reason, problem
    )


def outcome_data(outcome: Outcome) -> tuple[Any, ...]:
    """An outcome (without its full model) as plain data, for the cache."""
    return (
        outcome.path,
        outcome.is_spec,
        tuple(finding_data(finding) for finding in outcome.findings),
        tuple(suppression_data(item) for item in outcome.suppressions),
        outcome.kind,
        outcome.name,
        outcome.fields,
        tuple(outcome.facts),
    )


def outcome_from(data: Any) -> Outcome:
    """The outcome :func:`outcome_data` made; raises (TypeError, ValueError …) on data of another shape."""
    path, is_spec, findings, suppressions, kind, name, fields, facts = data
    if not isinstance(path, str) or not isinstance(fields, int):
        raise TypeError("not an outcome")
    return Outcome(
        path,
        bool(is_spec),
        [finding_from(item) for item in findings],
        [suppression_from(item) for item in suppressions],
        kind,
        name,
        fields,
        [(ref, line, column, tuple(values)) for ref, line, column, values in facts],
    )
