"""Declarations files across a project: a plan kept in many files (a Snowplow schema per event) is matched as one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunMinlint, write_files


def schema(name: str, *fields: str) -> str:
    properties = {field: {"type": "string", "enum": ["a", "b"]} for field in fields}
    body = {
        "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
        "self": {"vendor": "com.acme", "name": name, "format": "jsonschema", "version": "1-0-0"},
        "type": "object",
        "properties": properties,
    }
    return json.dumps(body, indent=2) + "\n"


DECLARATIONS = """\
minlint: 1
kind: declarations
plan: com.acme
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M, category: none}
properties:
  coupon: {retention: P6M}
events:
  checkout:
    properties:
      cart: {retention: P1M}
  refund:
    properties:
      reason: {retention: P2M}
  refnd: {}
"""
PURPOSES = (
    "minlint: 1\nkind: purposes\npurposes:\n"
    "  analytics.reporting: {description: Reports., bases: [legitimate_interests], interest: Improving the shop.}\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_files(
        tmp_path,
        {
            ".minlint.yaml": "",
            "purposes.yaml": PURPOSES,
            "acme.yaml": DECLARATIONS,
            "schemas/com.acme/checkout/jsonschema/1-0-0": schema("checkout", "cart", "coupon"),
            "schemas/com.acme/refund/jsonschema/1-0-0": schema("refund", "reason"),
        },
    )


def found(run_minlint: RunMinlint, folder: Path, *args: str) -> list[tuple[str, int, int, str, str]]:
    result = run_minlint("check", "--format", "json", *args, cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    return [(i["path"], i["line"], i["column"], i["rule"], i["message"]) for i in document["findings"]]


def test_an_entry_another_file_of_the_plan_matches_is_not_unmatched(project: Path, run_minlint: RunMinlint) -> None:
    # `checkout` and `coupon` are in one file, `refund` and `reason` in the other: only `refnd` names nothing.
    assert found(run_minlint, project, "--no-cache") == [
        (
            "acme.yaml",
            14,
            3,
            "ML908",
            "`refnd` names no event of the plan; the declaration applies to nothing (did you mean `refund`?)",
        )
    ]


def test_the_same_is_found_from_the_cache_and_when_only_the_declarations_are_named(
    project: Path, run_minlint: RunMinlint
) -> None:
    first = found(run_minlint, project)
    assert found(run_minlint, project) == first  # from the cache
    (project / "schemas/com.acme/refund/jsonschema/1-0-0").write_text(schema("refund", "note"), encoding="utf-8")
    changed = found(run_minlint, project)
    assert [item[4][:8] for item in changed] == ["`reason`", "`refnd` "]
    assert found(run_minlint, project, "acme.yaml") == changed


def test_a_declaration_for_a_field_no_version_has_is_unmatched_once(project: Path, run_minlint: RunMinlint) -> None:
    write_files(project, {"acme.yaml": DECLARATIONS.replace("  refnd: {}\n", "").replace("coupon:", "copon:")})
    assert [(item[1], item[4][:8]) for item in found(run_minlint, project, "--no-cache")] == [(6, "`copon` ")]


def test_a_retention_per_purpose_declared_beside_a_plan_is_checked_and_reported_at_the_field(
    project: Path, run_minlint: RunMinlint
) -> None:
    registry = (
        PURPOSES + "  essential.legal_obligation: {description: Tax., bases: [legal_obligation], max_retention: P10Y}\n"
    )
    registry = registry.replace("interest: Improving the shop.}", "interest: Improving the shop., max_retention: P25M}")
    declarations = DECLARATIONS.replace("  refnd: {}\n", "").replace(
        "      cart: {retention: P1M}",
        "      cart:\n"
        "        purpose: [analytics.reporting, essential.legal_obligation]\n"
        "        basis: {analytics.reporting: legitimate_interests, essential.legal_obligation: legal_obligation}\n"
        "        retention: {analytics.reporting: P3Y, essential.legal_obligation: forever}",
    )
    write_files(project, {"purposes.yaml": registry, "acme.yaml": declarations})
    findings = found(run_minlint, project, "--no-cache")
    cart = ("schemas/com.acme/checkout/jsonschema/1-0-0", 11, 5)  # the property in the Iglu schema
    assert [item[:4] for item in findings] == [(*cart, "ML007"), (*cart, "ML008")]
    assert findings[0][4] == (
        "retention `forever` for `essential.legal_obligation` means the data is never deleted "
        "(declared at `acme.yaml:13:20`)"  # where to correct it
    )
    assert findings[1][4].startswith(
        "`checkout 1-0-0.cart` is kept for 3 years for `analytics.reporting`, which allows"
    )
