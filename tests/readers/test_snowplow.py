"""Snowplow self-describing JSON Schemas (Iglu): the vendor a plan, each schema an event, positions native."""

from __future__ import annotations

import codecs
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minlint.model.overlay import Overlay
from minlint.model.spec import Spec
from minlint.readers import NOT_A_SPEC, Document, ForeignContext, ReadOptions, read
from minlint.readers.snowplow import SNOWPLOW, declarations_folder, iglu_layout
from minlint.vocabulary import SHAPE, SYNTAX, TRACKING_PLAN
from tests.conftest import RunMinlint
from tests.readers.support import containers

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests/data/corpus/snowplow-iglu-central/schemas"
MORE = Path(__file__).resolve().parent / "data/snowplow/schemas"
SNOWPLOW_VENDOR = "com.snowplowanalytics.snowplow"
IDENTIFY = f"{SNOWPLOW_VENDOR}/identify/jsonschema/1-0-0"

# Every field of every corpus schema, at the line and column of its key in the native file (a tab
# is one column, as the loader counts).
CORPUS_FIELDS: dict[str, list[tuple[str, int, int]]] = {
    "com.google.tag-manager.server-side/user_data/jsonschema/1-0-0": [
        ("email_address", 12, 17),
        ("phone_number", 17, 17),
        ("address", 22, 17),
        ("address.first_name", 26, 33),
        ("address.last_name", 31, 33),
        ("address.street", 36, 33),
        ("address.city", 41, 33),
        ("address.region", 46, 33),
        ("address.postal_code", 51, 33),
        ("address.country", 56, 33),
    ],
    f"{SNOWPLOW_VENDOR}/client_session/jsonschema/1-0-2": [
        ("userId", 12, 3),
        ("sessionId", 18, 3),
        ("sessionIndex", 23, 3),
        ("eventIndex", 29, 3),
        ("previousSessionId", 38, 3),
        ("storageMechanism", 46, 3),
        ("firstEventId", 57, 3),
        ("firstEventTimestamp", 65, 3),
    ],
    f"{SNOWPLOW_VENDOR}/consent_preferences/jsonschema/1-0-0": [
        ("eventType", 12, 9),
        ("basisForProcessing", 16, 9),
        ("consentUrl", 20, 9),
        ("consentVersion", 25, 9),
        ("consentScopes", 30, 9),
        ("domainsApplied", 40, 9),
        ("gdprApplies", 50, 9),
    ],
    f"{SNOWPLOW_VENDOR}/gdpr/jsonschema/1-0-0": [
        ("basisForProcessing", 13, 9),
        ("documentId", 18, 9),
        ("documentVersion", 23, 9),
        ("documentDescription", 28, 9),
    ],
    f"{SNOWPLOW_VENDOR}/geolocation_context/jsonschema/1-1-0": [
        ("latitude", 13, 3),
        ("longitude", 18, 3),
        ("latitudeLongitudeAccuracy", 23, 3),
        ("altitude", 26, 3),
        ("altitudeAccuracy", 29, 3),
        ("bearing", 32, 3),
        ("speed", 35, 3),
        ("timestamp", 38, 3),
    ],
    IDENTIFY: [("id", 12, 17), ("email", 17, 17)],
    f"{SNOWPLOW_VENDOR}/link_click/jsonschema/1-0-1": [
        ("elementId", 13, 3),
        ("elementClasses", 16, 3),
        ("elementTarget", 22, 3),
        ("targetUrl", 25, 3),
        ("elementContent", 29, 3),
    ],
    f"{SNOWPLOW_VENDOR}/submit_form/jsonschema/1-0-0": [
        ("formId", 13, 3),
        ("formClasses", 19, 3),
        ("elements", 29, 3),
        ("elements.name", 34, 6),
        ("elements.value", 40, 6),
        ("elements.nodeName", 46, 6),
        ("elements.type", 51, 6),
    ],
    f"{SNOWPLOW_VENDOR}/ua_parser_context/jsonschema/1-0-0": [
        ("useragentFamily", 13, 3),
        ("useragentMajor", 16, 3),
        ("useragentMinor", 19, 3),
        ("useragentPatch", 22, 3),
        ("useragentVersion", 25, 3),
        ("osFamily", 28, 3),
        ("osMajor", 31, 3),
        ("osMinor", 34, 3),
        ("osPatch", 37, 3),
        ("osPatchMinor", 40, 3),
        ("osVersion", 43, 3),
        ("deviceFamily", 46, 3),
    ],
}

