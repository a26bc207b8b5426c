"""RudderStack data catalogs read in place: catalogs as context, plans with every field at its reference."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from minlint.engine.packs import builtin_rules
from minlint.loader.load import Limits
from minlint.model.spec import Spec, Target
from minlint.readers import Document, ForeignContext, ReadOptions, read
from minlint.readers.rudderstack import RUDDERSTACK, Catalog, quote_placeholders
from minlint.vocabulary import CATALOG, CONTEXT_KINDS, SHAPE, SYNTAX, TRACKING_PLAN
from tests.conftest import REPO, RunMinlint, write_files
from tests.helpers import check_folder
from tests.readers.support import PURPOSES

CORPUS = REPO / "tests" / "data" / "corpus" / "rudderstack"
CATALOG_FILES = ("properties.yaml", "events.yaml", "customtypes.yaml", "properties_v1.yaml", "events_v1.yaml")

API_DECLARATIONS = """\
minlint: 1
kind: declarations
plan: API Tracking
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M, category: none}
properties:
  username: {category: user.contact.email, purpose: essential.service, basis: contract}
  password: {category: user.authorization.password, purpose: essential.service, basis: contract, protection: hashed}
  User Agent: {category: user.device}
"""
APP_DECLARATIONS = """\
minlint: 1
kind: declarations
plan: App Tracking
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M, category: none}
properties:
  email_address: {category: user.contact.email, purpose: essential.service, basis: contract}
events:
  Signup:
    properties:
      email_address: {retention: P2Y}
"""


def copy_corpus(folder: Path, *names: str) -> Path:
    """The corpus files ``names`` (all of them by default) copied into ``folder``."""
    for name in names or [path.name for path in CORPUS.iterdir()]:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def context(folder: Path, pure_yaml: bool = False) -> ReadOptions:
    """Read options with the catalogs of ``folder`` as the context pass would collect them."""
    parts: list[object] = []
    for path in sorted(folder.glob("*.yaml")):
        document = read(path.name, path.read_bytes(), ReadOptions(pure_yaml=pure_yaml, only_kinds=CONTEXT_KINDS))
        if document.part is not None and document.part[0] == "rudderstack":
            parts.append(document.part[1])
    return ReadOptions(pure_yaml=pure_yaml, foreign=ForeignContext(parts={"rudderstack": tuple(parts)}))


def plan_of(folder: Path, name: str, options: ReadOptions | None = None) -> Document:
    path = folder / name
    document = read(name, path.read_bytes(), options or context(folder))
    assert document.kind == TRACKING_PLAN and document.spec is not None, document.problems
    return document


def spec_of(document: Document) -> Spec:
    assert document.spec is not None, document.problems
    return document.spec


def fields(spec: Spec) -> dict[str, Target]:
    return {target.ref: target for target in spec.fields()}


def places(spec: Spec) -> dict[str, tuple[int, int]]:
    return {target.ref: (target.line, target.column) for target in spec.fields()}


def problems(document: Document) -> list[tuple[str, int, int]]:
    return [(problem.code, problem.line, problem.column) for problem in document.problems]


def line_of(path: Path, text: str) -> tuple[int, int]:
    """The line and column (1-based) where ``text`` first appears in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {path}")


def catalog_file(kind: str, key: str, entries: list[dict[str, Any]], version: str = "rudder/v1") -> str:
    return yaml.safe_dump(
        {"version": version, "kind": kind, "metadata": {"name": "group"}, "spec": {key: entries}}, sort_keys=False
    )


def plan_file(rules: list[dict[str, Any]], version: str = "rudder/v1", **spec: Any) -> str:
    kind = "tracking-plan" if version == "rudder/v1" else "tp"
    body = {"id": "shop", "display_name": "Shop", **spec, "rules": rules}
    return yaml.safe_dump(
        {"version": version, "kind": kind, "metadata": {"name": "shop"}, "spec": body}, sort_keys=False
    )


def rule(event: str, *refs: str, **extra: Any) -> dict[str, Any]:
    return {"type": "event_rule", "id": f"{event}_rule", "event": f"#event:{event}", **extra} | (
        {"properties": [{"property": f"#property:{ref}", "required": True} for ref in refs]} if refs else {}
    )


EVENTS = catalog_file(
    "events", "events", [{"id": "signed_up", "name": "Signed Up", "event_type": "track"}, {"id": "viewed"}]
)


def findings(run_minlint: RunMinlint, folder: Path, *args: str) -> tuple[int, list[tuple[str, int, int, str]], str]:
    # Raw capture (ML107: an object of undeclared properties) is the catalog's to fix, not what reading it is about.
    result = run_minlint("check", *(args or (".",)), "--format", "json", "--no-cache", "--ignore", "ML107", cwd=folder)
    document = json.loads(result.stdout)
    found = [(item["path"], item["line"], item["column"], item["rule"]) for item in document["findings"]]
    return result.returncode, found, result.stderr


