"""The engine: compiled conditions, message templates, stamping, locations, deduplication."""

from __future__ import annotations

import pytest

from minlint.engine.engine import Engine, RuleCompileError, render
from minlint.engine.packs import builtin_rules
from minlint.engine.rule import CheckContext, RuleDef
from minlint.loader.load import load_document
from minlint.model.build import build_spec
from minlint.model.purposes import PurposeRegistry
from minlint.model.spec import Spec
from minlint.taxonomy import Taxonomy


def rule(**overrides: object) -> RuleDef:
    fields: dict[str, object] = {
        "id": "ORG001",
        "name": "org-rule",
        "severity": "warning",
        "targets": ("field",),
        "summary": "s",
        "rationale": "r",
        "fix": "f",
    }
    fields.update(overrides)
    return RuleDef(**fields)  # type: ignore[arg-type]


def spec(text: str) -> Spec:
    loaded = load_document("plan.yaml", text.encode())
    assert loaded.root is not None and loaded.kind is not None
    return build_spec("plan.yaml", loaded.kind, loaded.root)


PLAN = """\
minlint: 1
kind: tracking-plan
name: web
defaults: {purpose: marketing.communications.email, basis: legit, retention: P1Y}
traits:
  email: {type: string}
  phone: {type: string, purpose: [analytics.reporting, essential.service]}
"""


def run(engine: Engine, text: str = PLAN) -> list[tuple[str, int, int, str, str]]:
    target = spec(text)
    findings = engine.findings_for(target, CheckContext(target, PurposeRegistry(), Taxonomy.builtin()))
    return sorted((f.rule, f.line, f.column, f.severity, f.message) for f in findings)


def test_declarative_rule_fires_where_require_fails_and_when_holds() -> None:
    engine = Engine(
        [
            rule(
                when={
                    "properties": {"purposes": {"contains": {"pattern": "^marketing"}}},
                    "required": ["purposes"],
                },
                require={"properties": {"basis": {"const": "consent"}}},
                message="`{ref}` is marketing on {basis}",
            )
        ]
    )
    assert run(engine) == [("ORG001", 6, 3, "warning", "`traits.email` is marketing on legit")]


def test_list_attributes_read_as_comma_separated_and_absent_ones_as_none() -> None:
    assert render("{purposes} / {category}", {"purposes": ["a", "b"]}) == "a, b / (none)"


def test_severity_comes_from_the_engine_not_the_rule() -> None:
    engine = Engine([rule(require=False, message="x")], severities={"ORG001": "error"})
    assert {severity for _, _, _, severity, _ in run(engine)} == {"error"}


def test_declaration_findings_point_at_the_declaration_once_not_at_every_field() -> None:
    (basis_rule,) = [r for r in builtin_rules() if r.id == "ML005"]
    findings = run(Engine([basis_rule]))
    assert findings == [
        (
            "ML005",
            4,
            60,
            "error",
            "`legit` is not a lawful basis (did you mean `legitimate_interests`?); use one of: consent, contract, "
            "legal_obligation, vital_interests, public_task, legitimate_interests",
        )
    ]


def test_declaration_findings_are_named_by_the_level_that_declared_them() -> None:
    (basis_rule,) = [r for r in builtin_rules() if r.id == "ML005"]
    target = spec(PLAN)
    findings = Engine([basis_rule]).findings_for(target, CheckContext(target, PurposeRegistry(), Taxonomy.builtin()))
    assert [finding.target for finding in findings] == ["defaults.basis"]


def test_unknown_check_is_a_compile_error_naming_the_rule() -> None:
    with pytest.raises(RuleCompileError, match="unknown check `no-such-check`"):
        Engine([rule(check="no-such-check")])


def test_invalid_condition_schema_is_a_compile_error() -> None:
    with pytest.raises(RuleCompileError, match="`require` is not a usable JSON Schema"):
        Engine([rule(require={"type": 5})])


def test_rules_only_see_their_target_kind() -> None:
    engine = Engine([rule(targets=("event",), require=False, message="event {ref}")])
    text = PLAN + "events:\n  Signed Up:\n    properties: {}\n"
    assert run(engine, text) == [("ORG001", 9, 3, "warning", "event Signed Up")]


def test_stamp_returns_none_for_rules_not_in_the_run() -> None:
    engine = Engine([rule(require=False)])
    assert engine.stamp("ML901", "p.yaml", 1, 1, "m") is None
    finding = engine.stamp("ORG001", "p.yaml", 2, 3, "m", "t")
    assert finding is not None and (finding.name, finding.severity, finding.target) == (
        "org-rule",
        "warning",
        "t",
    )