PURPOSES = """\
minlint: 1
kind: purposes
purposes:
  analytics.reporting:
    description: Aggregate reporting on how the product is used.
    bases: [legitimate_interests, consent]
    interest: Knowing which features work.
    max_retention: P25M
    consent: {mechanism: cmp}
"""

# Declares every corpus schema of both vendors: defaults for all fields, a category for each
# field that looks like personal data.
DECLARATIONS = """\
minlint: 1
kind: declarations
plan: com.snowplowanalytics.snowplow
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M}
events:
  identify:
    properties:
      email: {category: user.contact.email}
  client_session:
    properties:
      userId: {category: user.unique_id}
      sessionId: {category: user.device.cookie_id}
      previousSessionId: {category: user.device.cookie_id}
properties:
  latitude: {category: user.location.imprecise}
  longitude: {category: user.location.imprecise}
"""
GTM_DECLARATIONS = """\
minlint: 1
kind: declarations
plan: com.google.tag-manager.server-side
defaults: {purpose: analytics.reporting, basis: consent, retention: P13M}
events:
  user_data:
    properties:
      email_address: {category: user.contact.email}
      phone_number: {category: user.contact.phone_number}
      address:
        category: user.contact.address
        properties:
          first_name: {category: user.name}
          last_name: {category: user.name}
"""


def read_schema(folder: Path, relative: str, options: ReadOptions | None = None) -> Document:
    """The document the readers make of ``folder/schemas/relative``, shown as ``schemas/relative``."""
    data = (folder / "schemas" / relative).read_bytes()
    return read(f"schemas/{relative}", data, options or ReadOptions())


def spec_of(document: Document) -> Spec:
    assert document.spec is not None, document.problems
    return document.spec


def fields(document: Document) -> list[tuple[str, int, int]]:
    """``(ref, line, column)`` of every field of the document."""
    return [(field.ref, field.line, field.column) for field in spec_of(document).fields()]


def iglu_copy(tmp_path: Path, *extra: str) -> Path:
    """The corpus (and the ``extra`` fixtures) copied into ``tmp_path`` in their Iglu layout."""
    shutil.copytree(CORPUS, tmp_path / "schemas")
    for relative in extra:
        target = tmp_path / "schemas" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MORE / relative, target)
    return tmp_path


def overlay(path: str, text: str) -> Overlay:
    """A declarations file as the context pass hands it to the readers."""
    document = read(path, text.encode(), ReadOptions())
    assert document.part is not None and isinstance(document.part[1], Overlay), document
    return document.part[1]


NESTED = re.compile(r"\(and so do its (\d+) nested fields?\)")


def findings(completed: Any) -> list[tuple[str, str, int, int]]:
    """``(rule, path, line, column)`` of every finding in a ``--format json`` report."""
    report = json.loads(completed.stdout)
    return [(item["rule"], item["path"], item["line"], item["column"]) for item in report["findings"]]


def check(run_minlint: RunMinlint, folder: Path) -> Any:
    # Raw capture (ML107: a link's URL, a form's raw values) is the schema's to fix, not what reading it is about.
    return run_minlint("check", ".", "--format", "json", "--no-cache", "--ignore", "ML107", cwd=folder)