# -- the corpus: every field at its reference ------------------------------------------------------


@pytest.mark.parametrize("pure_yaml", [False, True], ids=["libyaml", "pure"])
def test_every_field_of_the_v01_plan_is_at_its_reference_in_the_plan_file(tmp_path: Path, pure_yaml: bool) -> None:
    copy_corpus(tmp_path)
    document = plan_of(tmp_path, "trackingplan.yaml", context(tmp_path, pure_yaml))
    assert document.problems == ()
    api = "{{ .API_TRACKING_NAME }}"  # the event's name is a placeholder, kept as written
    assert places(spec_of(document)) == {
        f"{api}.API Method": (16, 17),
        f"{api}.API Path": (18, 17),
        f"{api}.Username": (20, 17),
        f"{api}.Password": (22, 17),
        f"{api}.User Agent": (33, 23),  # from the variant's case
        f"{api}.Host": (35, 23),
        "Login Event.Username": (44, 17),
        "Login Event.Password": (46, 17),
        "Login Event.Signin Info": (48, 17),
        "Login Event.Signin Info.Remember Me Checkbox Clicked": (51, 21),
        "Login Event.Signin Info.Captcha": (53, 21),
        "Login Event.Signin Info.Captcha.Captcha Solved": (56, 25),
        "Login Event.Signin Info.Captcha.Captcha Info": (58, 25),
        "Login Event.Signin Info.Captcha.Captcha Info.Captcha Type": (61, 29),
    }


@pytest.mark.parametrize("pure_yaml", [False, True], ids=["libyaml", "pure"])
def test_every_field_of_the_v1_plan_is_at_its_reference_in_the_plan_file(tmp_path: Path, pure_yaml: bool) -> None:
    copy_corpus(tmp_path)
    document = plan_of(tmp_path, "trackingplan_v1.yaml", context(tmp_path, pure_yaml))
    assert document.problems == ()
    assert places(spec_of(document)) == {
        "Signup.Email Address": (20, 21),
        "Signup.User Metadata": (22, 21),
        "Signup.User Profiles": (24, 21),
    }


def test_events_are_keyed_by_their_catalog_name_else_their_id_at_the_event_reference(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path)
    v0 = plan_of(folder, "trackingplan.yaml").spec
    v1 = plan_of(folder, "trackingplan_v1.yaml").spec
    assert v0 is not None and v1 is not None
    assert (v0.name, v0.format, v1.name) == ("API Tracking", "rudderstack", "App Tracking")
    events = {
        target.ref: (target.line, target.column)
        for spec in (v0, v1)
        for target in spec.targets
        if target.kind == "event"
    }
    assert events == {
        "{{ .API_TRACKING_NAME }}": (13, 15),
        "Login Event": (41, 15),
        "Logout Event": (67, 15),
        "page_view": (12, 14),  # no `name` in the catalog: its id
        "Signup": (17, 14),
    }
    descriptions = {target.ref: target.attrs.get("description") for target in v1.targets if target.kind == "event"}
    assert descriptions == {
        "page_view": "Triggered when a user views a page.",
        "Signup": "Triggered when a user signs up.",
    }


def test_fields_take_type_and_facts_from_properties_and_custom_types(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path)
    v0 = fields(spec_of(plan_of(folder, "trackingplan.yaml")))
    v1 = fields(spec_of(plan_of(folder, "trackingplan_v1.yaml")))
    username = v0["Login Event.Username"].attrs  # `type: #/custom-types/login_elements/email_type`
    assert (username["type"], username["format"], username["maxLength"]) == ("string", "email", 255)
    assert username["pattern"] == r"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"
    assert username["description"] == "Username for the API"
    assert v0["Login Event.Password"].attrs["maxLength"] == 64  # v0.1 `propConfig.maxLength`
    assert v0["{{ .API_TRACKING_NAME }}.API Method"].attrs["enum"] == ["GET", "PUT", "POST", "DELETE", "PATCH"]
    assert v0["Login Event.Signin Info.Remember Me Checkbox Clicked"].attrs["type"] == "boolean"
    email = v1["Signup.Email Address"].attrs  # v1 `config.format`, `config.max_length`
    assert (email["type"], email["format"], email["maxLength"]) == ("string", "email", 255)
    assert v1["Signup.User Metadata"].attrs["type"] == "object"  # `types: [object, "null"]`
    assert v1["Signup.User Profiles"].attrs["items"] == {"type": "object"}  # `item_types: [object]`


