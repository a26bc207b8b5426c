"""Fides manifests read in place: datasets as plans at their native positions, privacy declarations onto them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from minlint.model.spec import Spec, Target
from minlint.readers import ReadOptions, read
from minlint.readers.fides import FIDES, Systems
from minlint.vocabulary import CATALOG, SHAPE, TRACKING_PLAN
from tests.conftest import REPO, RunMinlint, write_files

CORPUS = REPO / "tests" / "data" / "corpus" / "fides"

DATASET = """\
dataset:
  - fides_key: shop_users
    collections:
      - name: users
        fields:
          - name: email
            data_categories: [user.contact.email]
            fides_meta: {identity: email}
          - name: address
            data_categories: [user.contact.address]
            fields:
              - name: city
                data_categories: [user.contact.address.city]
          - name: notes
            data_categories: []
      - name: orders
        data_categories: [user.behavior.purchase_history]
        fields:
          - name: total
"""
SYSTEM = """\
system:
  - fides_key: shop
    system_type: Service
    dataset_references: [shop_users]
    privacy_declarations:
      - name: Accounts
        data_use: essential.service
        data_categories: [user.contact, user.behavior]
        legal_basis_for_processing: Contract
        retention_period: "365"
      - name: Newsletter
        data_use: marketing.communications.email
        data_categories: [user.contact.email]
        legal_basis_for_processing: Consent
        retention_period: "730"
        data_shared_with_third_parties: true
        third_parties: mailchimp; sendgrid