# --- reading: plan, events, fields -----------------------------------------------------------


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("relative", sorted(CORPUS_FIELDS))
def test_every_corpus_field_is_read_at_the_line_and_column_of_its_key(relative: str, pure: bool) -> None:
    # Five of the nine are indented with tabs, which the pure-Python YAML loader refuses at the start
    # of a line: read as JSON, they are read the same under both loaders.
    document = read_schema(CORPUS.parent, relative, ReadOptions(pure_yaml=pure))
    assert (document.kind, document.problems) == (TRACKING_PLAN, ())
    name, version = relative.split("/")[1], relative.split("/")[3]
    expected = [(f"{name} {version}.{ref}", line, column) for ref, line, column in CORPUS_FIELDS[relative]]
    assert fields(document) == expected


def test_the_plan_is_the_vendor_and_the_schema_one_event_named_by_name_and_version() -> None:
    spec = spec_of(read_schema(CORPUS.parent, f"{SNOWPLOW_VENDOR}/link_click/jsonschema/1-0-1"))
    assert (spec.name, spec.format) == (SNOWPLOW_VENDOR, "snowplow")
    (event,) = [target for target in spec.targets if target.kind == "event"]
    # The event is where the schema writes its name: `"name": "link_click"` in `self`.
    assert (event.ref, event.line, event.column) == ("link_click 1-0-1", 6, 11)
    assert event.attrs["description"] == "Schema for a link click event"
    assert spec.declared_in == "com-snowplowanalytics-snowplow.declarations.yaml"


def test_entities_are_events_of_their_own_never_the_plans_context() -> None:
    spec = spec_of(read_schema(CORPUS.parent, f"{SNOWPLOW_VENDOR}/geolocation_context/jsonschema/1-1-0"))
    assert [target.ref for target in spec.targets if target.kind == "event"] == ["geolocation_context 1-1-0"]
    assert {field.attrs["section"] for field in spec.fields()} == {"events"}


def test_facts_the_schema_states_are_the_fields_facts() -> None:
    spec = spec_of(read_schema(CORPUS.parent, IDENTIFY))
    email = next(field for field in spec.fields() if field.ref.endswith(".email"))
    assert (email.attrs["type"], email.attrs["maxLength"]) == ("string", 256)


def test_a_schema_is_recognised_by_content_in_a_json_file_anywhere(tmp_path: Path) -> None:
    data = (CORPUS / IDENTIFY).read_bytes()
    assert SNOWPLOW.recognises(data)
    document = read("tracking/identify.json", data, ReadOptions())
    spec = spec_of(document)
    assert (spec.name, fields(document)[1]) == (SNOWPLOW_VENDOR, ("identify 1-0-0.email", 17, 17))
    assert spec.declared_in == "tracking/com-snowplowanalytics-snowplow.declarations.yaml"


@pytest.mark.parametrize(
    ("path", "folder"),
    [
        ("schemas/com.acme/checkout/jsonschema/1-0-0", ""),
        ("/srv/plan/schemas/com.acme/checkout/jsonschema/2-1-3", "/srv/plan"),
        ("registry/com.acme/checkout/jsonschema/1-0-0", "registry"),
        ("tracking/checkout.json", None),
        ("com.acme/checkout/avro/1-0-0", None),
    ],
)
def test_declarations_are_suggested_outside_the_iglu_tree(path: str, folder: str | None) -> None:
    assert declarations_folder(path, iglu_layout(path)) == folder


@pytest.mark.parametrize(
    "data",
    [
        b'{"self": "https://api.example.com/users/1", "data": {"email": "a@example.com"}}',
        b'{"links": {"self": {"href": "/users/1"}}, "properties": {"email": {"type": "string"}}}',
        b'{"self": {"href": "/users/1"}, "properties": {"email": {"type": "string"}}}',
        b"self: [1, 2]\n",
    ],
)
def test_a_file_with_a_self_key_that_is_no_snowplow_schema_is_left_to_the_other_readers(data: bytes) -> None:
    assert read("api/response.json", data, ReadOptions()) == NOT_A_SPEC