def test_an_object_custom_type_gives_its_properties_as_nested_fields_at_the_reference(tmp_path: Path) -> None:
    properties = catalog_file(
        "properties",
        "properties",
        [
            {"id": "credentials", "name": "credentials", "type": "#custom-type:login"},
            {"id": "username", "name": "username", "type": "string"},
            {"id": "password", "name": "password", "type": "#custom-type:secret"},
            {"id": "emails", "name": "emails", "type": "array", "item_type": "#custom-type:email"},
        ],
    )
    types = catalog_file(
        "custom-types",
        "types",
        [
            {
                "id": "login",
                "name": "Login",
                "type": "object",
                "properties": [{"property": "#property:username"}, {"property": "#property:password"}],
            },
            {"id": "secret", "name": "Secret", "type": "string", "config": {"min_length": 8, "max_length": 64}},
            {"id": "email", "name": "Email", "type": "string", "config": {"format": "email"}},
        ],
    )
    plan = plan_file([rule("signed_up", "credentials", "emails")])
    write_files(tmp_path, {"p.yaml": properties, "t.yaml": types, "e.yaml": EVENTS, "plan.yaml": plan})
    document = plan_of(tmp_path, "plan.yaml")
    at = line_of(tmp_path / "plan.yaml", "'#property:credentials'")
    by_ref = fields(spec_of(document))
    assert places(spec_of(document)) == {
        "Signed Up.credentials": at,
        "Signed Up.credentials.username": at,
        "Signed Up.credentials.password": at,
        "Signed Up.emails": line_of(tmp_path / "plan.yaml", "'#property:emails'"),
    }
    assert by_ref["Signed Up.credentials"].attrs["type"] == "object"
    assert by_ref["Signed Up.credentials.password"].attrs["maxLength"] == 64
    assert by_ref["Signed Up.emails"].attrs["items"] == {"type": "string", "format": "email"}
    assert document.problems == ()


def test_variants_add_their_cases_and_default_properties_once_each(tmp_path: Path) -> None:
    properties = catalog_file(
        "properties", "properties", [{"id": name, "name": name, "type": "string"} for name in ("kind", "a", "b", "c")]
    )
    variants = [
        {
            "type": "discriminator",
            "discriminator": "#property:kind",
            "cases": [
                {"display_name": "A", "match": ["a"], "properties": [{"property": "#property:a"}]},
                {
                    "display_name": "B",
                    "match": ["b"],
                    "properties": [{"property": "#property:a"}, {"property": "#property:b"}],
                },
            ],
            "default": {"properties": [{"property": "#property:c"}, {"property": "#property:kind"}]},
        }
    ]
    plan = plan_file([rule("signed_up", "kind", variants=variants)])
    write_files(tmp_path, {"p.yaml": properties, "e.yaml": EVENTS, "plan.yaml": plan})
    document = plan_of(tmp_path, "plan.yaml")
    assert list(fields(spec_of(document))) == ["Signed Up.kind", "Signed Up.a", "Signed Up.b", "Signed Up.c"]
    assert document.problems == ()


def test_two_rules_for_one_event_make_one_event_with_both_rules_fields(tmp_path: Path) -> None:
    properties = catalog_file("properties", "properties", [{"id": "a", "name": "a"}, {"id": "b", "name": "b"}])
    plan = plan_file([rule("signed_up", "a"), rule("signed_up", "a", "b")])
    write_files(tmp_path, {"p.yaml": properties, "e.yaml": EVENTS, "plan.yaml": plan})
    assert list(fields(spec_of(plan_of(tmp_path, "plan.yaml")))) == ["Signed Up.a", "Signed Up.b"]


def test_two_properties_with_one_name_in_an_event_are_reported_at_the_second(tmp_path: Path) -> None:
    properties = catalog_file(
        "properties",
        "properties",
        [{"id": "user_mail", "name": "User Email"}, {"id": "user_email", "name": "User Email"}],
    )
    write_files(
        tmp_path,
        {
            "p.yaml": properties,
            "e.yaml": EVENTS,
            "plan.yaml": plan_file([rule("signed_up", "user_mail", "user_email")]),
        },
    )
    document = plan_of(tmp_path, "plan.yaml")
    assert problems(document) == [(SHAPE, *line_of(tmp_path / "plan.yaml", "'#property:user_email'"))]
    assert "only the first is read" in document.problems[0].message


def test_the_catalog_files_of_a_project_form_one_catalog_whatever_their_dialect(tmp_path: Path) -> None:
    copy_corpus(tmp_path, "properties.yaml", "customtypes.yaml", "events_v1.yaml")
    plan = plan_file([rule("signup", "username")])  # a v1 plan, a v0.1 property of a v0.1 custom type
    write_files(tmp_path, {"plan.yaml": plan})
    document = plan_of(tmp_path, "plan.yaml")
    assert document.problems == ()
    assert fields(spec_of(document))["Signup.Username"].attrs["format"] == "email"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"id": "shop", "display_name": "Shop"}, "Shop"),
        ({"id": "shop"}, "shop"),
        ({}, "meta"),
    ],
)
def test_the_plan_is_named_by_display_name_else_id_else_metadata_name(spec: dict[str, Any], expected: str) -> None:
    data = yaml.safe_dump({"version": "rudder/v1", "kind": "tracking-plan", "metadata": {"name": "meta"}, "spec": spec})
    document = read("plan.yaml", data.encode(), ReadOptions())
    assert document.spec is not None and document.spec.name == expected


