"""Data contracts (Data Contract Specification) read in place: models as events, `pii` and retention where written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from minlint.model.spec import Spec, Target
from minlint.readers import ReadOptions, read
from minlint.readers.datacontract import DATA_CONTRACT
from minlint.vocabulary import SHAPE, TRACKING_PLAN
from tests.conftest import REPO, RunMinlint, write_files

CORPUS = REPO / "tests" / "data" / "corpus" / "datacontract-specification" / "orders-latest" / "datacontract.yaml"

CONTRACT = """\
dataContractSpecification: 1.2.0
id: orders
info: {title: Orders, version: 1.0.0}
models:
  orders:
    description: One row per order.
    fields:
      order_id:
        $ref: '#/definitions/order_id'
        required: true
      email:
        type: text
        format: email
        pii: true
        classification: sensitive
      items:
        type: array
        items:
          type: object
          fields:
            sku: {type: string}
      shipped_at: {type: timestamp}
definitions:
  order_id:
    type: text
    pii: true
    description: An order's id.
servicelevels:
  retention:
    period: P1Y
    timestampField: orders.shipped_at
"""


def spec_of(text: str) -> Spec:
    document = read("datacontract.yaml", text.encode(), ReadOptions())
    assert document.kind == TRACKING_PLAN and document.spec is not None, document.problems
    return document.spec


def fields(spec: Spec) -> dict[str, Target]:
    return {target.ref: target for target in spec.fields()}


def test_a_contract_is_a_plan_named_by_its_id_its_models_events_its_fields_at_their_keys() -> None:
    spec = spec_of(CONTRACT)
    assert (spec.name, spec.format) == ("orders", "datacontract")
    found = fields(spec)
    assert list(found) == ["orders.order_id", "orders.email", "orders.items", "orders.items.sku", "orders.shipped_at"]
    assert (found["orders.email"].line, found["orders.email"].column) == (11, 7)
    assert (found["orders.items.sku"].line, found["orders.items.sku"].column) == (21, 13)


def test_a_field_takes_its_definition_through_ref_and_keeps_its_own_keys() -> None:
    order_id = fields(spec_of(CONTRACT))["orders.order_id"].attrs
    assert (order_id["type"], order_id["pii"], order_id["description"], order_id["required"]) == (
        "string",
        True,
        "An order's id.",
        True,
    )


def test_types_pii_and_classification_are_facts_of_the_field() -> None:
    found = fields(spec_of(CONTRACT))
    email = found["orders.email"].attrs
    assert (email["type"], email["format"], email["pii"], email["classification"]) == (
        "string",
        "email",
        True,
        "sensitive",
    )
    assert found["orders.shipped_at"].attrs["type"] == "datetime"
    assert found["orders.items"].attrs["type"] == "array"


def test_the_service_level_retention_is_every_fields_default() -> None:
    found = fields(spec_of(CONTRACT))
    assert {target.attrs.get("retention_text") for target in found.values()} == {"1 year"}
    unlimited = CONTRACT.replace("    period: P1Y\n", "    unlimited: true\n")
    assert fields(spec_of(unlimited))["orders.email"].attrs["retention"] == "forever"


def test_a_retention_minlint_cannot_read_or_a_timestamp_field_that_is_not_there_is_a_problem() -> None:
    broken = CONTRACT.replace("period: P1Y", "period: one year-ish").replace(
        "timestampField: orders.shipped_at", "timestampField: orders.sent_at"
    )
    document = read("datacontract.yaml", broken.encode(), ReadOptions())
    assert [(problem.code, problem.line, problem.column) for problem in document.problems] == [
        (SHAPE, 30, 13),
        (SHAPE, 31, 21),
    ]
    assert "`one year-ish` is not a period minlint can read" in document.problems[0].message
    assert "`orders.sent_at` names no field" in document.problems[1].message


def test_files_that_are_not_contracts_are_left_to_other_readers() -> None:
    assert DATA_CONTRACT.read("c.yaml", b"id: x\nnote: dataContractSpecification\n", ReadOptions()) is None


def test_the_corpus_contract_reports_the_unflagged_customer_id_at_its_key(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    shutil.copy(CORPUS, tmp_path / "datacontract.yaml")
    result = run_minlint("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    found = {(item["line"], item["rule"]): item["message"] for item in json.loads(result.stdout)["findings"]}
    assert "a user identifier" in found[(73, "ML101")]  # customer_id: no `pii`, no category
    assert "`pii: true`" in found[(48, "ML101")]  # order_id, flagged through its definition
    assert not any(rule == "ML003" for _, rule in found)  # servicelevels.retention: P1Y for every field


def test_a_declarations_file_beside_the_contract_makes_it_clean(run_minlint: RunMinlint, tmp_path: Path) -> None:
    declarations = """\
        minlint: 1
        kind: declarations
        plan: orders
        defaults: {purpose: essential.service, basis: contract, category: none}
        events:
          orders:
            properties:
              order_id: {category: user.unique_id}
              email: {category: user.contact.email, protection: encrypted}
        """
    write_files(tmp_path, {"datacontract.yaml": CONTRACT, "orders.declarations.yaml": declarations})
    result = run_minlint("check", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "No findings in 2 spec files, 5 fields."), result.stdout


def test_the_example_project_is_clean(run_minlint: RunMinlint) -> None:
    result = run_minlint("check", "examples/data-contract", cwd=REPO)
    assert (result.returncode, result.stdout.strip()) == (0, "No findings in 2 spec files, 4 fields."), result.stdout


def test_models_or_fields_written_as_lists_are_a_problem_not_a_silent_pass() -> None:
    listed = "dataContractSpecification: 1.2.0\nid: x\nmodels:\n  orders:\n    fields: [order_id, email]\n"
    document = read("datacontract.yaml", listed.encode(), ReadOptions())
    assert [(problem.code, problem.line, problem.column) for problem in document.problems] == [(SHAPE, 5, 13)]
    assert "`models.orders.fields`: expected fields by name" in document.problems[0].message


def test_the_corpus_contract_that_must_not_identify_customers_flags_the_email_address_it_ships(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    shutil.copy(CORPUS, tmp_path / "datacontract.yaml")
    declarations = """\
        minlint: 1
        kind: declarations
        plan: orders-latest
        events:
          orders:
            properties:
              customer_email_address: {category: user.contact.email}
        """
    write_files(tmp_path, {"orders.declarations.yaml": declarations})
    result = run_minlint("check", ".", "--format", "json", "--no-cache", "--select", "ML110,ML311", cwd=tmp_path)
    found = [(item["line"], item["column"], item["rule"]) for item in json.loads(result.stdout)["findings"]]
    # order_id (in both models) is `restricted` through its definition, the email address `sensitive`:
    # none of them protected.
    assert found == [(48, 7, "ML110"), (78, 7, "ML110"), (78, 7, "ML311"), (134, 7, "ML110")]
    limitation = json.loads(result.stdout)["findings"][2]["message"]
    assert '(line 31) say "…real-time use cases. Data may not be used to identify individual customers.' in limitation