def test_a_yaml_file_that_only_says_itself_is_not_taken_for_a_snowplow_schema() -> None:
    assert not SNOWPLOW.recognises(b"minlint: 1\nkind: tracking-plan\ndescription: the page itself\n")


def test_utf16_with_a_byte_order_mark_is_read_at_the_same_positions() -> None:
    text = (CORPUS / IDENTIFY).read_text(encoding="utf-8")
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert SNOWPLOW.recognises(data)
    document = read(f"schemas/{IDENTIFY}", data, ReadOptions())
    assert fields(document) == [("identify 1-0-0.id", 12, 17), ("identify 1-0-0.email", 17, 17)]


# --- JSON Schema features iglu-central uses --------------------------------------------------


def test_local_refs_are_followed_and_fields_sit_where_the_definition_is_written() -> None:
    document = read_schema(MORE.parent, "io.snowplow.ecomm/cart/jsonschema/1-0-0")
    assert document.problems == ()
    found = {ref: (line, column) for ref, line, column in fields(document)}
    # `items_in_cart.items` refers to #/definitions/items_in_cart, which refers to #/definitions/discovery.
    assert found["cart 1-0-0.items_in_cart"] == (150, 9)
    assert found["cart 1-0-0.items_in_cart.item_id"] == (50, 17)
    assert found["cart 1-0-0.items_in_cart.discovery.discovery_id"] == (12, 17)


def test_a_ref_as_a_property_schema_gives_the_property_its_type() -> None:
    document = read_schema(MORE.parent, "com.snowplowanalytics.snowplow/campaign_attribution/jsonschema/1-0-1")
    medium = next(field for field in spec_of(document).fields() if field.ref.endswith(".mktMedium"))
    assert (medium.line, medium.column, medium.attrs["type"]) == (32, 7, "array")


def test_the_properties_of_anyof_alternatives_are_merged_first_written_first() -> None:
    document = read_schema(MORE.parent, "com.pagerduty.sauna.commands/create_event/jsonschema/1-0-0")
    assert document.problems == ()
    refs = [ref.split(".", 1)[1] for ref, _, _ in fields(document)]
    assert refs[:8] == [
        "service_key",
        "event_type",
        "incident_key",
        "description",
        "details",
        "client",
        "client_url",
        "contexts",
    ]
    # An array's items are alternatives too: a link's fields, then an image's that a link lacks.
    assert refs[8:] == ["contexts.type", "contexts.href", "contexts.text", "contexts.src", "contexts.alt"]
    assert fields(document)[0] == ("create_event 1-0-0.service_key", 14, 9)


def test_a_closed_schema_without_properties_is_an_event_that_carries_no_data() -> None:
    document = read_schema(MORE.parent, "com.snowplowanalytics.monitoring.batch/emr_job_started/jsonschema/1-0-0")
    assert (document.problems, fields(document)) == ((), [])
    assert [target.ref for target in spec_of(document).targets if target.kind == "event"] == ["emr_job_started 1-0-0"]


def test_an_array_schema_is_no_event_and_says_so_where_its_type_is() -> None:
    document = read_schema(MORE.parent, "com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0")
    assert document.spec is None
    assert [(problem.code, problem.line, problem.column) for problem in document.problems] == [(SHAPE, 11, 10)]


def schema_with(definitions: dict[str, Any], properties: dict[str, Any]) -> bytes:
    schema = {
        "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
        "self": {"vendor": "com.acme", "name": "hostile", "format": "jsonschema", "version": "1-0-0"},
        "type": "object",
        "properties": properties,
        "definitions": definitions,
    }
    return json.dumps(schema, indent=2).encode()


def test_ref_cycles_are_followed_once() -> None:
    definitions = {
        "node": {"type": "object", "properties": {"next": {"$ref": "#/definitions/node"}, "up": {"$ref": "#"}}}
    }
    document = read("hostile.json", schema_with(definitions, {"head": {"$ref": "#/definitions/node"}}), ReadOptions())
    assert [ref for ref, _, _ in fields(document)] == [
        "hostile 1-0-0.head",
        "hostile 1-0-0.head.next",
        "hostile 1-0-0.head.up",
        "hostile 1-0-0.head.up.head",
    ]