# -- catalog files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CATALOG_FILES)
def test_each_catalog_file_is_context_indexed_by_urn_and_by_path_reference(tmp_path: Path, name: str) -> None:
    document = read(name, (CORPUS / name).read_bytes(), ReadOptions(only_kinds=CONTEXT_KINDS))
    assert (document.is_spec, document.kind, document.spec, document.problems) == (True, CATALOG, None, ())
    assert document.part is not None and document.part[0] == "rudderstack"
    catalog = document.part[1]
    assert isinstance(catalog, Catalog) and catalog.entries


def test_a_catalog_entry_is_found_by_either_spelling_of_its_reference() -> None:
    document = read("properties.yaml", (CORPUS / "properties.yaml").read_bytes(), ReadOptions())
    assert document.part is not None
    catalog = document.part[1]
    assert isinstance(catalog, Catalog)
    by_urn, by_path = catalog.find("#property:username"), catalog.find("#/properties/api_tracking/username")
    assert by_urn is not None and by_urn is by_path
    assert (by_urn.path, by_urn.line, by_urn.column) == ("properties.yaml", 38, 9)
    assert catalog.find("#/properties/another_group/username") is by_urn  # the CLI resolves by id
    assert catalog.find("#event:username") is None
    assert catalog.find("#property:nobody") is None


def test_a_catalog_file_reports_its_own_problems_where_they_are(tmp_path: Path) -> None:
    text = """\
version: rudder/v1
kind: properties
metadata:
  name: props
spec:
  properties:
    - id: email
      name: Email
      config: [format, email]
    - just a string
    - name: No Id
    - id: email
      name: Email again
"""
    document = read("properties.yaml", text.encode(), ReadOptions())
    assert document.kind == CATALOG
    assert problems(document) == [(SHAPE, 9, 15), (SHAPE, 10, 7), (SHAPE, 11, 7), (SHAPE, 12, 11)]
    assert "`config` of property `email` should be a mapping" in document.problems[0].message
    assert "defined twice in this file (first on line 7)" in document.problems[3].message


@pytest.mark.parametrize(
    "text",
    [
        "version: rudder/v1\nkind: properties\nspec: [1, 2]\n",
        "version: rudder/v1\nkind: events\nspec:\n  events: {a: 1}\n",
        "version: rudder/v1\nkind: custom-types\n",
    ],
)
def test_a_catalog_file_of_the_wrong_shape_is_one_located_problem(text: str) -> None:
    document = read("c.yaml", text.encode(), ReadOptions())
    assert document.kind == CATALOG and [problem.code for problem in document.problems] == [SHAPE]


# -- recognised by content, and only RudderStack's catalog --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "version: rudder/v1\nkind: account\nmetadata: {name: bq}\nspec: {id: bq}\n",  # another resource of the CLI
        "version: rudder/v0.1\nkind: tracking-plan\nmetadata: {name: web}\n",  # a v1 kind in v0.1
        "version: rudder/v1\nkind: tp\nspec: {id: web}\n",  # a v0.1 kind in v1
        "version: rudder/v2\nkind: properties\nspec: {properties: []}\n",
        "note: see rudder/v1 docs\nkind: thing\n",
        "- version: rudder/v1\n- kind: properties\n",
    ],
)
def test_files_that_mention_rudder_but_are_no_catalog_file_are_left_to_the_others(text: str) -> None:
    assert RUDDERSTACK.recognises(text.encode())
    assert RUDDERSTACK.read("x.yaml", text.encode(), ReadOptions()) is None


def test_a_catalog_file_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    data = (CORPUS / "properties_v1.yaml").read_bytes()
    assert read("notes/anything.yml", data, ReadOptions()).kind == CATALOG
    assert not RUDDERSTACK.recognises(b"kind: properties\nspec: {properties: []}\n")


def test_a_catalog_file_that_does_not_parse_is_a_syntax_finding_others_are_not_claimed() -> None:
    broken = b"version: rudder/v1\nkind: properties\nspec:\n  properties: [\n"
    document = read("properties.yaml", broken, ReadOptions())
    assert document.is_spec and [problem.code for problem in document.problems] == [SYNTAX]
    assert RUDDERSTACK.read("x.yaml", b"version: rudder/v1\nkind: account\nspec: [\n", ReadOptions()) is None


