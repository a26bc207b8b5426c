"""The rule engine: compiled rules run over a spec's targets; findings come out stamped.

Each rule is compiled once per run — its ``when``/``require`` conditions into Python predicates,
its ``check`` resolved to a function — and grouped by target kind, so checking a field costs a
handful of predicate calls. The engine, never a rule, decides a finding's rule id, name,
severity, file and place.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from minlint.engine.builtin import PROJECT_CHECKS, TARGET_CHECKS, all_check_names, canonical
from minlint.engine.fold import fold_nested
from minlint.engine.rule import (
    CheckContext,
    CheckFunction,
    Hit,
    ProjectCheckFunction,
    ProjectContext,
    RuleDef,
)
from minlint.errors import SetupError
from minlint.findings import Finding
from minlint.model.project import ProjectIndex
from minlint.model.spec import Spec, Target
from minlint.schema.compiler import compile_schema
from minlint.vocabulary import CAMPAIGN, TRACKING_PLAN

Predicate = Callable[[object], bool]


class RuleCompileError(SetupError):
    """A rule whose condition or check cannot be used (bad schema, unknown check)."""

    def __init__(self, rule: RuleDef, message: str) -> None:
        super().__init__(f"{rule.source}:{rule.line}:1: rule {rule.id}: {message}")
        self.rule = rule


class _Template(dict[str, Any]):
    """Message placeholders: attributes of the target; lists read as ``a, b``; absent as ``(none)``."""

    def __missing__(self, key: str) -> str:
        return "(none)"

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key) if key in self else self.__missing__(key)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return value


def render(template: str, attrs: Mapping[str, Any]) -> str:
    """Fill a rule's message template with a target's attributes."""
    try:
        return string.Formatter().vformat(template, (), _Template(attrs))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


class CompiledRule(NamedTuple):
    """A rule ready to run: predicates and check resolved once."""

    rule: RuleDef
    severity: str
    when: Predicate | None
    require: Predicate | None
    check: CheckFunction | None
    project_check: ProjectCheckFunction | None = None


def _predicate(rule: RuleDef, condition: object, label: str) -> Predicate | None:
    if condition is None:
        return None
    try:
        return compile_schema(condition).is_valid  # type: ignore[arg-type]
    except Exception as error:  # the compiler's own error types vary with the schema's defect
        raise RuleCompileError(rule, f"`{label}` is not a usable JSON Schema: {error}") from None


def compile_rule(rule: RuleDef, severity: str | None = None) -> CompiledRule:
    """Compile one rule; ``severity`` overrides the pack's default."""
    check = None
    project = None
    if rule.check is not None:
        name = canonical(rule.check)
        check = TARGET_CHECKS.get(name)
        project = PROJECT_CHECKS.get(name)
        if check is None and project is None:
            known = ", ".join(all_check_names())
            raise RuleCompileError(rule, f"unknown check `{rule.check}` (built-in checks: {known})")
    return CompiledRule(
        rule=rule,
        severity=severity or rule.severity,
        when=_predicate(rule, rule.when, "when"),
        require=_predicate(rule, rule.require, "require"),
        check=check,
        project_check=project,
    )


