"""Real tracking plans nobody here wrote, translated by hand: the undeclared personal data shows up.

The translations (examples/real-world/, credited in its SOURCES.md) add no declaration their
sources do not make. The golden file keeps the whole result; the assertions below name the
personal data that must never go unnoticed.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import REPO, RunMinlint
from tests.helpers import assert_matches_golden

GOLDEN = REPO / "tests" / "golden" / "real-world.json"
NESTED = re.compile(r"\(and so do its (\d+) nested fields?\)")

MUST_BE_FLAGGED = {
    ("examples/real-world/rudderstack/tracking-plan.yaml", "API Tracking.Username"),
    ("examples/real-world/rudderstack/tracking-plan.yaml", "API Tracking.Password"),
    ("examples/real-world/rudderstack/tracking-plan.yaml", "API Tracking.User Agent"),
    ("examples/real-world/rudderstack/tracking-plan.yaml", "Signup.Email Address"),
    ("examples/real-world/snowplow/tracking-plan.yaml", "context.user_data.email_address"),
    ("examples/real-world/snowplow/tracking-plan.yaml", "context.user_data.phone_number"),
    ("examples/real-world/snowplow/tracking-plan.yaml", "context.user_data.address.postal_code"),
    ("examples/real-world/snowplow/tracking-plan.yaml", "context.geolocation_context.latitude"),
    ("examples/real-world/snowplow/tracking-plan.yaml", "context.client_session.userId"),
    ("examples/real-world/snowplow/tracking-plan.yaml", "identify.email"),
}


@pytest.fixture(scope="module")
def result(run_minlint_module: RunMinlint) -> dict[str, object]:
    completed = run_minlint_module("check", "examples/real-world", "--format", "json", cwd=REPO)
    assert completed.returncode == 1, completed.stderr
    document: dict[str, object] = json.loads(completed.stdout)
    return document


def test_result_matches_golden_file(result: dict[str, object]) -> None:
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    assert_matches_golden(text, GOLDEN)


def test_personal_data_collected_without_declaration_is_flagged(result: dict[str, object]) -> None:
    findings = result["findings"]
    assert isinstance(findings, list)
    flagged = {(f["path"], f["target"]) for f in findings if f["rule"] == "ML101"}
    assert flagged >= MUST_BE_FLAGGED


def test_every_translated_field_lacks_purpose_basis_and_retention(result: dict[str, object]) -> None:
    findings = result["findings"]
    summary = result["summary"]
    assert isinstance(findings, list) and isinstance(summary, dict)
    for rule in ("ML001", "ML002", "ML003"):
        # Nested fields lacking what their object lacks are counted in the object's finding.
        ours = [f["message"] for f in findings if f["rule"] == rule]
        nested = sum(int(match.group(1)) for text in ours for match in NESTED.finditer(text))
        assert len(ours) + nested == summary["fields"]


def test_translations_are_well_formed(result: dict[str, object]) -> None:
    findings = result["findings"]
    assert isinstance(findings, list)
    assert not [f for f in findings if f["rule"] in ("ML901", "ML902", "ML903")]
