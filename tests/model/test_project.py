"""The project index: which plan defines which field, and what a campaign's references resolve to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from minlint.loader.load import load_document
from minlint.model.build import build_spec
from minlint.model.project import FACT_KEYS, Definition, ProjectIndex, Resolution, facts_of
from minlint.model.spec import Spec, Target


def spec(path: str, text: str) -> Spec:
    loaded = load_document(path, text.encode())
    assert loaded.root is not None and loaded.kind is not None
    return build_spec(path, loaded.kind, loaded.root)


WEB = """\
minlint: 1
kind: tracking-plan
name: web
traits:
  email: {category: user.contact.email}
  phone: {category: user.contact.phone_number}
events:
  Order Completed:
    properties:
      revenue: {type: number}
      shipping:
        type: object
        properties:
          city: {type: string}
  'Checkout: Step 1':
    properties:
      total: {type: number}
"""

APP = """\
minlint: 1
kind: tracking-plan
name: app
traits:
  email: {category: user.contact.email}
context:
  device_id: {category: user.device.device_id}
"""

CAMPAIGN = """\
minlint: 1
kind: campaign
name: winback
purpose: marketing
uses:
  - traits.email
  - web:traits.email
  - Order Completed.revenue
  - traits.fax
collects:
  sms_opt_in: {type: boolean}