"""


def spec_of(files: dict[str, str], tmp_path: Path, name: str = "dataset.yml") -> Spec:
    """The plan ``name`` reads as, with the systems of the other files as context."""
    parts = []
    for other, text in files.items():
        if other != name:
            document = read(other, text.encode(), ReadOptions())
            assert document.kind == CATALOG and document.part is not None, document.problems
            parts.append(document.part[1])
    from minlint.readers import ForeignContext

    options = ReadOptions(foreign=ForeignContext(parts={"fides": tuple(parts)}))
    document = read(name, files[name].encode(), options)
    assert document.kind == TRACKING_PLAN and document.spec is not None, document.problems
    return document.spec


def fields(spec: Spec) -> dict[str, Target]:
    return {target.ref: target for target in spec.fields()}


def findings(run_minlint: RunMinlint, folder: Path) -> list[tuple[str, int, int, str]]:
    result = run_minlint("check", ".", "--format", "json", "--no-cache", cwd=folder)
    assert result.stderr == ""
    return [
        (item["path"], item["line"], item["column"], item["rule"]) for item in json.loads(result.stdout)["findings"]
    ]


def test_a_dataset_is_a_plan_its_collections_events_its_fields_at_their_names(tmp_path: Path) -> None:
    spec = spec_of({"dataset.yml": DATASET, "system.yml": SYSTEM}, tmp_path)
    assert (spec.name, spec.format) == ("shop_users", "fides")
    found = fields(spec)
    assert list(found) == ["users.email", "users.address", "users.address.city", "users.notes", "orders.total"]
    assert (found["users.email"].line, found["users.email"].column) == (6, 19)
    assert (found["users.address.city"].line, found["users.address.city"].column) == (12, 23)


def test_categories_come_from_the_field_else_from_above_and_an_empty_list_is_unclassified(tmp_path: Path) -> None:
    found = fields(spec_of({"dataset.yml": DATASET, "system.yml": SYSTEM}, tmp_path))
    assert found["users.email"].attrs["category"] == "user.contact.email"
    assert found["orders.total"].attrs["category"] == "user.behavior.purchase_history"  # the collection's
    assert found["users.notes"].attrs.get("category") is None
    assert found["users.notes"].attrs["unclassified"] is True


def test_privacy_declarations_give_the_fields_they_cover_purpose_basis_retention_and_recipients(
    tmp_path: Path,
) -> None:
    found = fields(spec_of({"dataset.yml": DATASET, "system.yml": SYSTEM}, tmp_path))
    email = found["users.email"].attrs
    assert email["purposes"] == ["essential.service", "marketing.communications.email"]
    assert email["purpose_bases"] == {"essential.service": "contract", "marketing.communications.email": "consent"}
    assert email["shared_with"] == ["mailchimp", "sendgrid"]
    city = found["users.address.city"].attrs
    assert (city["purposes"], city["basis"], city["retention_text"]) == (["essential.service"], "contract", "365 days")
    assert "purposes" not in found["users.notes"].attrs  # unclassified: no declaration can cover it
    # Declared where the one declaration covering the city says it; for the email, by two, at their list.
    declared = found["users.address.city"].origins["basis"]
    assert (declared.path, declared.line, declared.column) == ("system.yml", 9, 37)
    declared = found["users.email"].origins["basis"]
    assert (declared.path, declared.line, declared.column) == ("system.yml", 5, 5)


def test_a_dataset_and_its_systems_in_one_file(tmp_path: Path) -> None:
    spec = spec_of({"dataset.yml": DATASET + SYSTEM}, tmp_path)
    assert fields(spec)["users.email"].attrs["purposes"] == ["essential.service", "marketing.communications.email"]


def test_the_fields_fides_finds_a_person_by_are_the_subject_identifiers(tmp_path: Path) -> None:
    spec = spec_of({"dataset.yml": DATASET, "system.yml": SYSTEM}, tmp_path)
    plan = next(target for target in spec.targets if target.kind == "plan")
    assert plan.attrs["subject_id"] == ["users.email"]


def test_several_datasets_in_one_file_name_events_by_dataset_and_collection(tmp_path: Path) -> None:
    second = DATASET.replace("dataset:\n", "").replace("shop_users", "crm_users")
    spec = spec_of({"both.yml": DATASET + second}, tmp_path, "both.yml")
    assert spec.name == "both"
    assert "shop_users.users.email" in fields(spec) and "crm_users.users.email" in fields(spec)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("legal_basis_for_processing: Legit interest", "is not a value Fides knows; use one of: `Consent`"),
        ("special_category_legal_basis: Medical", "is not a value Fides knows; use one of: `Explicit consent`"),
        ('retention_period: "0"', "`retention_period`: `0` is not a retention minlint can read; Fides counts days"),
        ("retention_period: 3-5 years", "`retention_period`: `3-5 years` is not a retention minlint can read"),
    ],
)
def test_a_value_fides_would_not_accept_is_a_problem_at_the_value(written: str, expected: str) -> None:
    key = written.split(":", maxsplit=1)[0]
    lines = SYSTEM.splitlines(keepends=True)
    at = next(number for number, line in enumerate(lines) if line.strip().startswith(("legal_basis", "retention")))
    if key == "retention_period":
        at += 1
    lines[at] = f"        {written}\n" if key != "special_category_legal_basis" else lines[at] + f"        {written}\n"
    document = read("system.yml", "".join(lines).encode(), ReadOptions())
    problems = [(problem.code, problem.line, problem.message) for problem in document.problems]
    assert len(problems) == 1, problems
    code, line, message = problems[0]
    assert (code, line) == (SHAPE, at + 1 + (key == "special_category_legal_basis"))
    assert expected in message


def test_legal_bases_are_read_in_any_case_and_in_fideslang_1_spellings() -> None:
    system = SYSTEM.replace("legal_basis_for_processing: Contract", "legal_basis_for_processing: Legal Obligation")
    document = read("system.yml", system.encode(), ReadOptions())
    assert document.problems == ()
    assert document.part is not None and isinstance(document.part[1], Systems)
    assert document.part[1].uses[0].basis == "legal_obligation"
    assert document.part[1].uses[0].retention == "P365D"


def test_a_system_as_the_fides_api_returns_it_is_context_too() -> None:
    api = json.dumps(
        {
            "fides_key": "shop",
            "system_type": "Service",
            "privacy_declarations": [
                {"data_use": "essential.service", "data_categories": ["user"], "dataset_references": ["shop_users"]}
            ],
        }
    )
    document = read("system.json", api.encode(), ReadOptions())
    assert document.kind == CATALOG and document.part is not None
    assert [use.data_use for use in document.part[1].uses] == ["essential.service"]


def test_files_that_are_not_fides_are_left_to_other_readers() -> None:
    contract = "apiVersion: v2.2.2\nkind: DataContract\ndataset:\n  - table: t\n    fides_key: x\n"
    assert FIDES.read("c.yaml", contract.encode(), ReadOptions()) is None
    assert FIDES.read("p.yaml", b"name: x\nfides_key: y\n", ReadOptions()) is None


def test_the_corpus_is_checked_with_every_finding_at_its_native_place(run_minlint: RunMinlint, tmp_path: Path) -> None:
    for path in CORPUS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    found = findings(run_minlint, tmp_path)
    # The unclassified `food_preference`, and a retention Fides's UI would show as "0 days".
    assert ("demo_dataset.yml", 25, 13, "ML109") in found
    assert ("system.json", 20, 27, "ML902") in found
    # `first_name` (`user.name`) and `uuid` are covered by no declaration: no purpose, basis or retention.
    assert {rule for path, line, _, rule in found if path == "demo_dataset.yml" and line == 21} == {
        "ML001",
        "ML002",
        "ML003",
    }
    # `email` is covered (user.contact) with a purpose and, in system.json, a basis: only its retention is missing.
    assert {rule for path, line, _, rule in found if path == "demo_dataset.yml" and line == 17} == {"ML003"}


def test_the_example_project_is_clean(run_minlint: RunMinlint) -> None:
    result = run_minlint("check", "examples/fides", cwd=REPO)
    assert (result.returncode, result.stdout.strip()) == (0, "No findings in 3 spec files, 4 fields."), result.stdout


def test_a_declaration_from_the_system_file_is_fixed_there(run_minlint: RunMinlint, tmp_path: Path) -> None:
    system = SYSTEM.replace("legal_basis_for_processing: Contract", "legal_basis_for_processing: Consent")
    purposes = (
        "minlint: 1\nkind: purposes\npurposes:\n"
        "  essential.service: {description: Accounts, bases: [contract]}\n"
        "  marketing.communications.email: {description: Mail, bases: [consent], consent: {mechanism: form}}\n"
    )
    write_files(tmp_path, {"dataset.yml": DATASET, "system.yml": system, "purposes.yaml": purposes})
    found = findings(run_minlint, tmp_path)
    assert ("dataset.yml", 6, 19, "ML009") in found  # consent not allowed for the service: at the field


def test_a_dataset_named_alone_still_reads_the_systems_of_the_project(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write_files(tmp_path, {"dataset.yml": DATASET, "system.yml": SYSTEM})
    result = run_minlint("check", "dataset.yml", "--format", "json", "--no-cache", cwd=tmp_path)
    rules = {(item["line"], item["rule"]) for item in json.loads(result.stdout)["findings"]}
    assert (6, "ML001") not in rules  # the email's purpose came from system.yml, not named
    assert (14, "ML109") in rules


def test_collections_or_fields_that_are_not_lists_are_a_problem_not_a_silent_pass() -> None:
    broken = "dataset:\n  - fides_key: d\n    collections:\n      - name: users\n        fields: {email: x}\n"
    document = read("dataset.yml", broken.encode(), ReadOptions())
    assert [(problem.code, problem.line, problem.column) for problem in document.problems] == [(SHAPE, 5, 17)]
    assert document.problems[0].message == "`fields`: expected a list"


def test_a_missing_declaration_says_a_system_can_declare_it_as_well_as_a_declarations_file(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    write_files(tmp_path, {"dataset.yml": DATASET})
    result = run_minlint("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    messages = {item["message"] for item in json.loads(result.stdout)["findings"] if item["rule"] == "ML001"}
    assert "field `users.email` declares no purpose (declare it in a privacy declaration of a system, or in " in (
        "\n".join(sorted(messages))
    )


def test_a_data_use_the_purposes_registry_does_not_know_is_reported_with_where_the_declaration_says_it(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    system = SYSTEM.replace("data_use: marketing.communications.email", "data_use: marketing.comms")
    purposes = "minlint: 1\nkind: purposes\npurposes:\n  essential.service: {description: A, bases: [contract]}\n"
    write_files(tmp_path, {"dataset.yml": DATASET, "system.yml": system, "purposes.yaml": purposes})
    result = run_minlint("check", ".", "--format", "json", "--no-cache", "--select", "ML004", cwd=tmp_path)
    found = json.loads(result.stdout)["findings"]
    assert [(item["path"], item["line"]) for item in found] == [("dataset.yml", 6)]  # at the email it covers
    # Its purposes come from two declarations: the message points at the system's declarations.
    assert found[0]["message"].endswith("(declared at `system.yml:5:5`)")
    single = SYSTEM.replace("data_use: essential.service", "data_use: essential.servce")
    write_files(tmp_path, {"system.yml": single})
    result = run_minlint("check", ".", "--format", "json", "--no-cache", "--select", "ML004", cwd=tmp_path)
    by_field = {item["target"]: item["message"] for item in json.loads(result.stdout)["findings"]}
    # The city is covered by that one declaration alone: its data_use.
    assert by_field["users.address.city"].endswith("(declared at `system.yml:7:19`)")