def test_refs_that_multiply_or_nest_without_end_are_bounded() -> None:
    doubling = {
        f"d{index}": {
            "type": "object",
            "properties": {"a": {"$ref": f"#/definitions/d{index + 1}"}, "b": {"$ref": f"#/definitions/d{index + 1}"}},
        }
        for index in range(64)
    }
    document = read("bomb.json", schema_with(doubling, {"x": {"$ref": "#/definitions/d0"}}), ReadOptions())
    assert 0 < len(spec_of(document).fields()) < 20_000  # 2**64 unbounded
    chain = {
        f"d{index}": {"type": "object", "properties": {"a": {"$ref": f"#/definitions/d{index + 1}"}}}
        for index in range(5_000)
    }
    document = read("chain.json", schema_with(chain, {"x": {"$ref": "#/definitions/d0"}}), ReadOptions())
    assert 0 < len(spec_of(document).fields()) <= 200


def test_remote_and_dangling_refs_add_no_fields() -> None:
    properties = {
        "remote": {"$ref": "http://iglucentral.com/schemas/com.acme/other/jsonschema/1-0-0#"},
        "dangling": {"$ref": "#/definitions/nowhere"},
    }
    document = read("refs.json", schema_with({}, properties), ReadOptions())
    assert [ref for ref, _, _ in fields(document)] == ["hostile 1-0-0.remote", "hostile 1-0-0.dangling"]


# --- files that claim to be Snowplow schemas and cannot be -----------------------------------

BASE = (CORPUS / IDENTIFY).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected", "modelled"),
    [
        pytest.param(('"1-0-0"', '"1.0.0"'), [(SHAPE, 6, 28, "self.version")], True, id="version-not-schemaver"),
        pytest.param(
            ('"name": "identify"', '"name": "identity"'), [(SHAPE, 5, 25, "self.name")], True, id="not-its-path"
        ),
        pytest.param(
            ('"format": "jsonschema"', '"format": 7'), [(SHAPE, 7, 27, "self.format")], True, id="format-no-text"
        ),
        pytest.param(
            ('"vendor": "com.snowplowanalytics.snowplow",', ""), [(SHAPE, 3, 17, "self.vendor")], False, id="no-vendor"
        ),
        pytest.param(('"self": {', '"self": "identify", "y": {'), [(SHAPE, 3, 17, "self")], False, id="self-no-object"),
        pytest.param(
            ('"properties": {', '"properties": [], "x": {'), [(SHAPE, 11, 23, "properties")], False, id="list"
        ),
        pytest.param(('"type": "object"', '"type": "array"'), [(SHAPE, 10, 17, "type")], False, id="array"),
        pytest.param(
            ('"properties": {', '"x": {', '"additionalProperties": false', '"additionalProperties": true'),
            [(SHAPE, 1, 1, "")],
            False,
            id="open-without-properties",
        ),
    ],
)
def test_a_file_claiming_to_be_a_schema_that_cannot_be_one_gets_a_located_ml902(
    change: tuple[str, ...], expected: list[tuple[str, int, int, str]], modelled: bool
) -> None:
    text = BASE
    for old, new in zip(change[::2], change[1::2], strict=True):
        assert old in text
        text = text.replace(old, new)
    document = read(f"schemas/{IDENTIFY}", text.encode(), ReadOptions())
    assert document.kind == TRACKING_PLAN
    assert [(problem.code, problem.line, problem.column, problem.target) for problem in document.problems] == expected
    assert (document.spec is not None) == modelled


