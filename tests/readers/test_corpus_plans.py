"""The public plans of the corpus, in their own formats, checked in place: what minlint finds is kept in golden files.

For each format (RudderStack, Segment, Snowplow, Fides, the Data Contract Specification, ODCS, dbt), the corpus
files are copied into a folder of their own and checked as they are — every field undeclared, the personal
data among them named — then again with the declarations written for them
(``tests/readers/data/corpus-declarations/``). The tracking plans are clean then; the Fides manifests and the
data contracts are left with exactly the mistakes their authors made, which no declaration can fix.
``MINLINT_UPDATE_GOLDEN=1`` rewrites the golden files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from minlint.engine.packs import builtin_rules
from tests.conftest import REPO, RunMinlint
from tests.helpers import assert_matches_golden

CORPUS = REPO / "tests" / "data" / "corpus"
DECLARATIONS = REPO / "tests" / "readers" / "data" / "corpus-declarations"
GOLDEN = REPO / "tests" / "golden"
FORMATS = {
    "rudderstack": ("rudderstack", "rudderstack.declarations.yaml"),
    "segment": ("segment-typewriter", "segment.declarations.yaml"),
    "snowplow": ("snowplow-iglu-central", "snowplow.declarations.yaml", "gtm.declarations.yaml"),
    "fides": ("fides", "fides.declarations.yaml"),
    "datacontract": ("datacontract-specification", "datacontract.declarations.yaml"),
    "odcs": ("odcs", "odcs.declarations.yaml"),
    "dbt": ("dbt-jaffle-shop", "dbt.declarations.yaml"),
}
# What is wrong in the corpus itself, and stays wrong once everything is declared: (file, line, rule).
LEFT_AFTER_DECLARING: dict[str, set[tuple[str, int, str]]] = {
    "fides": {
        ("demo_dataset.yml", 25, "ML109"),  # food_preference: `data_categories: []` at every level
        ("system.json", 20, "ML902"),  # retention_period "0": Fides itself would refuse it
    },
    "datacontract": {
        # The contract's terms say "Data may not be used to identify individual customers", yet it
        # ships the email address, classified `sensitive` as `order_id` is `restricted`, unprotected.
        ("orders-latest/datacontract.yaml", 48, "ML110"),
        ("orders-latest/datacontract.yaml", 78, "ML110"),
        ("orders-latest/datacontract.yaml", 78, "ML311"),
        ("orders-latest/datacontract.yaml", 134, "ML110"),
    },
    "odcs": {
        # Both retention SLAs name `element: tab1.txn_ref_dt`: there is no table tab1 (the first
        # contract has no objects at all, the second calls its table `tbl`).
        ("database-table-sla.odcs.yaml", 25, "ML902"),
        ("full-example.odcs.yaml", 283, "ML902"),
        # Identifiers and names classified `restricted`, with no protection said anywhere.
        ("full-example.odcs.yaml", 93, "ML110"),
        ("full-example.odcs.yaml", 179, "ML110"),
        ("full-example.odcs.yaml", 200, "ML110"),
    },
}
# Personal data that must never go unnoticed: (file, field) of an ML101 finding before declarations.
MUST_BE_FLAGGED = {
    "rudderstack": {
        ("trackingplan.yaml", "Login Event.Username"),
        ("trackingplan.yaml", "Login Event.Password"),
        ("trackingplan_v1.yaml", "Signup.Email Address"),
    },
    "segment": set(),  # Typewriter's telemetry and the e-commerce example collect no personal data by name
    "fides": set(),  # every Fides field is classified, or unclassified (ML109): none is undeclared
    "datacontract": {("orders-latest/datacontract.yaml", "orders.customer_id")},  # no `pii` mark
    "odcs": {("full-example.odcs.yaml", "receivers.receiver_name")},  # no PII mark
    # "Customer's first name. PII." says only the description: minlint knows the names.
    "dbt": {("models/schema.yml", "customers.first_name"), ("models/schema.yml", "customers.last_name")},
    "snowplow": {
        ("schemas/com.snowplowanalytics.snowplow/identify/jsonschema/1-0-0", "identify 1-0-0.email"),
        (
            "schemas/com.snowplowanalytics.snowplow/geolocation_context/jsonschema/1-1-0",
            "geolocation_context 1-1-0.latitude",
        ),
        ("schemas/com.google.tag-manager.server-side/user_data/jsonschema/1-0-0", "user_data 1-0-0.phone_number"),
        (
            "schemas/com.google.tag-manager.server-side/user_data/jsonschema/1-0-0",
            "user_data 1-0-0.address.postal_code",
        ),
    },
}


def copy_format(name: str, folder: Path) -> Path:
    shutil.copytree(CORPUS / FORMATS[name][0], folder)
    (folder / ".minlint.yaml").write_text("", encoding="utf-8")
    return folder


def check(run_minlint: RunMinlint, folder: Path) -> tuple[int, dict[str, object]]:
    result = run_minlint("check", ".", "--format", "json", "--no-cache", cwd=folder)
    assert result.stderr == ""
    document: dict[str, object] = json.loads(result.stdout)
    return result.returncode, document


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_of_the_corpus_is_checked_in_place_as_the_golden_file_says(
    name: str, tmp_path: Path, run_minlint: RunMinlint
) -> None:
    code, document = check(run_minlint, copy_format(name, tmp_path / name))
    assert code == 1
    findings = document["findings"]
    assert isinstance(findings, list)
    shown = [{key: item[key] for key in ("path", "line", "column", "rule", "target", "message")} for item in findings]
    assert_matches_golden(json.dumps(shown, indent=1, ensure_ascii=False) + "\n", GOLDEN / f"corpus-{name}.json")
    flagged = {(item["path"], item["target"]) for item in findings if item["rule"] == "ML101"}
    assert MUST_BE_FLAGGED[name] <= flagged
    # Every finding is in a file of the format, at a line of it.
    for item in findings:
        lines = (tmp_path / name / item["path"]).read_text(encoding="utf-8").splitlines()
        assert 1 <= item["line"] <= len(lines)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_of_the_corpus_is_clean_once_declared(name: str, tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = copy_format(name, tmp_path / name)
    for file in ("purposes.yaml", *FORMATS[name][1:]):
        shutil.copy(DECLARATIONS / file, folder / file)
    code, document = check(run_minlint, folder)
    left = document["findings"]
    assert isinstance(left, list)
    if name in LEFT_AFTER_DECLARING:
        assert {(item["path"], item["line"], item["rule"]) for item in left} == LEFT_AFTER_DECLARING[name]
        return
    # What is left is fixed in the plan itself, not by declaring (a URL's query string, an open
    # object: ML107), and only warns.
    assert code == 0
    assert {item["rule"] for item in left} <= {rule.id for rule in builtin_rules() if not rule.declares}
    assert {item["severity"] for item in left} <= {"warning"}
