"""dbt property files read in place: nodes as events, columns as fields, `meta` as declarations."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minlint.model.spec import Spec, Target
from minlint.readers import ForeignContext, ReadOptions, read
from minlint.readers.dbt import DBT, Project
from minlint.vocabulary import CATALOG, SHAPE, TRACKING_PLAN
from tests.conftest import REPO, RunMinlint, write_files

PROPERTIES = """\
version: 2

sources:
  - name: shop
    meta:
      minlint: {purpose: essential.service}
    tables:
      - name: raw_customers
        columns:
          - name: email
            data_type: varchar(255)
            meta:
              contains_pii: true
          - name: phone
            tags: [pii]

models:
  - name: customers
    description: One row per customer.
    meta:
      minlint: {basis: contract, retention: P1Y}
    config:
      meta:
        minlint: {retention: P3Y}
    columns:
      - name: customer_id
        data_type: bigint
        data_tests: [unique, not_null]
        meta:
          minlint: {category: user.unique_id}
      - name: address
        data_type: struct
      - name: address.city
        data_type: string
        config:
          meta:
            pii: city
            classification: restricted
      - name: lifetime_value
        data_type: numeric(38, 2)
        meta:
          contains_pii: false
"""


def spec_of(text: str, path: str = "models/schema.yml", options: ReadOptions | None = None) -> Spec:
    document = read(path, text.encode(), options or ReadOptions())
    assert document.kind == TRACKING_PLAN and document.spec is not None, document.problems
    return document.spec


def fields(spec: Spec) -> dict[str, Target]:
    return {target.ref: target for target in spec.fields()}


def test_nodes_are_events_and_columns_are_fields_at_their_names() -> None:
    spec = spec_of(PROPERTIES)
    assert (spec.name, spec.format) == ("dbt", "dbt")
    found = fields(spec)
    assert list(found) == [
        "customers.customer_id",
        "customers.address",
        "customers.address.city",
        "customers.lifetime_value",
        "shop.raw_customers.email",
        "shop.raw_customers.phone",
    ]
    assert (found["shop.raw_customers.email"].line, found["shop.raw_customers.email"].column) == (10, 19)
    assert (found["customers.address.city"].line, found["customers.address.city"].column) == (33, 15)
    assert found["customers.address.city"].attrs["parent"] == "customers.address"  # nested under the struct


def test_column_types_and_not_null_tests_become_field_facts() -> None:
    found = fields(spec_of(PROPERTIES))
    assert found["customers.customer_id"].attrs["type"] == "integer"
    assert found["customers.customer_id"].attrs["required"] is True
    assert found["customers.lifetime_value"].attrs["type"] == "number"  # sizes dropped
    assert found["shop.raw_customers.email"].attrs["type"] == "string"
    assert "required" not in found["customers.lifetime_value"].attrs


def test_pii_flags_and_tags_mark_personal_data_and_false_does_not() -> None:
    found = fields(spec_of(PROPERTIES))
    assert found["shop.raw_customers.email"].attrs["pii"] is True  # contains_pii: true
    assert found["shop.raw_customers.phone"].attrs["pii"] is True  # tags: [pii]
    assert found["customers.address.city"].attrs["pii"] is True  # pii: city names its kind
    assert found["customers.address.city"].attrs["classification"] == "restricted"
    assert "pii" not in found["customers.lifetime_value"].attrs


def test_meta_minlint_declares_on_columns_nodes_and_sources_with_config_meta_winning() -> None:
    found = fields(spec_of(PROPERTIES))
    customer = found["customers.customer_id"].attrs
    assert (customer["category"], customer["basis"], customer["retention"]) == ("user.unique_id", "contract", "P3Y")
    assert found["shop.raw_customers.email"].attrs["purposes"] == ["essential.service"]  # from the source
    assert "purposes" not in found["customers.address"].attrs


def test_a_pii_flagged_column_without_a_category_is_undeclared_personal_data(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    write_files(tmp_path, {"models/schema.yml": PROPERTIES})
    result = run_minlint("check", ".", "--format", "json", "--no-cache", "--select", "ML101", cwd=tmp_path)
    found = {(item["line"], item["column"]) for item in json.loads(result.stdout)["findings"]}
    # email (contains_pii), phone (a pii tag), address (its name says so) and address.city (pii: city).
    assert found == {(10, 19), (14, 19), (31, 15), (33, 15)}


def test_the_plan_is_named_by_the_dbt_project_and_its_declarations_file_beside_it_applies(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    project = "name: shop_warehouse\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\n"
    declarations = """\
        minlint: 1
        kind: declarations
        plan: shop_warehouse
        defaults: {purpose: essential.service, basis: contract, retention: P1Y, category: none}
        events:
          shop.raw_customers:
            properties:
              email: {category: user.contact.email}
              phone: {category: user.contact.phone_number}
          customers:
            properties:
              address:
                category: user.contact.address
                properties:
                  city: {category: user.contact.address.city, protection: encrypted}
        """
    write_files(
        tmp_path,
        {
            ".minlint.yaml": "paths: ['.']\n",
            "dbt_project.yml": project,
            "shop_warehouse.declarations.yaml": declarations,
            "models/schema.yml": PROPERTIES,
        },
    )
    result = run_minlint("check", ".", "--no-cache", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "No findings in 3 spec files, 6 fields."), result.stdout
    # Named alone, from inside the project (the folder of .minlint.yaml), it is read with the project's context.
    alone = run_minlint("check", "schema.yml", "--no-cache", cwd=tmp_path / "models")
    assert (alone.returncode, alone.stdout.strip()) == (0, "No findings in 1 spec file, 6 fields."), alone.stdout


def test_without_a_project_file_the_declarations_file_is_suggested_under_the_plan_dbt(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    write_files(tmp_path, {"models/schema.yml": PROPERTIES})
    result = run_minlint("check", ".", "--no-cache", "--select", "ML001", cwd=tmp_path)
    assert "or in `models/dbt.declarations.yaml`" in result.stdout


def test_the_nearest_project_file_above_names_the_plan() -> None:
    parts = {"dbt": (Project("warehouse", "outer"), Project("warehouse/inner", "inner"), Project("other", "x"))}
    options = ReadOptions(foreign=ForeignContext(parts=parts))
    assert spec_of(PROPERTIES, "warehouse/inner/models/schema.yml", options).name == "inner"
    assert spec_of(PROPERTIES, "warehouse/models/schema.yml", options).name == "outer"
    assert spec_of(PROPERTIES, "elsewhere/schema.yml", options).name == "dbt"


def test_a_project_file_is_context_naming_its_folder() -> None:
    document = read("warehouse/dbt_project.yml", b"name: shop\nprofile: shop\nmodel-paths: [models]\n", ReadOptions())
    assert document.kind == CATALOG
    assert document.part == ("dbt", Project("warehouse", "shop"))


def test_yaml_that_is_not_dbt_is_not_claimed() -> None:
    compose = b"version: '2'\nservices:\n  web:\n    image: x\ncolumns: 3\n"
    assert DBT.read("docker-compose.yml", compose, ReadOptions()) is None
    assert DBT.read("x.yml", b"version: 2\nexposures:\n  - name: a\ncolumns: []\n", ReadOptions()) is None
    assert DBT.read("x.yml", b"name: a\ncolumns: [b]\n", ReadOptions()) is None  # no project key


def test_wrong_shapes_are_problems_at_the_value_not_a_silent_pass() -> None:
    broken = """\
