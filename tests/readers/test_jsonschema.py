"""Plain JSON Schema event files: read only when the configuration names them, one event per file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minlint.model.overlay import Overlay
from minlint.model.spec import Spec
from minlint.readers import NOT_A_SPEC, Document, ForeignContext, ReadOptions, read
from minlint.readers.jsonschema import JSON_SCHEMA, plan_name
from minlint.vocabulary import SHAPE, SYNTAX, TRACKING_PLAN
from tests.conftest import RunMinlint
from tests.readers.support import containers

DATA = Path(__file__).resolve().parent / "data/jsonschema"
ORDER = DATA / "checkout/order_completed.schema.json"
SIGNED_UP = DATA / "checkout/signed_up.json"
IDENTIFY = (
    Path(__file__).resolve().parents[1]
    / "data/corpus/snowplow-iglu-central/schemas/com.snowplowanalytics.snowplow/identify/jsonschema/1-0-0"
)
NAMED = ReadOptions(plain_schema=True)

CONFIG = 'plans:\n  json-schema: ["events/*.json"]\n'
PURPOSES = """\
minlint: 1
kind: purposes
purposes:
  analytics.reporting:
    description: Aggregate reporting on sales and funnels.
    bases: [legitimate_interests, consent]
    interest: Knowing which pages and products work.
    consent: {mechanism: cmp}
    max_retention: P25M
"""
DECLARATIONS = """\
minlint: 1
kind: declarations
plan: events
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M}
events:
  Order Completed:
    properties:
      email: {category: user.contact.email}
      shipping_address:
        category: user.contact.address
        properties:
          street: {category: user.contact.address.street}
          postal_code: {category: user.contact.address.postal_code}
  signed_up:
    properties:
      phone: {category: user.contact.phone_number}