def test_a_plan_read_for_context_only_is_its_kind_and_nothing_more(tmp_path: Path) -> None:
    data = (CORPUS / "trackingplan_v1.yaml").read_bytes()
    document = read("trackingplan_v1.yaml", data, ReadOptions(only_kinds=CONTEXT_KINDS))
    assert (document.is_spec, document.kind, document.spec, document.part) == (True, TRACKING_PLAN, None, None)


# -- references that resolve to nothing -------------------------------------------------------------


def test_a_dangling_property_reference_is_a_problem_at_the_reference_with_a_suggestion(tmp_path: Path) -> None:
    copy_corpus(tmp_path)
    plan = tmp_path / "trackingplan_v1.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("#property:email_address", "#property:email_adress"))
    document = plan_of(tmp_path, plan.name)
    assert problems(document) == [(SHAPE, 20, 21)]
    assert document.problems[0].message == (
        "`#property:email_adress` names no property of the project's RudderStack catalog "
        "(did you mean `email_address`?)"
    )
    assert set(fields(spec_of(document))) == {"Signup.User Metadata", "Signup.User Profiles"}


def test_a_dangling_event_reference_is_reported_and_its_properties_still_read(tmp_path: Path) -> None:
    copy_corpus(tmp_path)
    plan = tmp_path / "trackingplan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("#/events/api_tracking/login", "#/events/api_tracking/signin")
    )
    document = plan_of(tmp_path, plan.name)
    assert problems(document) == [(SHAPE, 41, 15)]
    assert "`#/events/api_tracking/signin` names no event" in document.problems[0].message
    assert "signin.Username" in fields(spec_of(document))


def test_an_unknown_custom_type_is_reported_at_the_plans_reference_naming_where_it_is_used(tmp_path: Path) -> None:
    copy_corpus(tmp_path, "properties_v1.yaml", "events_v1.yaml")
    plan = plan_file([rule("signup", "user_email")])
    write_files(tmp_path, {"plan.yaml": plan})
    document = plan_of(tmp_path, "plan.yaml")
    assert problems(document) == [(SHAPE, *line_of(tmp_path / "plan.yaml", "'#property:user_email'"))]
    assert document.problems[0].message == (
        "`#custom-type:email_string` (in property `user_email`, properties_v1.yaml:51) names no custom type of "
        "the project's RudderStack catalog (no `kind: custom-types` file of the project defines any)"
    )
    assert "Signup.User Email" in fields(spec_of(document))


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("#event:signup", "`#event:signup` is not a reference to a property"),
        ("email_address", "`email_address` is not a reference to a property"),
    ],
)
def test_a_reference_of_the_wrong_kind_or_spelling_says_what_is_expected(
    tmp_path: Path, reference: str, message: str
) -> None:
    copy_corpus(tmp_path, "properties_v1.yaml", "events_v1.yaml")
    plan = plan_file(
        [{"type": "event_rule", "id": "r", "event": "#event:signup", "properties": [{"property": reference}]}]
    )
    write_files(tmp_path, {"plan.yaml": plan})
    document = plan_of(tmp_path, "plan.yaml")
    assert [problem.message for problem in document.problems] == [
        f"{message} (`#property:<id>` or `#/properties/<group>/<id>`)"
    ]


def test_without_any_catalog_each_reference_says_no_catalog_file_defines_one(tmp_path: Path) -> None:
    copy_corpus(tmp_path, "trackingplan_v1.yaml")
    document = plan_of(tmp_path, "trackingplan_v1.yaml")
    assert problems(document) == [(SHAPE, 12, 14), (SHAPE, 17, 14), (SHAPE, 20, 21), (SHAPE, 22, 21), (SHAPE, 24, 21)]
    assert document.problems[2].message.endswith("(no `kind: properties` file of the project defines any)")
    # The events are still read, by the ids the rules give.
    assert [target.ref for target in spec_of(document).targets if target.kind == "event"] == ["page_view", "signup"]


# -- template placeholders --------------------------------------------------------------------------


def test_unquoted_placeholders_are_quoted_in_place_so_columns_stay_true() -> None:
    data = b"name: {{ .X }}\nlist:\n  - {{ .Y }} # note\ntext: '{{ .Z }}'\n"
    quoted, table = quote_placeholders(data)
    assert quoted == b'name: "{ .X }"\nlist:\n  - "{ .Y }" # note\ntext: \'{{ .Z }}\'\n'
    assert len(quoted) == len(data)
    assert table["{ .X }"] == "{{ .X }}"


