"""Segment Protocols tracking plans read in place: fields at their native positions, declared beside the plan."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from minlint.model.spec import Spec, Target
from minlint.readers import ReadOptions, read
from minlint.readers.segment import SEGMENT
from minlint.vocabulary import SHAPE, SYNTAX, TRACKING_PLAN
from tests.conftest import REPO, RunMinlint, write_files
from tests.readers.support import PURPOSES

CORPUS = REPO / "tests" / "data" / "corpus" / "segment-typewriter"

NOTHING = "the declaration applies to nothing"


def public_plan(*rules: dict[str, Any], **top: Any) -> str:
    """A plan of the Public API shape, indented as Segment exports it."""
    return json.dumps({"name": "Shop", **top, "rules": list(rules)}, indent=2) + "\n"


def track(key: str, properties: dict[str, Any], **schema: Any) -> dict[str, Any]:
    body = {"type": "object", "properties": {"properties": {"type": "object", "properties": properties}}}
    return {"key": key, "type": "TRACK", "version": 1, "jsonSchema": {**body, **schema}}


def spec_of(path: Path) -> Spec:
    document = read(path.name, path.read_bytes(), ReadOptions())
    assert document.kind == TRACKING_PLAN and document.spec is not None, document.problems
    return document.spec


def fields(spec: Spec) -> dict[str, Target]:
    return {target.ref: target for target in spec.fields()}


def findings(run_minlint: RunMinlint, folder: Path, *args: str) -> tuple[int, list[tuple[str, int, int, str]], str]:
    result = run_minlint("check", ".", "--format", "json", "--no-cache", *args, cwd=folder)
    document = json.loads(result.stdout)
    found = [(item["path"], item["line"], item["column"], item["rule"]) for item in document["findings"]]
    return result.returncode, found, result.stderr


# -- reading -------------------------------------------------------------------------------------


def test_the_typewriter_plan_is_read_with_every_field_at_its_key() -> None:
    spec = spec_of(CORPUS / "plan.json")
    assert spec.name == "Typewriter Tracking Plan"
    assert spec.format == "segment"
    by_ref = fields(spec)
    assert len(by_ref) == 50
    expected = {
        "Command Build.config": (19, 11),
        "Command Build.config.trackingPlans.id": (51, 21),
        "Command Build.rawCommand": (87, 11),
        "Command Error.errorMessage": (185, 11),
        "KitchenSink.anObject": (387, 11),
        "VersionCommand.version": (414, 11),
    }
    assert {ref: (by_ref[ref].line, by_ref[ref].column) for ref in expected} == expected
    events = {target.ref: (target.line, target.column) for target in spec.targets if target.kind == "event"}
    assert events["Command Help"] == (233, 14)  # the rule's `key`


def test_the_config_api_export_is_read_with_nested_items() -> None:
    by_ref = fields(spec_of(CORPUS / "tracking-plan.json"))
    assert by_ref["Order Completed.order_id"].attrs["type"] == "string"  # `["string"]`
    assert by_ref["Order Completed.products"].attrs["type"] == "array"
    nested = by_ref["Order Completed.products.brand"]
    assert (nested.attrs["parent"], nested.attrs["depth"]) == ("Order Completed.products", 1)
    assert (by_ref["Order Completed.revenue"].line, by_ref["Order Completed.revenue"].column) == (93, 15)


def test_identify_traits_group_calls_and_context_have_their_places(tmp_path: Path) -> None:
    identify = {
        "key": "identify",
        "type": "IDENTIFY",
        "version": 1,
        "jsonSchema": {
            "properties": {
                "traits": {"properties": {"email": {"type": "string", "format": "email"}}},
                "context": {"properties": {"ip": {"type": "string"}}},
            }
        },
    }
    group = {
        "key": "group",
        "type": "GROUP",
        "version": 1,
        "jsonSchema": {"properties": {"traits": {"properties": {"plan": {"type": "string"}}}}},
    }
    page = {
        "key": "Pricing",
        "type": "PAGE",
        "version": 1,
        "jsonSchema": {"properties": {"properties": {"properties": {"path": {"type": "string"}}}}},
    }
    write_files(tmp_path, {"plan.json": public_plan(identify, group, page)})
    assert set(fields(spec_of(tmp_path / "plan.json"))) == {"traits.email", "context.ip", "Group.plan", "Pricing.path"}


def test_a_second_version_of_an_event_is_an_event_of_its_own(tmp_path: Path) -> None:
    first = track("Signed Up", {"plan": {"type": "string"}})
    second = {**track("Signed Up", {"plan": {"type": "string"}, "referrer": {"type": "string"}}), "version": 2}
    write_files(tmp_path, {"plan.json": public_plan(first, second)})
    assert set(fields(spec_of(tmp_path / "plan.json"))) == {
        "Signed Up.plan",
        "Signed Up v2.plan",
        "Signed Up v2.referrer",
    }


def test_x_minlint_declares_at_the_plan_the_event_and_the_property(tmp_path: Path) -> None:
    rule = track(
        "Order Completed",
        {
            "revenue": {"type": "number"},
            "email": {"type": "string", "x-minlint": {"category": "user.contact.email", "basis": "contract"}},
        },
        **{"x-minlint": {"purpose": "essential.service"}},
    )
    plan = public_plan(rule, **{"x-minlint": {"basis": "legitimate_interests", "retention": "P13M"}})
    write_files(tmp_path, {"plan.json": plan})
    by_ref = fields(spec_of(tmp_path / "plan.json"))
    assert by_ref["Order Completed.revenue"].attrs["purposes"] == ["essential.service"]
    assert by_ref["Order Completed.revenue"].attrs["basis"] == "legitimate_interests"
    assert by_ref["Order Completed.email"].attrs["basis"] == "contract"
    assert by_ref["Order Completed.email"].attrs["category"] == "user.contact.email"
    assert by_ref["Order Completed.email"].attrs["retention_text"] == "13 months"


def test_an_x_minlint_of_the_wrong_shape_is_a_located_problem(tmp_path: Path) -> None:
    rule = track("Order Completed", {"revenue": {"type": "number", "x-minlint": {"purpse": "analytics.reporting"}}})
    write_files(tmp_path, {"plan.json": public_plan(rule)})
    document = read("plan.json", (tmp_path / "plan.json").read_bytes(), ReadOptions())
    problems = [(problem.code, problem.line, problem.column) for problem in document.problems]
    text = (tmp_path / "plan.json").read_text(encoding="utf-8").splitlines()
    line = next(number for number, content in enumerate(text, 1) if "purpse" in content)
    assert problems == [(SHAPE, line, text[line - 1].index('"purpse"') + 1)]
    assert "did you mean `purpose`" in document.problems[0].message


def test_json_that_is_not_a_segment_plan_is_left_to_the_others(tmp_path: Path) -> None:
    assert SEGMENT.read("x.json", b'{"rules": [1, 2], "events": "none"}', ReadOptions()) is None
    assert SEGMENT.read("x.json", b'["rules", "jsonSchema"]', ReadOptions()) is None
    assert read("x.json", b'{"rules": {"a": 1}, "note": "jsonSchema"}', ReadOptions()).is_spec is False


def test_a_segment_plan_that_does_not_parse_is_a_syntax_finding() -> None:
    document = read("plan.json", b'{"name": "Shop", "rules": [{"key": "A", "jsonSchema": {]}\n', ReadOptions())
    assert document.is_spec
    assert [problem.code for problem in document.problems] == [SYNTAX]


@pytest.mark.parametrize(
    "data", [b'{"rules": [{"jsonSchema": 5}]}', b'{"rules": [{"jsonSchema": {"properties": []}}]}']
)
def test_wrong_shapes_inside_a_plan_are_read_as_far_as_they_go(data: bytes) -> None:
    document = read("plan.json", data, ReadOptions())
    assert document.kind == TRACKING_PLAN and document.spec is not None
    assert document.spec.fields() == []


# -- end to end ------------------------------------------------------------------------------------


def test_check_reports_the_plans_undeclared_data_at_native_positions(tmp_path: Path, run_minlint: RunMinlint) -> None:
    shutil.copy(CORPUS / "tracking-plan.json", tmp_path / "tracking-plan.json")
    code, found, stderr = findings(run_minlint, tmp_path)
    assert (code, stderr) == (1, "")
    assert ("tracking-plan.json", 93, 15, "ML001") in found  # Order Completed.revenue
    result = run_minlint("check", ".", "--no-cache", "--no-color", cwd=tmp_path)
    assert "declare it in `typewriter-standard-example.declarations.yaml`" in result.stdout


def test_a_declarations_file_beside_the_plan_makes_it_clean(tmp_path: Path, run_minlint: RunMinlint) -> None:
    shutil.copy(CORPUS / "tracking-plan.json", tmp_path / "tracking-plan.json")
    declarations = """\