"""


def read_named(path: Path, shown: str) -> Document:
    return read(shown, path.read_bytes(), NAMED)


def spec_of(document: Document) -> Spec:
    assert document.spec is not None, document.problems
    return document.spec


def targets(document: Document, kind: str) -> list[tuple[str, int, int]]:
    return [(target.ref, target.line, target.column) for target in spec_of(document).targets if target.kind == kind]


def overlay(text: str, path: str = "events/events.declarations.yaml") -> Overlay:
    document = read(path, text.encode(), ReadOptions())
    assert document.part is not None and isinstance(document.part[1], Overlay), document
    return document.part[1]


def project(tmp_path: Path, *, configured: bool = True) -> Path:
    """A project with the two fixture events under ``events/`` and a purposes registry."""
    (tmp_path / "events").mkdir()
    shutil.copyfile(ORDER, tmp_path / "events" / ORDER.name)
    shutil.copyfile(SIGNED_UP, tmp_path / "events" / SIGNED_UP.name)
    (tmp_path / "purposes.yaml").write_text(PURPOSES, encoding="utf-8")
    if configured:
        (tmp_path / ".minlint.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def check(run_minlint: RunMinlint, folder: Path) -> tuple[int, list[dict[str, Any]]]:
    # Raw capture (ML107: a referrer's query string) is the schema's to fix, not what reading it is about.
    completed = run_minlint("check", ".", "--format", "json", "--no-cache", "--ignore", "ML107", cwd=folder)
    assert completed.returncode in (0, 1), completed.stderr
    return completed.returncode, json.loads(completed.stdout)["findings"]


def located(found: list[dict[str, Any]]) -> list[tuple[str, str, int, int]]:
    return [(item["rule"], item["path"], item["line"], item["column"]) for item in found]


# --- only when the configuration says so ----------------------------------------------------


def test_a_json_schema_the_configuration_does_not_name_is_not_read() -> None:
    data = ORDER.read_bytes()
    assert JSON_SCHEMA.read("events/order_completed.schema.json", data, ReadOptions()) is None
    assert read("events/order_completed.schema.json", data, ReadOptions()) == NOT_A_SPEC


def test_a_snowplow_schema_the_configuration_names_stays_a_snowplow_schema() -> None:
    document = read("events/identify.json", IDENTIFY.read_bytes(), NAMED)
    assert (spec_of(document).format, spec_of(document).name) == ("snowplow", "com.snowplowanalytics.snowplow")


def test_a_minlint_spec_the_configuration_names_by_mistake_is_read_as_what_it_is() -> None:
    document = read("events/plan.json", b'{"minlint": 1, "kind": "tracking-plan", "name": "web"}', NAMED)
    assert (document.kind, spec_of(document).format) == (TRACKING_PLAN, "minlint")


# --- the mapping ----------------------------------------------------------------------------


def test_the_event_is_named_by_its_title_and_every_field_sits_at_its_key() -> None:
    document = read_named(ORDER, "events/checkout/order_completed.schema.json")
    assert document.problems == ()
    assert targets(document, "plan") == [("checkout", 1, 1)]
    assert targets(document, "event") == [("Order Completed", 4, 12)]
    assert targets(document, "field") == [
        ("Order Completed.order_id", 8, 5),
        ("Order Completed.revenue", 12, 5),
        ("Order Completed.email", 15, 5),
        ("Order Completed.shipping_address", 19, 5),
        # Followed into `definitions`: the nested fields are where the definition writes them.
        ("Order Completed.shipping_address.street", 38, 9),
        ("Order Completed.shipping_address.postal_code", 39, 9),
        ("Order Completed.shipping_address.country", 40, 9),
        ("Order Completed.products", 22, 5),
        ("Order Completed.products.sku", 27, 11),
        ("Order Completed.products.price", 28, 11),
    ]
    email = next(field for field in spec_of(document).fields() if field.ref.endswith(".email"))
    assert (email.attrs["type"], email.attrs["format"]) == ("string", "email")


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_a_schema_indented_with_tabs_is_read_at_the_same_positions_by_either_loader(pure: bool) -> None:
    data = ORDER.read_bytes().replace(b"  ", b"\t")
    document = read("events/order.json", data, ReadOptions(plain_schema=True, pure_yaml=pure))
    assert document.problems == ()
    assert targets(document, "field")[:3] == [
        ("Order Completed.order_id", 8, 3),
        ("Order Completed.revenue", 12, 3),
        ("Order Completed.email", 15, 3),
    ]


def test_without_a_title_the_event_is_named_by_the_file_and_defs_refs_are_followed() -> None:
    document = read_named(SIGNED_UP, "events/checkout/signed_up.json")
    assert targets(document, "event") == [("signed_up", 1, 1)]
    referrer = next(field for field in spec_of(document).fields() if field.ref == "signed_up.referrer")
    assert (referrer.line, referrer.column, referrer.attrs["format"]) == (7, 5, "uri")


@pytest.mark.parametrize(
    ("path", "plan"),
    [("events/checkout/order.json", "checkout"), ("events/order.json", "events"), ("/srv/plan/order.json", "plan")],
)
def test_the_plan_is_the_folder_the_file_is_in(path: str, plan: str) -> None:
    assert plan_name(path) == plan


def test_a_file_in_the_current_folder_belongs_to_the_current_folders_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shop").mkdir()
    monkeypatch.chdir(tmp_path / "shop")
    assert plan_name("order.json") == "shop"


def test_declarations_are_suggested_beside_the_file_under_the_plans_name() -> None:
    spec = spec_of(read_named(ORDER, "events/checkout/order_completed.schema.json"))
    assert spec.declared_in == "events/checkout/checkout.declarations.yaml"


def test_the_roots_x_minlint_declares_for_the_whole_event() -> None:
    schema = json.loads(ORDER.read_text(encoding="utf-8"))
    schema["x-minlint"] = {"purpose": "analytics.reporting", "basis": "legitimate_interests", "retention": "P13M"}
    schema["definitions"]["address"]["x-minlint"] = {"category": "user.contact.address"}
    document = read("events/order.json", json.dumps(schema, indent=2).encode(), NAMED)
    assert document.problems == ()
    by_ref = {field.ref: field for field in spec_of(document).fields()}
    assert by_ref["Order Completed.revenue"].origins["purpose"].owner == "Order Completed.defaults"
    # A definition's x-minlint declares wherever the definition is used.
    street = by_ref["Order Completed.shipping_address.street"]
    assert (street.attrs["category"], street.origins["category"].owner) == (
        "user.contact.address",
        "Order Completed.shipping_address",
    )


def test_a_declarations_file_may_name_the_event_by_its_title_or_by_its_file() -> None:
    declarations = overlay(
        "minlint: 1\nkind: declarations\nplan: checkout\nevents:\n"
        "  order_completed:\n    properties:\n      email: {category: user.contact.email}\n"
        "  signed_up:\n    properties:\n      phone: {category: user.contact.phone_number}\n"
    )
    options = NAMED._replace(foreign=ForeignContext((declarations,)))
    document = read("events/checkout/order_completed.schema.json", ORDER.read_bytes(), options)
    # `signed_up` is the other file's event: no complaint here.
    assert document.problems == ()
    email = next(field for field in spec_of(document).fields() if field.ref.endswith(".email"))
    assert email.attrs["category"] == "user.contact.email"


def test_a_misspelt_field_in_the_declarations_is_unmatched_with_a_suggestion() -> None:
    declarations = overlay(DECLARATIONS.replace("postal_code: {", "postcode: {"))
    options = NAMED._replace(foreign=ForeignContext((declarations,)))
    document = read("events/order_completed.schema.json", ORDER.read_bytes(), options)
    # Every entry looked at is handed to the project stage, which reports those no file matched (ML908).
    (missing,) = [entry for entry in document.declared if entry[3] and entry[4].endswith(".postcode")]
    assert missing[:3] == ("events/events.declarations.yaml", 13, 11)
    assert "did you mean `postal_code`?" in missing[3]


# --- named files that are no event ----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"[1, 2]\n", (SHAPE, 1, 1), id="a-list"),
        pytest.param(b"# events\n\n  [1]\n", (SHAPE, 3, 3), id="an-indented-list"),
        pytest.param(b'"order"\n', (SHAPE, 1, 1), id="a-text"),
        pytest.param(b"", (SHAPE, 1, 1), id="empty"),
        pytest.param(b'{\n  "type": "string"\n}\n', (SHAPE, 2, 11), id="not-an-object"),
        pytest.param(b'{\n  "type": "object",\n  "properties": ["a"]\n}\n', (SHAPE, 3, 17), id="properties-a-list"),
        pytest.param(b'{\n  "type": "object"\n}\n', (SHAPE, 1, 1), id="open-without-properties"),
        pytest.param(b'{\n  "name": "Order Completed"\n}\n', (SHAPE, 1, 1), id="no-schema-at-all"),
        pytest.param(b'{\n  "title": "Order",\n  "properties": {\n', (SYNTAX, 4, 1), id="does-not-parse"),
    ],
)
def test_a_named_file_that_is_no_object_schema_is_a_located_problem(
    data: bytes, expected: tuple[str, int, int]
) -> None:
    document = read("events/order.json", data, NAMED)
    assert document.is_spec and document.spec is None
    assert [(problem.code, problem.line, problem.column) for problem in document.problems] == [expected]


def test_a_closed_object_without_properties_is_an_event_that_carries_no_data() -> None:
    document = read("events/logged_out.json", b'{"title": "Logged Out", "additionalProperties": false}', NAMED)
    assert (document.problems, targets(document, "event"), targets(document, "field")) == (
        (),
        [("Logged Out", 1, 11)],
        [],
    )


# --- end to end, through the installed command -----------------------------------------------


def test_the_cli_reads_the_event_files_the_configuration_names(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = project(tmp_path)
    code, found = check(run_minlint, folder)
    order = "events/order_completed.schema.json"
    assert code == 1
    for expected in [
        ("ML101", order, 15, 5),
        ("ML101", order, 38, 9),
        ("ML101", "events/signed_up.json", 5, 5),
        ("ML001", order, 8, 5),
        ("ML002", order, 8, 5),
        ("ML003", order, 8, 5),
    ]:
        assert expected in located(found)
    assert {item["path"] for item in found} == {order, "events/signed_up.json"}


def test_the_cli_is_silent_about_json_schemas_without_the_configuration(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    folder = project(tmp_path, configured=False)
    assert check(run_minlint, folder) == (0, [])


def test_the_cli_is_clean_once_a_declarations_file_covers_the_events(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = project(tmp_path)
    (folder / "events" / "events.declarations.yaml").write_text(DECLARATIONS, encoding="utf-8")
    assert check(run_minlint, folder) == (0, [])


def test_the_cli_reports_a_declaration_naming_no_field_at_its_line(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = project(tmp_path)
    declarations = DECLARATIONS.replace("phone: {", "phnoe: {")
    (folder / "events" / "events.declarations.yaml").write_text(declarations, encoding="utf-8")
    code, found = check(run_minlint, folder)
    unmatched = [item for item in found if item["rule"] == "ML908"]
    assert (code, located(unmatched)) == (1, [("ML908", "events/events.declarations.yaml", 16, 7)])
    assert "did you mean `phone`?" in unmatched[0]["message"]


def test_the_cli_reports_named_files_that_are_no_event_where_they_break(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    folder = project(tmp_path)
    (folder / "events" / "events.declarations.yaml").write_text(DECLARATIONS, encoding="utf-8")
    (folder / "events" / "list.json").write_text("[1, 2]\n", encoding="utf-8")
    (folder / "events" / "string.json").write_text('{\n  "type": "string"\n}\n', encoding="utf-8")
    (folder / "events" / "broken.json").write_text('{\n  "title": "Broken",\n  "properties": {\n', encoding="utf-8")
    # Not named by the configuration (not `events/*.json`): not read.
    (folder / "other.json").write_text('{"type": "string"}\n', encoding="utf-8")
    code, found = check(run_minlint, folder)
    assert (code, located(found)) == (
        1,
        [
            ("ML901", "events/broken.json", 4, 1),
            ("ML902", "events/list.json", 1, 1),
            ("ML902", "events/string.json", 2, 11),
        ],
    )


# --- hostile input -----------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.sampled_from(["#", "#/$defs/url"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)
_KEYS = st.sampled_from(
    ["title", "properties", "items", "type", "$ref", "anyOf", "oneOf", "allOf", "definitions", "$defs",
     "x-minlint", "additionalProperties", "purpose", "category"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_mutations_of_a_named_schema_never_raise(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from([ORDER, SIGNED_UP]))
    schema = json.loads(source.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        targets = containers(schema, [])
        if not targets:
            break
        target = data.draw(st.sampled_from(targets))
        key = data.draw(_KEYS | st.sampled_from(sorted(target) or ["title"]))
        target[key] = data.draw(_JSON | st.builds(lambda ref: {"$ref": ref}, st.sampled_from(["#", "#/properties"])))
    text = json.dumps(schema, indent=data.draw(st.sampled_from([None, 2])))
    cut = data.draw(st.integers(0, len(text)))
    for payload in (text, text[:cut]):
        document = read(f"events/{source.name}", payload.encode(), NAMED)
        assert isinstance(document, Document)