def test_placeholders_quoted_or_not_are_read_as_the_text_written(tmp_path: Path) -> None:
    events = "version: rudder/v1\nkind: events\nspec:\n  events:\n    - id: signed_up\n      name: {{ .EVENT }}\n"
    properties = (
        "version: rudder/v1\nkind: properties\nspec:\n  properties:\n"
        '    - id: email\n      name: {{ .EMAIL_KEY }}\n      description: "{{ .DESCRIPTION }}"\n'
        "      type: string\n      config: {format: email}\n"
    )
    plan = (
        "version: rudder/v1\nkind: tracking-plan\nspec:\n  id: shop\n  display_name: {{ .PLAN }}\n  rules:\n"
        "    - id: r\n      event: {{ .EVENT_REF }}\n      properties:\n        - property: {{ .EMAIL_REF }}\n"
    )
    write_files(tmp_path, {"events.yaml": events, "properties.yaml": properties, "plan.yaml": plan})
    options = context(tmp_path)
    document = read("plan.yaml", plan.encode(), options)
    assert document.spec is not None and document.spec.name == "{{ .PLAN }}"
    # The references themselves are placeholders: reported where written, as written.
    assert problems(document) == [(SHAPE, 8, 14), (SHAPE, 10, 21)]
    assert document.problems[0].message.startswith("`{{ .EVENT_REF }}` is not a reference to an event")
    plan = plan.replace("{{ .EVENT_REF }}", '"#event:signed_up"').replace("{{ .EMAIL_REF }}", '"#property:email"')
    document = read("plan.yaml", plan.encode(), options)
    assert places(spec_of(document)) == {"{{ .EVENT }}.{{ .EMAIL_KEY }}": (10, 21)}
    email = fields(spec_of(document))["{{ .EVENT }}.{{ .EMAIL_KEY }}"]
    assert (email.attrs["description"], email.attrs["format"]) == ("{{ .DESCRIPTION }}", "email")


# -- hostile input ----------------------------------------------------------------------------------


def test_custom_types_that_contain_each_other_are_read_once_and_said(tmp_path: Path) -> None:
    properties = catalog_file(
        "properties",
        "properties",
        [
            {"id": "node", "name": "node", "type": "#custom-type:tree"},
            {"id": "leaf", "name": "leaf", "type": "#custom-type:branch"},
        ],
    )
    types = catalog_file(
        "custom-types",
        "types",
        [
            {"id": "tree", "name": "Tree", "type": "object", "properties": [{"property": "#property:leaf"}]},
            {"id": "branch", "name": "Branch", "type": "object", "properties": [{"property": "#property:node"}]},
        ],
    )
    write_files(
        tmp_path,
        {"p.yaml": properties, "t.yaml": types, "e.yaml": EVENTS, "plan.yaml": plan_file([rule("signed_up", "node")])},
    )
    document = plan_of(tmp_path, "plan.yaml")
    assert list(fields(spec_of(document))) == ["Signed Up.node", "Signed Up.node.leaf", "Signed Up.node.leaf.node"]
    assert [problem.message for problem in document.problems] == [
        "custom type `tree` contains itself (tree → branch → tree); it is read once"
    ]


def test_custom_types_that_multiply_are_expanded_within_a_bound(tmp_path: Path) -> None:
    levels, width = 8, 6
    properties = [
        {"id": f"p{level}_{index}", "name": f"p{index}", "type": f"#custom-type:t{level + 1}"}
        for level in range(levels)
        for index in range(width)
    ]
    types = [
        {
            "id": f"t{level}",
            "name": f"T{level}",
            "type": "object",
            "properties": [{"property": f"#property:p{level}_{index}"} for index in range(width)],
        }
        for level in range(1, levels)
    ] + [{"id": f"t{levels}", "name": "Leaf", "type": "string"}]
    write_files(
        tmp_path,
        {
            "p.yaml": catalog_file("properties", "properties", properties),
            "t.yaml": catalog_file("custom-types", "types", types),
            "e.yaml": EVENTS,
            "plan.yaml": plan_file([rule("signed_up", "p0_0")]),
        },
    )
    options = context(tmp_path)._replace(limits=Limits(max_alias_nodes=500))
    document = plan_of(tmp_path, "plan.yaml", options)  # 6 ** 8 fields unbounded
    assert len(spec_of(document).fields()) == 500
    assert [problem.message for problem in document.problems] == [
        "this plan expands to more than 500 fields (custom types inside custom types); the rest are not read"
    ]


def test_properties_nested_beyond_the_bound_are_said_and_not_read(tmp_path: Path) -> None:
    properties = catalog_file("properties", "properties", [{"id": "p", "name": "p", "type": "object"}])
    nested: dict[str, Any] = {"property": "#property:p"}
    for _ in range(80):
        nested = {"property": "#property:p", "properties": [nested]}
    plan = plan_file([{"type": "event_rule", "id": "r", "event": "#event:signed_up", "properties": [nested]}])
    write_files(tmp_path, {"p.yaml": properties, "e.yaml": EVENTS, "plan.yaml": plan})
    document = plan_of(tmp_path, "plan.yaml")
    assert max(target.attrs["depth"] for target in spec_of(document).fields()) == 64
    assert [problem.message for problem in document.problems] == ["properties nested more than 64 deep are not read"]


