"""Inheritance and resolved attributes: what rules see for each target."""

from __future__ import annotations

from minlint.loader.load import load_document
from minlint.model.build import build_spec
from minlint.model.spec import Spec, Target

PLAN = """\
minlint: 1
kind: tracking-plan
name: web
defaults:
  basis: legitimate_interests
  retention: P13M
context:
  ip: {purpose: essential.fraud_detection, retention: P30D}
traits:
  email:
    purpose: [essential.service, marketing.communications.email]
    basis: {essential.service: contract, marketing.communications.email: consent}
events:
  Order Completed:
    defaults:
      purpose: analytics.reporting
    properties:
      order_id: {type: string}
      address:
        type: object
        category: user.contact.address
        purpose: essential.service
        basis: contract
        properties:
          city: {type: string}
          geo:
            properties:
              lat: {type: number, retention: null}
      products:
        type: array
        items:
          type: object
          category: none
          properties:
            sku: {type: string}
"""


def build(text: str) -> Spec:
    loaded = load_document("plan.yaml", text.encode())
    assert loaded.root is not None and loaded.kind is not None, loaded.problems
    return build_spec("plan.yaml", loaded.kind, loaded.root)


def field(spec: Spec, ref: str) -> Target:
    return next(target for target in spec.targets if target.kind == "field" and target.ref == ref)


def test_references_name_sections_events_and_nesting() -> None:
    refs = [target.ref for target in build(PLAN).fields()]
    assert refs == [
        "context.ip",
        "traits.email",
        "Order Completed.order_id",
        "Order Completed.address",
        "Order Completed.address.city",
        "Order Completed.address.geo",
        "Order Completed.address.geo.lat",
        "Order Completed.products",
        "Order Completed.products.sku",
    ]


def test_nearest_declaration_wins() -> None:
    spec = build(PLAN)
    assert field(spec, "context.ip").attrs["retention"] == "P30D"
    assert field(spec, "context.ip").attrs["basis"] == "legitimate_interests"
    assert field(spec, "Order Completed.order_id").attrs["purposes"] == ["analytics.reporting"]
    city = field(spec, "Order Completed.address.city").attrs
    assert city["purposes"] == ["essential.service"]
    assert city["basis"] == "contract"
    assert city["category"] == "user.contact.address"
    assert city["retention"] == "P13M"


def test_null_counts_as_not_declared_so_the_inherited_value_applies() -> None:
    lat = field(build(PLAN), "Order Completed.address.geo.lat")
    assert lat.attrs["retention"] == "P13M"
    assert lat.attrs["depth"] == 2
    assert lat.attrs["parent"] == "Order Completed.address.geo"


def test_array_items_declarations_apply_to_the_items_properties() -> None:
    spec = build(PLAN)
    assert field(spec, "Order Completed.products.sku").attrs["category"] == "none"
    assert "category" not in field(spec, "Order Completed.products").attrs


def test_derived_attributes_are_computed_once_per_declaration() -> None:
    spec = build(PLAN)
    email = field(spec, "traits.email").attrs
    assert email["bases"] == ["consent", "contract"]
    assert email["retention_days"] > 365
    assert email["retention_text"] == "13 months"
    order_id = field(spec, "Order Completed.order_id")
    city = field(spec, "Order Completed.address.city")
    assert order_id.origins["retention"] is city.origins["retention"]


def test_origins_point_at_where_a_declaration_was_written() -> None:
    spec = build(PLAN)
    origin = field(spec, "Order Completed.order_id").origins["purpose"]
    assert (origin.line, origin.column, origin.owner) == (16, 16, "Order Completed.defaults")
    plan_origin = field(spec, "traits.email").origins["retention"]
    assert (plan_origin.line, plan_origin.column, plan_origin.owner) == (6, 14, "defaults")


def test_field_targets_point_at_their_key() -> None:
    spec = build(PLAN)
    city = field(spec, "Order Completed.address.city")
    assert (city.line, city.column) == (25, 11)


def test_campaign_collects_inherit_the_campaigns_purpose_basis_and_retention() -> None:
    spec = build(
        "minlint: 1\nkind: campaign\nname: c\npurpose: marketing.communications.email\n"
        "basis: consent\nretention: P1Y\nrecipients: [mailchimp]\n"
        "uses: [traits.email]\ncollects:\n  opt_in: {type: boolean}\n"
    )
    campaign = next(target for target in spec.targets if target.kind == "campaign")
    assert campaign.attrs["recipients"] == ["mailchimp"]
    assert [use.text for use in spec.uses] == ["traits.email"]
    assert (spec.uses[0].line, spec.uses[0].column) == (8, 8)
    opt_in = field(spec, "collects.opt_in").attrs
    assert opt_in["purposes"] == ["marketing.communications.email"]
    assert opt_in["basis"] == "consent"
    assert opt_in["retention"] == "P1Y"
    assert "shared_with" not in opt_in


def test_wrongly_shaped_declarations_are_not_used() -> None:
    spec = build("minlint: 1\nkind: tracking-plan\nname: p\ntraits:\n  a: {purpose: 5, basis: [x], shared_with: 3}\n")
    attrs = field(spec, "traits.a").attrs
    assert "purposes" not in attrs
    assert "basis" not in attrs
    assert "shared_with" not in attrs


def _attrs_by_target(spec: Spec) -> list[tuple[str, str, int, int, dict[str, object]]]:
    return [(target.kind, target.ref, target.line, target.column, dict(target.attrs)) for target in spec.targets]


def test_a_consuming_build_gives_the_same_model_and_empties_the_events_it_modelled() -> None:
    loaded = load_document("plan.yaml", PLAN.encode())
    assert loaded.root is not None and loaded.kind is not None
    consumed = build_spec("plan.yaml", loaded.kind, loaded.root, consume=True)
    assert _attrs_by_target(consumed) == _attrs_by_target(build(PLAN))
    events = loaded.root["events"]
    assert not events and not events.marks


def test_equal_declarations_share_their_values_across_fields() -> None:
    text = (
        "minlint: 1\nkind: tracking-plan\nname: p\nevents:\n"
        "  A:\n    properties:\n      x: {purpose: [analytics.reporting], basis: consent, retention: P1D}\n"
        "  B:\n    properties:\n      y: {purpose: [analytics.reporting], basis: consent, retention: P1D}\n"
    )
    spec = build(text)
    x, y = field(spec, "A.x").attrs, field(spec, "B.y").attrs
    for key in ("purposes", "bases", "purpose_bases"):
        assert x[key] == y[key]
        assert x[key] is y[key], key
    assert field(spec, "A.x").origins["purpose"].line != field(spec, "B.y").origins["purpose"].line


def test_a_list_declaration_of_other_values_is_not_shared() -> None:
    text = (
        "minlint: 1\nkind: tracking-plan\nname: p\ntraits:\n"
        "  x: {purpose: [analytics.reporting, 5]}\n  y: {purpose: [analytics.reporting, 5]}\n"
    )
    spec = build(text)
    x, y = field(spec, "traits.x").attrs, field(spec, "traits.y").attrs
    assert x["purposes"] == y["purposes"] == ["analytics.reporting"]
    assert x["purposes"] is not y["purposes"]