"""


@pytest.fixture(scope="module")
def index() -> ProjectIndex:
    return ProjectIndex.of([spec("b/web.yaml", WEB), spec("campaign.yaml", CAMPAIGN), spec("a/app.yaml", APP)])


def test_the_index_holds_every_plan_field_by_reference_and_the_campaigns(index: ProjectIndex) -> None:
    assert index.plans == {"web", "app"}
    assert sorted(index.by_ref) == [
        "Checkout: Step 1.total",
        "Order Completed.revenue",
        "Order Completed.shipping",
        "Order Completed.shipping.city",
        "context.device_id",
        "traits.email",
        "traits.phone",
    ]
    assert [campaign.name for campaign in index.campaigns] == ["winback"]


def test_definitions_of_one_reference_are_in_path_order(index: ProjectIndex) -> None:
    assert [(item.plan, item.path) for item in index.by_ref["traits.email"]] == [
        ("app", "a/app.yaml"),
        ("web", "b/web.yaml"),
    ]


def test_a_definition_is_qualified_with_its_plan(index: ProjectIndex) -> None:
    (city,) = index.by_ref["Order Completed.shipping.city"]
    assert city.qualified == "web:Order Completed.shipping.city"
    assert (city.line, city.column) == (14, 11)


def test_a_reference_one_plan_defines_resolves_without_prefix(index: ProjectIndex) -> None:
    found = index.resolve("Order Completed.revenue")
    assert found.resolved is not None
    assert found.resolved.qualified == "web:Order Completed.revenue"
    assert found.suggestion is None


def test_a_reference_several_plans_define_is_ambiguous_without_prefix(index: ProjectIndex) -> None:
    found = index.resolve("traits.email")
    assert [item.plan for item in found.definitions] == ["app", "web"]
    assert found.resolved is None
    assert found.suggestion is None


@pytest.mark.parametrize(("text", "plan"), [("web:traits.email", "web"), ("app:traits.email", "app")])
def test_a_plan_prefix_picks_that_plans_definition(index: ProjectIndex, text: str, plan: str) -> None:
    found = index.resolve(text)
    assert found.resolved is not None
    assert found.resolved.plan == plan
    assert found.resolved.ref == "traits.email"
    assert found.text == text


def test_a_prefix_only_finds_and_suggests_that_plans_fields(index: ProjectIndex) -> None:
    found = index.resolve("app:traits.phone")
    assert found.definitions == ()
    assert found.suggestion is not None
    assert found.suggestion.startswith("app:")  # the closest in `app`, never `web:traits.phone`


def test_an_event_name_with_a_colon_resolves_without_and_with_prefix(index: ProjectIndex) -> None:
    plain = index.resolve("Checkout: Step 1.total")
    prefixed = index.resolve("web:Checkout: Step 1.total")
    assert plain.resolved is not None and plain.resolved.ref == "Checkout: Step 1.total"
    assert prefixed.resolved is not None and prefixed.resolved is plain.resolved


def test_an_unknown_plan_prefix_is_read_as_part_of_the_reference(index: ProjectIndex) -> None:
    found = index.resolve("shop:traits.email")
    assert found.definitions == ()
    assert found.suggestion == "traits.email"


def test_an_unresolved_reference_gets_the_closest_defined_one(index: ProjectIndex) -> None:
    assert index.resolve("Order Complete.revenue").suggestion == "Order Completed.revenue"
    assert index.resolve("traits.emial").suggestion == "traits.email"
    assert index.resolve("context.deviceid").suggestion == "context.device_id"


def test_a_prefixed_unresolved_reference_gets_a_suggestion_from_that_plan(index: ProjectIndex) -> None:
    assert index.resolve("app:traits.emial").suggestion == "app:traits.email"
    assert index.resolve("app:Order Completed.revenue").suggestion is None


def test_nothing_close_means_no_suggestion(index: ProjectIndex) -> None:
    found = index.resolve("totally.unknown.thing")
    assert found == Resolution("totally.unknown.thing", (), None)


def test_suggestions_can_be_turned_off(index: ProjectIndex) -> None:
    assert index.resolve("traits.emial", suggest=False).suggestion is None
    assert index.resolve("app:traits.emial", suggest=False).suggestion is None


def test_used_holds_only_references_that_resolve_to_one_field(index: ProjectIndex) -> None:
    assert index.used == {("web", "traits.email"), ("web", "Order Completed.revenue")}


def test_campaign_collects_fields_are_not_plan_definitions(index: ProjectIndex) -> None:
    assert "collects.sms_opt_in" not in index.by_ref
    assert "winback" not in index.plans


def test_an_empty_project_resolves_nothing() -> None:
    index = ProjectIndex.of([])
    assert index.resolve("traits.email") == Resolution("traits.email", (), None)
    assert index.used == set()


def test_resolution_resolved_is_the_single_definition() -> None:
    one = Definition("web", "web.yaml", "traits.email", 1, 1, {})
    assert Resolution("traits.email", (one,)).resolved is one
    assert Resolution("traits.email", (one, Definition("app", "app.yaml", "traits.email", 1, 1, {}))).resolved is None
    assert Resolution("traits.email", ()).resolved is None


def test_an_event_name_starting_with_a_plan_name_and_colon_resolves_without_prefix() -> None:
    text = (
        "minlint: 1\nkind: tracking-plan\nname: web\nevents:\n  'web: Page Viewed':\n    properties:\n      path: {}\n"
    )
    index = ProjectIndex.of([spec("web.yaml", text)])
    found = index.resolve("web: Page Viewed.path")
    assert found.resolved is not None
    assert found.resolved.ref == "web: Page Viewed.path"


def test_facts_of_a_consumed_list_equal_those_of_the_kept_one_and_share_equal_values() -> None:
    # Each field's basis is a mapping of its own (not shared), and the fields come from a generator
    # that makes each one as it is asked for and lets go of it after: a later field's mapping may
    # take a freed one's place in memory, and must not be mistaken for it.
    text = "minlint: 1\nkind: tracking-plan\nname: web\nevents:\n  A:\n    properties:\n" + "".join(
        f"      f{n}: {{purpose: [analytics.reporting], basis: {{p{n}: consent}}, retention: P1D}}\n"
        for n in range(200)
    )
    kept = facts_of(spec("web.yaml", text).fields())
    fields = spec("web.yaml", text).fields()

    def drained() -> Iterator[Target]:
        fields.reverse()
        while fields:
            field = fields.pop()
            attrs = {key: dict(value) if isinstance(value, dict) else value for key, value in field.attrs.items()}
            del field
            yield Target("field", attrs["ref"], 1, 1, attrs)

    consumed = facts_of(drained())
    assert [fact[3] for fact in consumed] == [fact[3] for fact in kept]
    purposes, basis = FACT_KEYS.index("purposes"), FACT_KEYS.index("basis")
    assert all(fact[3][purposes] is consumed[0][3][purposes] for fact in consumed)
    assert [fact[3][basis] for fact in consumed] == [{f"p{n}": "consent"} for n in range(200)]
