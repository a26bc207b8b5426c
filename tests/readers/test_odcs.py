"""Open Data Contract Standard v3 contracts read in place: objects as events, retention SLAs onto what they name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from minlint.model.spec import Spec, Target
from minlint.readers import ReadOptions, read
from minlint.readers.odcs import ODCS
from minlint.vocabulary import SHAPE, TRACKING_PLAN
from tests.conftest import REPO, RunMinlint

CORPUS = REPO / "tests" / "data" / "corpus" / "odcs"

CONTRACT = """\
apiVersion: v3.1.0
kind: DataContract
id: orders-1
name: orders
version: 1.0.0
status: active
schema:
  - name: orders
    physicalName: orders_tbl
    properties:
      - name: order_id
        logicalType: string
        required: true
      - name: email
        physicalName: email_addr
        logicalType: string
        classification: restricted
        customProperties:
          - property: pii
            value: "True"
      - name: address
        logicalType: object
        properties:
          - name: city
            logicalType: string
            tags: [pii]
  - name: events
    properties:
      - name: seen_at
        logicalType: timestamp
slaProperties:
  - property: retention
    value: 3
    unit: y
    element: orders_tbl.email_addr
  - property: retention
    value: 13
    unit: m
    element: events
  - property: retention
    value: P1Y
"""


def spec_of(text: str) -> Spec:
    document = read("contract.odcs.yaml", text.encode(), ReadOptions())
    assert document.kind == TRACKING_PLAN and document.spec is not None, document.problems
    return document.spec


def fields(spec: Spec) -> dict[str, Target]:
    return {target.ref: target for target in spec.fields()}


def test_a_contract_is_a_plan_its_objects_events_its_properties_at_their_names() -> None:
    spec = spec_of(CONTRACT)
    assert (spec.name, spec.format) == ("orders", "odcs")
    found = fields(spec)
    assert list(found) == ["orders.order_id", "orders.email", "orders.address", "orders.address.city", "events.seen_at"]
    assert (found["orders.email"].line, found["orders.email"].column) == (14, 15)


def test_pii_marks_in_custom_properties_or_tags_and_the_classification_are_facts() -> None:
    found = fields(spec_of(CONTRACT))
    assert (found["orders.email"].attrs["pii"], found["orders.email"].attrs["classification"]) == (True, "restricted")
    assert found["orders.address.city"].attrs["pii"] is True
    assert "pii" not in found["orders.order_id"].attrs


def test_a_retention_sla_lands_on_the_property_or_object_it_names_else_on_the_contract() -> None:
    found = fields(spec_of(CONTRACT))
    assert found["orders.email"].attrs["retention_text"] == "3 years"  # by physical names
    assert found["events.seen_at"].attrs["retention_text"] == "13 months"  # an object: all its properties
    assert found["orders.order_id"].attrs["retention_text"] == "1 year"  # no element: the whole contract


def test_an_element_naming_nothing_or_a_unit_minlint_does_not_know_is_a_problem_at_the_value() -> None:
    broken = CONTRACT.replace("element: orders_tbl.email_addr", "element: tab1.txn_ref_dt").replace(
        "unit: m", "unit: fortnights"
    )
    document = read("contract.odcs.yaml", broken.encode(), ReadOptions())
    assert [(problem.code, problem.line, problem.column) for problem in document.problems] == [
        (SHAPE, 35, 14),
        (SHAPE, 38, 11),
    ]
    assert "`element: tab1.txn_ref_dt` names no object or property" in document.problems[0].message
    assert "unit `fortnights` is not one minlint knows" in document.problems[1].message


def test_only_v3_contracts_are_claimed() -> None:
    assert ODCS.read("c.yaml", CONTRACT.replace("v3.1.0", "v2.2.2").encode(), ReadOptions()) is None
    assert (
        ODCS.read("c.yaml", CONTRACT.replace("kind: DataContract", "kind: DataProduct").encode(), ReadOptions()) is None
    )


def test_the_corpus_reports_the_retention_naming_a_table_that_does_not_exist(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    for path in CORPUS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    result = run_minlint("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    found = {
        (item["path"], item["line"], item["rule"]): item["message"] for item in json.loads(result.stdout)["findings"]
    }
    assert "`element: tab1.txn_ref_dt` names no object" in found[("full-example.odcs.yaml", 283, "ML902")]
    assert "a person's name" in found[("full-example.odcs.yaml", 200, "ML101")]  # receiver_name, no PII marker


def test_description_limitations_are_the_plans_limitations() -> None:
    text = CONTRACT.replace(
        "status: active\n", "status: active\ndescription:\n  limitations: Not to be used to identify users.\n"
    )
    plan = next(target for target in spec_of(text).targets if target.kind == "plan")
    assert plan.attrs["limitations"] == "Not to be used to identify users."
    assert fields(spec_of(text))["orders.email"].attrs["limitations_at"] == (8, 16)
