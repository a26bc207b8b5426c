"""Plain data (tuples, lists, dicts, strings, numbers) and back: for the cache and for worker processes.

``marshal`` stores only plain values, and executes nothing when it reads them back; every ``*_from``
raises (TypeError, ValueError) or returns None for data of another shape, never trusts it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from minlint.engine.packs import Extension, Pack
from minlint.engine.rule import Example, RuleDef
from minlint.findings import Finding, Summary
from minlint.report import Report
from minlint.run.file import Outcome
from minlint.suppressions import Suppression


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
    """An outcome (without its full model) as plain data."""
    return (
        outcome.path,
        outcome.is_spec,
        tuple(finding_data(finding) for finding in outcome.findings),
        tuple(suppression_data(item) for item in outcome.suppressions),
        outcome.kind,
        outcome.name,
        outcome.fields,
        tuple(outcome.facts),
        outcome.declared,
    )


def outcome_from(data: Any) -> Outcome:
    """The outcome :func:`outcome_data` made; raises (TypeError, ValueError …) on data of another shape."""
    path, is_spec, findings, suppressions, kind, name, fields, facts, declared = data
    if not isinstance(path, str) or not isinstance(fields, int):
        raise TypeError("not an outcome")
    outcome = Outcome(
        path,
        bool(is_spec),
        [finding_from(item) for item in findings],
        [suppression_from(item) for item in suppressions],
        kind,
        name,
        fields,
        [(ref, line, column, tuple(values)) for ref, line, column, values in facts],
    )
    outcome.declared = tuple(
        (str(where), int(line), int(column), str(message), str(target))
        for where, line, column, message, target in declared
    )
    return outcome


def report_data(report: Report) -> tuple[Any, ...]:
    """A run's report before the gates (findings, suppressions, counts) as plain data."""
    summary = report.summary
    return (
        tuple(finding_data(finding) for finding in report.findings),
        tuple(suppression_data(item) for item in report.suppressions),
        (summary.files, summary.fields, summary.skipped),
    )


def report_from(data: Any, rules: tuple[RuleDef, ...]) -> Report | None:
    """The report :func:`report_data` made (``rules``: the run's); None for data of another shape."""
    try:
        findings, suppressions, (files, fields, skipped) = data
        found = tuple(finding_from(item) for item in findings)
        return Report(
            found,
            Summary.of(list(found), int(files), int(fields), int(skipped)),
            rules,
            suppressions=tuple(suppression_from(item) for item in suppressions),
        )
    except (TypeError, ValueError):
        return None


def _plain(value: Any) -> Any:
    """A loaded YAML value with its mappings and sequences as plain dicts and lists (marshal takes no others)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def packs_data(packs: tuple[Pack, ...]) -> tuple[Any, ...]:
    """Rule packs as plain data."""
    return tuple(
        (
            pack.name,
            pack.source,
            tuple(_rule_data(rule) for rule in pack.rules),
            tuple((item.rule, _plain(item.options), item.source, item.line, item.column) for item in pack.extends),
        )
        for pack in packs
    )


def _rule_data(rule: RuleDef) -> tuple[Any, ...]:
    """A rule as plain data: every field, then its examples."""
    examples = tuple((example.title, example.bad, dict(example.files), example.expect) for example in rule.examples)
    return (*(_plain(value) for value in rule._replace(examples=())), examples)


def packs_from(data: Any) -> tuple[Pack, ...] | None:
    """The packs :func:`packs_data` made; None for data of another shape."""
    try:
        return tuple(
            Pack(
                name, source, tuple(_rule_from(fields) for fields in rules), tuple(Extension(*item) for item in extends)
            )
            for name, source, rules, extends in data
        )
    except (TypeError, ValueError):
        return None


_EXAMPLES = RuleDef._fields.index("examples")


def _rule_from(fields: Any) -> RuleDef:
    """A rule from :func:`packs_data`'s fields (every field, then its examples)."""
    if len(fields) != len(RuleDef._fields) + 1:
        raise TypeError("not a rule of this version")
    values = list(fields[:-1])
    values[_EXAMPLES] = tuple(Example(*example) for example in fields[-1])
    return RuleDef(*values)