minlint: 1
kind: declarations
plan: "Typewriter: Standard Example"
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M, category: none}
"""
    write_files(tmp_path, {"purposes.yaml": PURPOSES, "typewriter.declarations.yaml": declarations})
    assert findings(run_minlint, tmp_path) == (0, [], "")


def test_an_event_entry_wins_over_a_properties_entry_and_both_over_x_minlint(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    rule = track("Order Completed", {"email": {"type": "string", "x-minlint": {"retention": "P1D"}}})
    declarations = """\
minlint: 1
kind: declarations
plan: Shop
defaults: {purpose: analytics.reporting, basis: legitimate_interests, category: none}
properties:
  email: {category: user.contact.email, retention: P2Y}
events:
  Order Completed:
    properties:
      email: {retention: forever}
"""
    write_files(tmp_path, {"plan.json": public_plan(rule), "purposes.yaml": PURPOSES, "shop.yaml": declarations})
    code, found, _ = findings(run_minlint, tmp_path)
    # `forever` (the event entry) wins: ML007 indefinite retention, at the field in the plan.
    line = next(n for n, text in enumerate((tmp_path / "plan.json").read_text().splitlines(), 1) if '"email"' in text)
    assert (code, found) == (1, [("plan.json", line, 15, "ML007")])


def test_entries_naming_nothing_in_the_plan_are_reported_with_a_suggestion(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    rule = track("Order Completed", {"revenue": {"type": "number"}})
    declarations = """\