def test_a_self_block_that_does_not_match_its_iglu_path_names_the_path() -> None:
    text = BASE.replace('"version": "1-0-0"', '"version": "1-0-1"')
    (problem,) = read(f"schemas/{IDENTIFY}", text.encode(), ReadOptions()).problems
    assert "`com.snowplowanalytics.snowplow/identify/jsonschema/1-0-0`" in problem.message
    # Outside an Iglu layout, nothing to match: the same file is a plain event.
    assert read("identify.json", text.encode(), ReadOptions()).problems == ()


@pytest.mark.parametrize("path", [f"schemas/{IDENTIFY}", "tracking/identify.json"])
def test_a_schema_that_does_not_parse_is_a_located_ml901(path: str) -> None:
    document = read(path, BASE[:200].encode(), ReadOptions())
    assert [(problem.code, problem.line, problem.column) for problem in document.problems] == [(SYNTAX, 5, 11)]
    assert document.is_spec and document.spec is None


def test_a_broken_json_file_mentioning_self_but_not_snowplow_is_not_claimed() -> None:
    assert read("api/response.json", b'{"self": {"href": ', ReadOptions()) == NOT_A_SPEC


# --- declarations: x-minlint and declarations files ------------------------------------------


def test_x_minlint_on_the_schema_declares_for_the_event_and_on_a_property_for_the_field() -> None:
    schema = json.loads(BASE)
    schema["x-minlint"] = {"purpose": "analytics.reporting", "basis": "legitimate_interests", "retention": "P13M"}
    schema["properties"]["email"]["x-minlint"] = {"category": "user.contact.email"}
    document = read("identify.json", json.dumps(schema, indent=2).encode(), ReadOptions())
    assert document.problems == ()
    email = next(field for field in spec_of(document).fields() if field.ref.endswith(".email"))
    assert (email.attrs["category"], email.origins["category"].owner) == ("user.contact.email", "identify 1-0-0.email")
    assert email.origins["purpose"].owner == email.origins["retention"].owner == "identify 1-0-0.defaults"


def test_x_minlint_of_the_wrong_shape_is_a_located_ml902() -> None:
    text = BASE.replace('"type": "object",', '"type": "object", "x-minlint": {"purpse": "x"},')
    problems = read(f"schemas/{IDENTIFY}", text.encode(), ReadOptions()).problems
    assert [(problem.code, problem.line) for problem in problems] == [(SHAPE, 10)]


def test_a_declarations_file_covers_every_version_and_names_the_others_events_without_complaint() -> None:
    declarations = overlay("com-snowplowanalytics-snowplow.declarations.yaml", DECLARATIONS)
    options = ReadOptions(foreign=ForeignContext((declarations,)))
    link_click = read_schema(CORPUS.parent, f"{SNOWPLOW_VENDOR}/link_click/jsonschema/1-0-1", options)
    # `identify`, `client_session` and `latitude` are other files' events and fields: not unmatched here.
    assert link_click.problems == ()
    assert spec_of(link_click).declared_in == "com-snowplowanalytics-snowplow.declarations.yaml"
    identify = read_schema(CORPUS.parent, IDENTIFY, options)
    email = next(field for field in spec_of(identify).fields() if field.ref.endswith(".email"))
    assert email.attrs["category"] == "user.contact.email"
    geolocation = read_schema(CORPUS.parent, f"{SNOWPLOW_VENDOR}/geolocation_context/jsonschema/1-1-0", options)
    latitude = next(field for field in spec_of(geolocation).fields() if field.ref.endswith(".latitude"))
    assert latitude.attrs["category"] == "user.location.imprecise"


def test_a_misspelt_field_of_a_declared_event_is_unmatched_with_a_suggestion() -> None:
    declarations = overlay("decl.yaml", DECLARATIONS.replace("email: {category", "emial: {category"))
    options = ReadOptions(foreign=ForeignContext((declarations,)))
    document = read_schema(CORPUS.parent, IDENTIFY, options)
    # Every entry looked at is handed to the project stage, which reports those no file matched (ML908).
    (missing,) = [entry for entry in document.declared if entry[3] and entry[4].endswith(".emial")]
    assert missing[:3] == ("decl.yaml", 8, 7)
    assert "did you mean `email`?" in missing[3]