def test_a_long_chain_of_array_custom_types_is_bounded(tmp_path: Path) -> None:
    types = [
        {"id": f"t{n}", "name": f"T{n}", "type": "array", "item_type": f"#custom-type:t{n + 1}"} for n in range(400)
    ]
    properties = catalog_file("properties", "properties", [{"id": "p", "name": "p", "type": "#custom-type:t0"}])
    write_files(
        tmp_path,
        {
            "p.yaml": properties,
            "t.yaml": catalog_file("custom-types", "types", types),
            "e.yaml": EVENTS,
            "plan.yaml": plan_file([rule("signed_up", "p")]),
        },
    )
    document = plan_of(tmp_path, "plan.yaml")
    assert [problem.message for problem in document.problems] == ["properties nested more than 64 deep are not read"]
    assert fields(spec_of(document))["Signed Up.p"].attrs["type"] == "array"


def test_a_plan_whose_every_reference_dangles_gets_a_bounded_number_of_suggestions(tmp_path: Path) -> None:
    properties = catalog_file("properties", "properties", [{"id": f"prop_{n}", "name": f"p{n}"} for n in range(1000)])
    plan = plan_file([rule("signed_up", *(f"prop_{n}x" for n in range(200)))])
    write_files(tmp_path, {"p.yaml": properties, "e.yaml": EVENTS, "plan.yaml": plan})
    document = plan_of(tmp_path, "plan.yaml")
    assert len(document.problems) == 200
    assert 0 < sum("did you mean" in problem.message for problem in document.problems) <= 20


@pytest.mark.parametrize(
    "spec",
    [
        [1, 2],
        {"rules": "all"},
        {
            "rules": [
                1,
                None,
                "x",
                {"event": 5},
                {"event": {"$ref": ["x"]}},
                {"includes": {"$ref": "#/tp/a/event_rule/*"}},
            ]
        },
        {"rules": [{"event": "#event:signed_up", "properties": {"a": 1}}]},
        {
            "rules": [
                {
                    "event": "#event:signed_up",
                    "properties": [1, {"x": 1}, {"property": 5}],
                    "variants": [1, {"cases": 5}],
                }
            ]
        },
    ],
)
def test_a_plan_of_wrong_shapes_is_read_as_far_as_it_goes(tmp_path: Path, spec: object) -> None:
    data = yaml.safe_dump({"version": "rudder/v1", "kind": "tracking-plan", "spec": spec})
    write_files(tmp_path, {"e.yaml": EVENTS})
    document = read("plan.yaml", data.encode(), context(tmp_path))
    assert document.kind == TRACKING_PLAN and document.spec is not None
    assert all(problem.code == SHAPE for problem in document.problems)


_CORPUS_TREES = {
    name: yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))
    for name in sorted(p.name for p in CORPUS.iterdir())
}
_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from(
        [
            "#property:username",
            "#custom-type:login",
            "#/custom-types/x/login",
            "#event:signup",
            "{{ .X }}",
            "",
            "object",
        ]
    )
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "type", "properties", "property", "$ref", "config", "name"]), children, max_size=3
        )
    ),
    max_leaves=6,
)