minlint: 1
kind: declarations
plan: [Shop, Shopp]
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M, category: none}
properties:
  revenu: {category: none}
events:
  Order Complete:
    defaults: {retention: P1Y}
"""
    write_files(tmp_path, {"plan.json": public_plan(rule), "purposes.yaml": PURPOSES, "shop.yaml": declarations})
    result = run_minlint("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    document = json.loads(result.stdout)
    found = {
        (item["path"], item["line"], item["column"], item["rule"], item["message"]) for item in document["findings"]
    }
    assert found == {
        (
            "shop.yaml",
            3,
            7,
            "ML908",
            "`Shopp` names no plan of this project; these declarations apply to nothing (did you mean `Shop`?)",
        ),
        (
            "shop.yaml",
            6,
            3,
            "ML908",
            f"`revenu` names no field or property id of the plan; {NOTHING} (did you mean `revenue`?)",
        ),
        (
            "shop.yaml",
            8,
            3,
            "ML908",
            f"`Order Complete` names no event of the plan; {NOTHING} (did you mean `Order Completed`?)",
        ),
    }
    assert result.returncode == 1


def test_a_named_declarations_file_reports_its_unmatched_entries(tmp_path: Path, run_minlint: RunMinlint) -> None:
    rule = track("Order Completed", {"revenue": {"type": "number"}})
    declarations = "minlint: 1\nkind: declarations\nplan: Shop\nproperties:\n  revenu: {category: none}\n"
    write_files(tmp_path, {"plan.json": public_plan(rule), "shop.yaml": declarations})
    result = run_minlint("check", "shop.yaml", "--format", "json", "--no-cache", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert [(item["path"], item["rule"]) for item in document["findings"]] == [("shop.yaml", "ML908")]


def test_a_minlint_spec_mentioning_rules_is_left_to_minlint_without_being_parsed_as_segment() -> None:
    spec = b'minlint: 1\nkind: tracking-plan\nname: web\n# "rules" and "jsonSchema" in a comment\nevents: {A: {}}\n'
    assert SEGMENT.read("plan.yaml", spec, ReadOptions()) is None
    assert read("plan.yaml", spec, ReadOptions()).spec is not None
