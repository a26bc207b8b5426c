"""Campaigns against tracking plans and definitions across plans (ML201-ML205), end to end.

Each test writes a small project, checks it as a whole and compares one rule's findings. Findings
about a campaign's ``uses`` entry point at that list item (block or flow style).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.support import RULES, check, messages, places, plan

ENABLED = tuple(rule for rule in RULES if rule.enabled)


def campaign(uses: str, purpose: str = "marketing.communications.email", extra: str = "") -> str:
    """A campaign named ``winback`` whose ``uses`` list items start on line 7 (block style)."""
    return f"minlint: 1\nkind: campaign\nname: winback\npurpose: {purpose}\nbasis: consent\n{extra}uses:\n" + "".join(
        f"  - {item}\n" for item in uses.split(", ")
    )


# Both plans collect for marketing on consent and keep a year (defaults on line 4, `traits:` on line 5).
MARKETING = "{purpose: marketing, basis: consent, retention: P1Y}"

WEB = plan(
    """\
    traits:
      email: {category: user.contact.email, shared_with: [sendgrid]}
      phone: {category: user.contact.phone_number}
    events:
      Order Completed:
        properties:
          revenue: {type: number, category: none}
      'Checkout: Step 1':
        properties:
          total: {type: number, category: none}
    """,
    MARKETING,
)

APP = plan("traits:\n  email: {category: user.contact.email, shared_with: [sendgrid]}\n", MARKETING, name="app")


# --- ML201 unresolved-reference ----------------------------------------------------------------------


def test_ml201_reports_an_unresolved_reference_at_its_list_item_with_a_suggestion(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        {"web.yaml": WEB, "campaign.yaml": campaign("traits.phone, Order Complete.revenue, totally.unknown.thing")},
    )
    assert places(found, "ML201") == [("campaign.yaml", 8, 5), ("campaign.yaml", 9, 5)]
    assert messages(found, "ML201") == [
        "`Order Complete.revenue` is not defined by any tracking plan of the project "
        "(did you mean `Order Completed.revenue`?)",
        "`totally.unknown.thing` is not defined by any tracking plan of the project",
    ]
    assert [f.target for f in found if f.rule == "ML201"] == [
        "uses.Order Complete.revenue",
        "uses.totally.unknown.thing",
    ]


def test_ml201_points_at_items_of_a_flow_style_list(tmp_path: Path) -> None:
    text = "minlint: 1\nkind: campaign\nname: c\npurpose: marketing\nbasis: consent\nuses: [traits.email, traits.fax]\n"
    found = check(tmp_path, {"web.yaml": WEB, "campaign.yaml": text})
    assert places(found, "ML201") == [("campaign.yaml", 6, 22)]


def test_ml201_reports_a_reference_several_plans_define_and_suggests_a_prefix(tmp_path: Path) -> None:
    found = check(tmp_path, {"web.yaml": WEB, "app.yaml": APP, "campaign.yaml": campaign("traits.email")})
    assert places(found, "ML201") == [("campaign.yaml", 7, 5)]
    assert messages(found, "ML201") == [
        "`traits.email` is defined by several plans (`app`, `web`); say which with a plan prefix, "
        "e.g. `app:traits.email`"
    ]


def test_ml201_a_plan_prefix_resolves_the_ambiguity(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        {"web.yaml": WEB, "app.yaml": APP, "campaign.yaml": campaign("web:traits.email, app:traits.email")},
    )
    assert places(found, "ML201") == []


def test_ml201_a_prefixed_typo_is_suggested_within_that_plan(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        {"web.yaml": WEB, "app.yaml": APP, "campaign.yaml": campaign("app:traits.emial, app:traits.phone")},
    )
    assert places(found, "ML201") == [("campaign.yaml", 7, 5), ("campaign.yaml", 8, 5)]
    typo, elsewhere = messages(found, "ML201")
    assert typo.endswith("(did you mean `app:traits.email`?)")
    assert elsewhere.startswith("`app:traits.phone` is not defined by any tracking plan of the project")


def test_ml201_an_unknown_plan_prefix_does_not_resolve(tmp_path: Path) -> None:
    found = check(tmp_path, {"web.yaml": WEB, "campaign.yaml": campaign("traits.email, shop:traits.email")})
    assert places(found, "ML201") == [("campaign.yaml", 8, 5)]
    assert messages(found, "ML201")[0] == "`shop:traits.email`: no tracking plan is named `shop` (plans: `web`)"


def test_ml201_an_event_name_with_a_colon_resolves_without_prefix_and_with_one(tmp_path: Path) -> None:
    uses = "'Checkout: Step 1.total', 'web:Checkout: Step 1.total'"
    found = check(tmp_path, {"web.yaml": WEB, "campaign.yaml": campaign(uses, purpose="marketing")})
    assert [f for f in found if f.rule.startswith("ML2")] == []


# --- ML202 purpose-mismatch --------------------------------------------------------------------------


def test_ml202_a_parent_purpose_covers_the_campaigns_sub_purpose(tmp_path: Path) -> None:
    found = check(tmp_path, {"web.yaml": WEB, "campaign.yaml": campaign("traits.email, traits.phone")})
    assert places(found, "ML202") == []


def test_ml202_a_sub_purpose_does_not_cover_the_campaigns_parent_purpose(tmp_path: Path) -> None:
    plan = WEB.replace("purpose: marketing,", "purpose: marketing.communications.email,")
    found = check(tmp_path, {"web.yaml": plan, "campaign.yaml": campaign("traits.email", purpose="marketing")})
    assert places(found, "ML202") == [("campaign.yaml", 7, 5)]
    assert messages(found, "ML202") == [
        "campaign `winback` uses `traits.email` for `marketing`, but it was collected for "
        "`marketing.communications.email` (purpose limitation)"
    ]


def test_ml202_a_field_without_purposes_was_collected_for_none(tmp_path: Path) -> None:
    plan = WEB.replace("purpose: marketing, ", "")
    found = check(tmp_path, {"web.yaml": plan, "campaign.yaml": campaign("traits.email")})
    assert places(found, "ML202") == [("campaign.yaml", 7, 5)]
    assert messages(found, "ML202")[0].endswith("but it was collected for no declared purpose (purpose limitation)")


def test_ml202_reports_each_campaign_purpose_the_field_does_not_serve(tmp_path: Path) -> None:
    plan = WEB.replace("purpose: marketing,", "purpose: [essential.service, marketing.advertising],")
    text = campaign("traits.email, traits.fax", purpose="[marketing.advertising, marketing.communications, analytics]")
    found = check(tmp_path, {"web.yaml": plan, "campaign.yaml": text})
    # The unresolved `traits.fax` is ML201's business, not ML202's.
    assert places(found, "ML202") == [("campaign.yaml", 7, 5), ("campaign.yaml", 7, 5)]
    assert sorted(message.split("` for `")[1].split("`")[0] for message in messages(found, "ML202")) == [
        "analytics",
        "marketing.communications",
    ]


def test_ml202_is_silent_for_an_ambiguous_reference(tmp_path: Path) -> None:
    plan = APP.replace("purpose: marketing,", "purpose: essential.service,")
    found = check(tmp_path, {"web.yaml": WEB, "app.yaml": plan, "campaign.yaml": campaign("traits.email")})
    assert places(found, "ML202") == []
    assert places(found, "ML201") == [("campaign.yaml", 7, 5)]


# --- ML203 undeclared-recipient ----------------------------------------------------------------------


def test_ml203_reports_each_recipient_the_fields_shared_with_does_not_list(tmp_path: Path) -> None:
    text = campaign("traits.email, traits.phone", extra="recipients: [sendgrid, mailchimp]\n")
    found = check(tmp_path, {"web.yaml": WEB, "campaign.yaml": text})
    assert places(found, "ML203") == [("campaign.yaml", 8, 5), ("campaign.yaml", 9, 5), ("campaign.yaml", 9, 5)]
    assert messages(found, "ML203") == [
        "campaign `winback` sends `traits.email` to `mailchimp`, which the field's `shared_with` does not list",
        "campaign `winback` sends `traits.phone` to `mailchimp`, which the field's `shared_with` does not list",
        "campaign `winback` sends `traits.phone` to `sendgrid`, which the field's `shared_with` does not list",
    ]


def test_ml203_is_silent_for_declared_recipients_and_campaigns_without_recipients(tmp_path: Path) -> None:
    declared = campaign("traits.email", extra="recipients: sendgrid\n")
    silent = campaign("traits.phone").replace("name: winback", "name: quiet")
    found = check(tmp_path, {"web.yaml": WEB, "a.yaml": declared, "b.yaml": silent})
    assert places(found, "ML203") == []


# --- ML204 unused-field ------------------------------------------------------------------------------

REGISTRY = """\
    minlint: 1
    kind: purposes
    purposes:
      marketing: {bases: [consent], max_retention: P2Y, activation: true}
      analytics: {bases: [consent], max_retention: P2Y}
    """

ACTIVATION_PLAN = plan(
    """\
    traits:
      colour: {purpose: marketing.advertising}
      used: {purpose: marketing.advertising}
      both: {purpose: [marketing.advertising, analytics.reporting]}
      stats: {purpose: analytics.reporting}
      nothing: {}
    """,
    "{basis: consent, retention: P1Y, category: none}",
)

ML204 = next(rule for rule in RULES if rule.id == "ML204")


def test_ml204_is_off_unless_selected() -> None:
    assert ML204.enabled is False
    assert ML204 not in ENABLED


def test_ml204_reports_an_activation_only_field_no_campaign_uses_at_its_key(tmp_path: Path) -> None:
    files = {
        "purposes.yaml": REGISTRY,
        "web.yaml": ACTIVATION_PLAN,
        "app.yaml": APP.replace("purpose: marketing,", "purpose: marketing.advertising,").replace(
            ", shared_with: [sendgrid]", ""
        ),
        "campaign.yaml": campaign("web:traits.used", purpose="marketing.advertising"),
    }
    found = check(tmp_path, files)
    # `app:traits.email` is another plan's field: a campaign using `web:traits.used` does not use it.
    assert places(found, "ML204") == [("app.yaml", 6, 3), ("web.yaml", 6, 3)]
    assert messages(found, "ML204")[1] == (
        "`traits.colour` is collected only for campaign purposes (`marketing.advertising`), but no campaign uses it"
    )
    assert places(check(tmp_path, files, ENABLED), "ML204") == []


def test_ml204_counts_sharing_with_a_recipient_as_a_use(tmp_path: Path) -> None:
    files = {
        "purposes.yaml": REGISTRY,
        "app.yaml": APP.replace("purpose: marketing,", "purpose: marketing.advertising,"),
    }
    # `app:traits.email` goes to `sendgrid`, which runs the campaign: used, though no campaign spec names it.
    assert places(check(tmp_path, files), "ML204") == []


def test_ml204_counts_a_use_through_an_unprefixed_reference(tmp_path: Path) -> None:
    files = {
        "purposes.yaml": REGISTRY,
        "web.yaml": ACTIVATION_PLAN,
        "campaign.yaml": campaign("traits.colour, traits.used", purpose="marketing.advertising"),
    }
    assert places(check(tmp_path, files), "ML204") == []


def test_ml204_is_silent_without_a_purposes_registry(tmp_path: Path) -> None:
    assert places(check(tmp_path, {"web.yaml": ACTIVATION_PLAN}), "ML204") == []


# --- ML205 conflicting-definition --------------------------------------------------------------------

DEFINITION = """\
    minlint: 1
    kind: tracking-plan
    name: {name}
    traits:
      email:
        category: user.contact.email
        purpose: [essential.service, marketing]
        basis: contract
        retention: P1Y
        shared_with: [sendgrid]
        special_condition: explicit_consent
    """


def definition(name: str, old: str = "", new: str = "") -> str:
    text = DEFINITION.replace("{name}", name)
    return text.replace(old, new) if old else text


@pytest.mark.parametrize(
    ("old", "new", "difference"),
    [
        ("[essential.service, marketing]", "[essential.service]", "purpose `essential.service` here"),
        ("basis: contract", "basis: consent", "basis `consent` here, `contract` there"),
        ("retention: P1Y", "retention: P2Y", "retention `2 years` here, `1 year` there"),
        (
            "retention: P1Y",
            "retention: {essential.service: P1Y, marketing: P6M}",
            "retention `essential.service: 1 year; marketing: 6 months` here, `1 year` there",
        ),
        ("user.contact.email", "user.contact", "category `user.contact` here, `user.contact.email` there"),
        ("[sendgrid]", "[sendgrid, mailchimp]", "shared_with `mailchimp`, `sendgrid` here, `sendgrid` there"),
        ("explicit_consent", "legal_claims", "special_condition `legal_claims` here, `explicit_consent` there"),
        ("    special_condition: explicit_consent\n", "", "special_condition (none) here, `explicit_consent` there"),
    ],
)
def test_ml205_reports_a_difference_in_each_declaration(tmp_path: Path, old: str, new: str, difference: str) -> None:
    found = check(tmp_path, {"a.yaml": definition("web"), "b.yaml": definition("app", old, new)})
    # Both definitions are reported, each naming the other: either file alone shows the conflict.
    assert places(found, "ML205") == [("a.yaml", 5, 3), ("b.yaml", 5, 3)]
    first, second = messages(found, "ML205")
    assert first.startswith("`traits.email` is also defined in b.yaml:5 (plan `app`), differently: ")
    assert second.startswith("`traits.email` is also defined in a.yaml:5 (plan `web`), differently: ")
    assert difference in second
    assert [f.target for f in found if f.rule == "ML205"] == ["traits.email", "traits.email"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", ""),
        ("[essential.service, marketing]", "[marketing, essential.service]"),
        ("[sendgrid]", "sendgrid"),
        ("basis: contract", "basis: {essential.service: contract, marketing: contract}"),
        ("retention: P1Y", "retention: 1 year"),
        ("retention: P1Y", "retention: {essential.service: P12M, marketing: 1 year}"),  # per purpose, the same
        ("retention: P1Y", "retention: {essential: P1Y, marketing: P1Y, analytics: P5Y}"),  # `analytics` is unused
    ],
)
def test_ml205_is_silent_for_definitions_that_declare_the_same_thing(tmp_path: Path, old: str, new: str) -> None:
    found = check(tmp_path, {"a.yaml": definition("web"), "b.yaml": definition("app", old, new)})
    assert places(found, "ML205") == []


def test_ml205_reports_every_definition_against_the_first_that_disagrees_in_path_order(tmp_path: Path) -> None:
    files = {
        "z.yaml": definition("web", "P1Y", "P3Y"),
        "m.yaml": definition("mobile", "P1Y", "P2Y"),
        "a.yaml": definition("app"),
    }
    found = check(tmp_path, files)
    assert places(found, "ML205") == [("a.yaml", 5, 3), ("m.yaml", 5, 3), ("z.yaml", 5, 3)]
    first, *others = messages(found, "ML205")
    assert "also defined in m.yaml:5 (plan `mobile`)" in first
    assert all("also defined in a.yaml:5 (plan `app`)" in message for message in others)


def test_ml205_applies_to_one_plan_split_over_two_files(tmp_path: Path) -> None:
    extra = "\n      loyalty_tier: {category: none, purpose: marketing, basis: consent, retention: P1Y}\n"
    files = {
        "b.yaml": definition("web", "P1Y", "P2Y").rstrip("\n") + extra,
        "a.yaml": definition("web"),
        "campaign.yaml": campaign("web:traits.loyalty_tier", purpose="marketing"),
    }
    found = check(tmp_path, files)
    assert places(found, "ML205") == [("a.yaml", 5, 3), ("b.yaml", 5, 3)]
    assert messages(found, "ML205")[1] == (
        "`traits.email` is also defined in a.yaml:5 (plan `web`), differently: retention `2 years` here, `1 year` there"
    )
    assert places(found, "ML201") == []


# --- known defects -----------------------------------------------------------------------------------


def test_ml205_equal_durations_written_differently_do_not_conflict(tmp_path: Path) -> None:
    found = check(tmp_path, {"a.yaml": definition("web"), "b.yaml": definition("app", "P1Y", "P12M")})
    assert places(found, "ML205") == []


def test_a_reference_one_plan_split_over_files_defines_twice_resolves_to_that_plan(tmp_path: Path) -> None:
    # One plan is one plan, however many files it spans: the reference resolves (with or without
    # the prefix); if the two definitions disagreed, ML205 would say so.
    files = {
        "a.yaml": definition("web"),
        "b.yaml": definition("web"),
        "campaign.yaml": campaign("web:traits.email, traits.email", purpose="marketing"),
    }
    found = check(tmp_path, files)
    assert places(found, "ML201") == []
    assert places(found, "ML205") == []


def test_a_campaign_declaration_shared_with_its_collected_fields_is_reported_once(tmp_path: Path) -> None:
    text = """\
        minlint: 1
        kind: campaign
        name: spring
        purpose: marketing.communications.email
        basis: legit
        retention: forever
        collects:
          sms_opt_in: {type: boolean, category: none}
        """
    found = check(tmp_path, {"campaign.yaml": text})
    assert places(found, "ML005") == [("campaign.yaml", 5, 8)]
    assert places(found, "ML007") == [("campaign.yaml", 6, 12)]