version: 2
models:
  - name: customers
    columns:
      - name: email
      - name: email
      - description: no name
  - columns: []
  - name: orders
    columns: {order_id: {}}
sources: {shop: {}}
"""
    document = read("schema.yml", broken.encode(), ReadOptions())
    assert sorted((problem.code, problem.line, problem.column) for problem in document.problems) == [
        (SHAPE, 6, 15),
        (SHAPE, 7, 9),
        (SHAPE, 8, 5),
        (SHAPE, 10, 14),
        (SHAPE, 11, 10),
    ]
    messages = [problem.message for problem in sorted(document.problems, key=lambda problem: problem.line)]
    assert "column `customers.email` is listed twice" in messages[0]
    assert messages[1] == "`customers.columns[2]`: an entry with no `name`"
    assert messages[3] == "`orders.columns`: expected a list"
    assert messages[4] == "`sources`: expected a list"


def test_a_meta_minlint_block_a_declarations_file_would_refuse_is_a_problem_at_the_key() -> None:
    text = "version: 2\nmodels:\n  - name: c\n    columns:\n      - name: a\n        meta:\n"
    text += "          minlint: {purpse: x}\n"
    document = read("schema.yml", text.encode(), ReadOptions())
    assert [(problem.code, problem.line) for problem in document.problems] == [(SHAPE, 7)]
    assert document.problems[0].message.startswith("`c.a.meta.minlint`: ")
    assert "purpse" in document.problems[0].message


def test_the_example_project_is_clean(run_minlint: RunMinlint) -> None:
    result = run_minlint("check", "examples/dbt", "--no-cache", cwd=REPO)
    assert (result.returncode, result.stdout.strip()) == (0, "No findings in 4 spec files, 10 fields."), result.stdout


def test_packages_dbt_installs_are_not_walked(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write_files(tmp_path, {"dbt_packages/utils/models/schema.yml": PROPERTIES, "plan.yml": "kind: x\n"})
    result = run_minlint("check", ".", "--no-cache", cwd=tmp_path)
    assert "raw_customers" not in result.stdout


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(["name", "columns", "meta", "config", "minlint", "pii", "tags", "tables"]),
            children,
            max_size=4,
        ),
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["models", "sources", "seeds", "snapshots"]), _VALUES, min_size=1))
def test_any_shape_under_version_2_is_read_without_raising(body: dict[str, object]) -> None:
    text = yaml.safe_dump({"version": 2, **body})
    document = read("schema.yml", text.encode(), ReadOptions())
    assert document.is_spec or "columns" not in text  # a file listing no columns has nothing to check
    assert all(problem.line >= 1 and problem.column >= 1 for problem in document.problems)


def test_seeds_and_snapshots_are_events_like_models() -> None:
    text = (
        "version: 2\nseeds:\n  - name: country_codes\n    columns:\n      - name: code\n"
        "snapshots:\n  - name: customers_snapshot\n    columns:\n      - name: email\n        tags: [pii]\n"
    )
    found = fields(spec_of(text))
    assert list(found) == ["country_codes.code", "customers_snapshot.email"]
    assert found["customers_snapshot.email"].attrs["pii"] is True


def test_a_property_file_without_version_or_with_version_as_text_is_read() -> None:
    body = PROPERTIES.replace("version: 2\n", "")
    assert len(fields(spec_of(body))) == 6  # `version:` is optional since dbt 1.5
    assert len(fields(spec_of(PROPERTIES.replace("version: 2", 'version: "2"')))) == 6


def test_a_project_file_with_a_numeric_version_is_a_project_not_a_property_file() -> None:
    text = b"name: shop\nversion: 2\nprofile: shop\nmodels:\n  shop:\n    +materialized: view\n"
    document = read("dbt_project.yml", text, ReadOptions())
    assert (document.kind, document.part, document.problems) == (CATALOG, ("dbt", Project("", "shop")), ())


def test_broken_yaml_that_only_mentions_columns_is_not_claimed_but_a_broken_property_file_is() -> None:
    assert DBT.read("c.yaml", b"a: b: c\n# columns\n", ReadOptions()) is None
    broken = b"version: 2\nmodels:\n  - name: customers\n    columns: [a, b\n"
    document = DBT.read("schema.yml", broken, ReadOptions())
    assert document is not None and document.problems and document.problems[0].code == "ML901"


def test_json_listing_columns_is_left_alone() -> None:
    assert not DBT.recognises(b'{"nodes": {}, "sources": {}, "columns": {}}')  # target/manifest.json


def test_a_finding_names_the_column_meta_as_a_place_to_declare(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write_files(tmp_path, {"models/schema.yml": PROPERTIES})
    result = run_minlint("check", ".", "--no-cache", "--select", "ML001", cwd=tmp_path)
    assert "(declare it in a column's `meta: {minlint: …}`, or in `models/dbt.declarations.yaml`)" in result.stdout