class Engine:
    """Runs a set of rules over specs. Build one per run; it is cheap to call per file."""

    def __init__(self, rules: Iterable[RuleDef], severities: Mapping[str, str] | None = None) -> None:
        overrides = severities or {}
        self.rules = [compile_rule(rule, overrides.get(rule.id)) for rule in rules]
        self.by_id = {compiled.rule.id: compiled for compiled in self.rules}
        by_kind: dict[str, list[CompiledRule]] = {}
        self.project_rules = [compiled for compiled in self.rules if compiled.project_check is not None]
        for compiled in self.rules:
            if compiled.project_check is not None:
                continue
            for kind in compiled.rule.targets:
                by_kind.setdefault(kind, []).append(compiled)
        # Per target kind, each rule as a plain tuple (when, require, check, options, compiled).
        self.by_target: dict[
            str, list[tuple[Predicate | None, Predicate | None, CheckFunction | None, Any, CompiledRule]]
        ]
        self.by_target = {
            kind: [(item.when, item.require, item.check, item.rule.options, item) for item in compiled_rules]
            for kind, compiled_rules in by_kind.items()
        }
        self.folding = frozenset(compiled.rule.id for compiled in self.rules if compiled.rule.folds_nested)

    def runs_on(self, kind: str) -> bool:
        """Whether any running rule checks targets of ``kind`` (``field``, ``campaign`` …)."""
        return bool(self.by_target.get(kind))

    def stamp(self, rule_id: str, path: str, line: int, column: int, message: str, target: str = "") -> Finding | None:
        """A finding of rule ``rule_id`` (None when the rule is not in this run's set)."""
        compiled = self.by_id.get(rule_id)
        if compiled is None:
            return None
        rule = compiled.rule
        return Finding(path, line, column, rule.id, message, rule.name, compiled.severity, target)

    def findings_for(self, spec: Spec, context: CheckContext, kinds: frozenset[str] | None = None) -> list[Finding]:
        """Run the per-target rules over ``spec``'s targets (only those of ``kinds`` if given)."""
        findings: list[Finding] = []
        seen: set[tuple[str, int, int, str]] = set()
        by_target = self.by_target
        # This loop runs once per target and rule: everything it needs is a local, and a rule is
        # a plain tuple (when, require, check, options, compiled).
        for target in spec.targets:
            kind = target.kind
            if kinds is not None and kind not in kinds:
                continue
            attrs = target.attrs
            for when, require, check, options, compiled in by_target.get(kind, ()):
                if when is not None and not when(attrs):
                    continue
                if check is not None:
                    hits: Iterable[Hit] = check(target, options, context)
                elif require is not None and require(attrs):
                    continue
                else:
                    template = compiled.rule.message or f"{{ref}}: {compiled.rule.summary}"
                    hits = (Hit(render(template, attrs)),)
                for hit in hits:
                    finding = self._finding(compiled, spec, target, hit)
                    key = (finding.rule, finding.line, finding.column, finding.message)
                    if key not in seen:
                        seen.add(key)
                        findings.append(finding)
        return fold_nested(findings, spec, self.folding) if self.folding else findings

    def project_findings(self, index: ProjectIndex, context: ProjectContext) -> list[Finding]:
        """Run the project checks (campaign references, definitions across plans)."""
        findings: list[Finding] = []
        for compiled in self.project_rules:
            assert compiled.project_check is not None
            rule = compiled.rule
            for hit in compiled.project_check(index, rule.options, context):
                findings.append(
                    Finding(
                        hit.path,
                        hit.line,
                        hit.column,
                        rule.id,
                        hit.message,
                        rule.name,
                        compiled.severity,
                        hit.target,
                        hit.scope,
                    )
                )
        return findings

    @staticmethod
    def _finding(compiled: CompiledRule, spec: Spec, target: Target, hit: Hit) -> Finding:
        rule = compiled.rule
        line, column, name = target.line, target.column, target.ref
        written_in = ""
        if hit.line is not None and hit.column is not None:
            line, column = hit.line, hit.column
        elif rule.location is not None and rule.location in target.origins:
            origin = target.origins[rule.location]
            # A declaration written in another file (a declarations file beside a plan in another
            # format, a Fides system's privacy declaration) is reported at the field it applies to:
            # a finding stays in the file checked, and says where the declaration to correct is.
            if not origin.path:
                line, column, name = origin.line, origin.column, f"{origin.owner}.{rule.location}"
            else:
                written_in = f"{origin.path}:{origin.line}:{origin.column}"
        elif target.kind == CAMPAIGN:
            # A campaign's own declarations are what its findings are about, not its file's first line.
            anchor = target.origins.get("basis") or target.origins.get("purpose")
            if anchor is not None:
                line, column = anchor.line, anchor.column
        if hit.target is not None:
            name = hit.target
        scope = spec.name if spec.kind in (TRACKING_PLAN, CAMPAIGN) else ""
        message = hit.message
        if written_in:
            message = f"{message} (declared at `{written_in}`)"
        elif spec.declared_in and rule.declares:
            # A plan in another format is declared in a file beside it: say which one (and where
            # the format itself would declare it, when it can).
            also = f"{spec.declare_also}, or in " if spec.declare_also else ""
            message = f"{message} (declare it in {also}`{spec.declared_in}`)"
        return Finding(spec.path, line, column, rule.id, message, rule.name, compiled.severity, name, scope)