# --- end to end, through the installed command -----------------------------------------------


def test_the_cli_reports_personal_data_and_missing_declarations_at_native_positions(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    folder = iglu_copy(tmp_path)
    completed = check(run_minlint, folder)
    assert completed.returncode == 1, completed.stderr
    found = findings(completed)
    geolocation = f"schemas/{SNOWPLOW_VENDOR}/geolocation_context/jsonschema/1-1-0"
    gtm = "schemas/com.google.tag-manager.server-side/user_data/jsonschema/1-0-0"
    for expected in [
        ("ML101", f"schemas/{IDENTIFY}", 17, 17),
        ("ML101", gtm, 12, 17),
        ("ML101", gtm, 17, 17),
        ("ML101", gtm, 26, 33),
        ("ML101", geolocation, 13, 3),
        ("ML101", geolocation, 18, 3),
        ("ML001", f"schemas/{IDENTIFY}", 12, 17),
        ("ML002", f"schemas/{IDENTIFY}", 12, 17),
        ("ML003", f"schemas/{IDENTIFY}", 12, 17),
    ]:
        assert expected in found
    fields_read = sum(len(rows) for rows in CORPUS_FIELDS.values())
    # Every field lacks a purpose: nested fields are counted in their outermost object's finding.
    messages = [item["message"] for item in json.loads(completed.stdout)["findings"] if item["rule"] == "ML001"]
    nested = sum(int(match.group(1)) for text in messages for match in NESTED.finditer(text))
    assert len(messages) + nested == fields_read
    assert not [finding for finding in found if finding[0].startswith("ML9")]


def test_the_cli_is_clean_once_declarations_files_cover_the_vendors(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = iglu_copy(tmp_path)
    (folder / "purposes.yaml").write_text(PURPOSES, encoding="utf-8")
    (folder / "com-snowplowanalytics-snowplow.declarations.yaml").write_text(DECLARATIONS, encoding="utf-8")
    (folder / "com-google-tag-manager-server-side.declarations.yaml").write_text(GTM_DECLARATIONS, encoding="utf-8")
    completed = check(run_minlint, folder)
    assert (completed.returncode, findings(completed)) == (0, []), completed.stderr


def test_the_cli_is_clean_with_the_same_declared_in_x_minlint(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = iglu_copy(tmp_path)
    (folder / "purposes.yaml").write_text(PURPOSES, encoding="utf-8")
    categories = {
        "email": "user.contact.email",
        "userId": "user.unique_id",
        "sessionId": "user.device.cookie_id",
        "previousSessionId": "user.device.cookie_id",
        "latitude": "user.location.imprecise",
        "longitude": "user.location.imprecise",
        "email_address": "user.contact.email",
        "phone_number": "user.contact.phone_number",
        "address": "user.contact.address",
        "first_name": "user.name",
        "last_name": "user.name",
    }

    def declare(properties: dict[str, Any]) -> None:
        for name, definition in properties.items():
            if name in categories:
                definition["x-minlint"] = {"category": categories[name]}
            declare(definition.get("properties", {}))

    for relative in CORPUS_FIELDS:
        path = folder / "schemas" / relative
        schema = json.loads(path.read_text(encoding="utf-8"))
        schema["x-minlint"] = {"purpose": "analytics.reporting", "basis": "consent", "retention": "P13M"}
        declare(schema["properties"])
        path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    completed = check(run_minlint, folder)
    assert (completed.returncode, findings(completed)) == (0, []), completed.stderr


def test_the_cli_reports_a_declaration_naming_no_field_at_the_declarations_line(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    folder = iglu_copy(tmp_path)
    (folder / "purposes.yaml").write_text(PURPOSES, encoding="utf-8")
    declarations = DECLARATIONS.replace("userId: {category", "userID: {category")
    (folder / "com-snowplowanalytics-snowplow.declarations.yaml").write_text(declarations, encoding="utf-8")
    (folder / "com-google-tag-manager-server-side.declarations.yaml").write_text(GTM_DECLARATIONS, encoding="utf-8")
    completed = check(run_minlint, folder)
    report = json.loads(completed.stdout)
    unmatched = [item for item in report["findings"] if item["rule"] == "ML908"]
    assert [(item["path"], item["line"], item["column"]) for item in unmatched] == [
        ("com-snowplowanalytics-snowplow.declarations.yaml", 11, 7)
    ]
    assert "did you mean `userId`?" in unmatched[0]["message"]
    # The field the entry meant stays undeclared, and says so.
    assert ("ML101", f"schemas/{SNOWPLOW_VENDOR}/client_session/jsonschema/1-0-2", 12, 3) in findings(completed)


def test_the_cli_reports_an_entity_declared_as_context_once_not_once_per_schema(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    folder = iglu_copy(tmp_path)
    (folder / "purposes.yaml").write_text(PURPOSES, encoding="utf-8")
    declarations = DECLARATIONS + "context:\n  geolocation_context: {category: none}\n"
    (folder / "com-snowplowanalytics-snowplow.declarations.yaml").write_text(declarations, encoding="utf-8")
    (folder / "com-google-tag-manager-server-side.declarations.yaml").write_text(GTM_DECLARATIONS, encoding="utf-8")
    # Entities are events of their own: a `context` entry names nothing, whichever schema is read.
    assert findings(check(run_minlint, folder)) == [
        ("ML908", "com-snowplowanalytics-snowplow.declarations.yaml", 18, 3)
    ]


def test_the_cli_reports_broken_iglu_files_where_they_break(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = iglu_copy(tmp_path, "com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0")
    identify = folder / "schemas" / IDENTIFY
    identify.write_text(BASE.replace('"name": "identify"', '"name": "identity"'), encoding="utf-8")
    link_click = folder / "schemas" / SNOWPLOW_VENDOR / "link_click/jsonschema/1-0-1"
    link_click.write_bytes(link_click.read_bytes()[:300])
    found = findings(check(run_minlint, folder))
    assert ("ML902", f"schemas/{IDENTIFY}", 5, 25) in found
    assert ("ML902", f"schemas/{SNOWPLOW_VENDOR}/contexts/jsonschema/1-0-0", 11, 10) in found
    assert [finding for finding in found if finding[1].endswith("link_click/jsonschema/1-0-1")] == [
        ("ML901", f"schemas/{SNOWPLOW_VENDOR}/link_click/jsonschema/1-0-1", 11, 14)  # where the text stops
    ]


# --- hostile input -----------------------------------------------------------------------------

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=8)
    | st.sampled_from(["#", "#/definitions/a", "1-0-0"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)
_KEYS = st.sampled_from(
    ["self", "vendor", "name", "version", "format", "properties", "items", "type", "$ref", "anyOf", "oneOf",
     "allOf", "definitions", "x-minlint", "additionalProperties", "purpose"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_mutations_of_a_schema_never_raise(data: st.DataObject) -> None:
    relative = data.draw(st.sampled_from(sorted(CORPUS_FIELDS)))
    schema = json.loads((CORPUS / relative).read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        targets = containers(schema, [])
        if not targets:
            break
        target = data.draw(st.sampled_from(targets))
        key = data.draw(_KEYS | st.sampled_from(sorted(target) or ["self"]))
        target[key] = data.draw(_JSON | st.builds(lambda ref: {"$ref": ref}, st.sampled_from(["#", "#/properties"])))
    text = json.dumps(schema, indent=data.draw(st.sampled_from([None, 1, "\t"])))
    cut = data.draw(st.integers(0, len(text)))
    for payload in (text, text[:cut]):
        for plain in (False, True):
            document = read(f"schemas/{relative}", payload.encode(), ReadOptions(plain_schema=plain))
            assert isinstance(document, Document)