def _paths(node: object, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found.append((node, key))
        _paths(value, found)
    return found


def _mutated(mutations: list[tuple[int, object]], which: int) -> dict[str, bytes]:
    """The corpus files, one of them (``which``) with some of its values replaced."""
    trees = json.loads(json.dumps(_CORPUS_TREES))
    name = sorted(trees)[which]
    for choice, value in mutations:
        targets = _paths(trees[name], [])
        if targets:
            node, key = targets[choice % len(targets)]
            node[key] = value
    return {file: yaml.safe_dump(tree, sort_keys=False).encode() for file, tree in trees.items()}


MUTATIONS = st.lists(st.tuples(st.integers(min_value=0), _VALUES), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(mutations=MUTATIONS, which=st.integers(0, 6))
def test_random_mutations_of_any_catalog_or_plan_file_never_raise(
    mutations: list[tuple[int, object]], which: int
) -> None:
    texts = _mutated(mutations, which)
    parts = []
    for file, data in texts.items():
        document = read(file, data, ReadOptions(only_kinds=CONTEXT_KINDS))
        if document.part is not None:
            parts.append(document.part[1])
    options = ReadOptions(foreign=ForeignContext(parts={"rudderstack": tuple(parts)}))
    for file, data in texts.items():
        document = read(file, data, options)
        assert isinstance(document, Document)
        assert all(problem.line >= 1 and problem.column >= 1 for problem in document.problems)


@settings(max_examples=60, deadline=None)
@given(mutations=MUTATIONS, which=st.integers(0, 6))
def test_random_mutations_are_checked_by_every_rule_without_an_error(
    mutations: list[tuple[int, object]], which: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for file, data in _mutated(mutations, which).items():
            (Path(folder) / file).write_bytes(data)
        report = check_folder(Path(folder), builtin_rules())
    assert report.path_problems == ()
    assert {finding.path for finding in report.findings} <= set(_CORPUS_TREES)


@settings(max_examples=100, deadline=None)
@given(at=st.integers(min_value=0), junk=st.binary(max_size=12))
def test_random_bytes_in_a_plan_never_raise(at: int, junk: bytes) -> None:
    data = (CORPUS / "trackingplan.yaml").read_bytes()
    at %= len(data)
    assert isinstance(read("plan.yaml", data[:at] + junk + data[at:], ReadOptions()), Document)


# -- end to end -------------------------------------------------------------------------------------


def test_check_reports_undeclared_personal_data_at_native_positions(tmp_path: Path, run_minlint: RunMinlint) -> None:
    code, found, stderr = findings(run_minlint, copy_corpus(tmp_path))
    assert (code, stderr) == (1, "")
    personal = {(path, line, column) for path, line, column, rule in found if rule == "ML101"}
    assert personal == {
        ("trackingplan.yaml", 20, 17),  # Username (email custom type)
        ("trackingplan.yaml", 22, 17),  # Password
        ("trackingplan.yaml", 33, 23),  # User Agent
        ("trackingplan.yaml", 44, 17),
        ("trackingplan.yaml", 46, 17),
        ("trackingplan_v1.yaml", 20, 21),  # Email Address
    }
    for rule_id in ("ML001", "ML002", "ML003"):
        assert ("trackingplan_v1.yaml", 20, 21, rule_id) in found
        # Captcha Type, four levels down (61:29), lacks them as its outermost object does: one finding there.
        assert ("trackingplan.yaml", 61, 29, rule_id) not in found
        assert ("trackingplan.yaml", 48, 17, rule_id) in found  # Signin Info, holding it
    assert {path for path, *_ in found} == {"trackingplan.yaml", "trackingplan_v1.yaml"}
    result = run_minlint("check", ".", "--no-cache", "--no-color", cwd=tmp_path)
    assert "declare it in `app-tracking.declarations.yaml`" in result.stdout


def test_declarations_beside_the_catalog_make_the_project_clean(tmp_path: Path, run_minlint: RunMinlint) -> None:
    copy_corpus(tmp_path)
    write_files(
        tmp_path,
        {
            "purposes.yaml": PURPOSES,
            "api.declarations.yaml": API_DECLARATIONS,
            "app.declarations.yaml": APP_DECLARATIONS,
        },
    )
    assert findings(run_minlint, tmp_path) == (0, [], "")


def test_a_misspelt_property_id_in_the_declarations_is_reported_with_a_suggestion(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    copy_corpus(tmp_path, "trackingplan_v1.yaml", "events_v1.yaml", "properties_v1.yaml")
    misspelt = APP_DECLARATIONS.replace("  email_address: {category", "  email_adress: {category")
    write_files(tmp_path, {"purposes.yaml": PURPOSES, "app.declarations.yaml": misspelt})
    result = run_minlint("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    document = json.loads(result.stdout)
    unmatched = [item for item in document["findings"] if item["rule"] == "ML908"]
    assert [(item["path"], item["line"], item["column"]) for item in unmatched] == [("app.declarations.yaml", 6, 3)]
    assert unmatched[0]["message"].endswith("(did you mean `email_address`?)")


def test_a_dangling_reference_is_an_ml902_at_the_reference(tmp_path: Path, run_minlint: RunMinlint) -> None:
    copy_corpus(tmp_path)
    plan = tmp_path / "trackingplan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("api_tracking/captcha_type", "api_tracking/captcha_kind"))
    code, found, _ = findings(run_minlint, tmp_path)
    assert code == 1
    assert [item for item in found if item[3] == "ML902"] == [("trackingplan.yaml", 61, 29, "ML902")]


def test_a_named_catalog_file_reports_its_own_problems(tmp_path: Path, run_minlint: RunMinlint) -> None:
    copy_corpus(tmp_path)
    properties = tmp_path / "properties_v1.yaml"
    properties.write_text(properties.read_text(encoding="utf-8").replace("- id: tag_list", "- id: status_code"))
    code, found, stderr = findings(run_minlint, tmp_path, "properties_v1.yaml")
    assert (code, stderr) == (1, "")
    assert found == [("properties_v1.yaml", 23, 11, "ML902")]
    code, found, _ = findings(run_minlint, tmp_path, "properties.yaml")
    assert (code, found) == (0, [])
