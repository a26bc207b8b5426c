"""``build_runbook``: identifiers, stores, recipients and gaps, from the storefront and small projects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minlint.dsr.markdown import render_markdown
from minlint.dsr.model import Gap, Identifier, IdentifierUse, RecipientStep, Runbook, SubjectKey
from minlint.dsr.text import NOTHING_HELD
from tests.dsr import CAMPAIGN, PLAN, REGISTRY, gap_places, gaps_of, project_runbook, runbook_of, store

STOREFRONT = "examples/storefront"


@pytest.fixture(scope="module")
def storefront() -> Runbook:
    """The runbook of examples/storefront: two plans, two campaigns, a registry, no gaps."""
    return runbook_of(STOREFRONT)


# -- storefront: a clean project -----------------------------------------------------------------
def test_storefront_asks_for_email_cookie_id_and_device_id_in_category_order(storefront: Runbook) -> None:
    assert storefront.identifiers == (
        Identifier("user.contact.email", "User Contact Email", (IdentifierUse("storefront-web", "traits.email"),)),
        Identifier("user.device.cookie_id", "Cookie ID", (IdentifierUse("storefront-web", "context.anonymous_id"),)),
        Identifier("user.device.device_id", "Device ID", (IdentifierUse("storefront-app", "context.device_id"),)),
    )
    assert storefront.generated_from == "storefront"


def test_storefront_stores_are_both_plans_with_exactly_their_personal_fields(storefront: Runbook) -> None:
    assert [(item.name, item.kind, item.file, item.line) for item in storefront.stores] == [
        ("storefront-app", "tracking-plan", "examples/storefront/app-plan.yaml", 4),  # at the plan's name
        ("storefront-web", "tracking-plan", "examples/storefront/web-plan.yaml", 4),
    ]
    app = store(storefront, "storefront-app")
    assert [field.ref for field in app.fields] == ["context.device_id", "traits.push_token"]
    assert app.subject_ids == (SubjectKey("context.device_id", "user.device.device_id", "Device ID"),)
    web = store(storefront, "storefront-web")
    assert [field.ref for field in web.fields] == [
        "context.ip_address",
        "context.anonymous_id",
        "traits.email",
        "traits.first_name",
        "Order Completed.shipping_address",
        "Order Completed.shipping_address.street",
        "Order Completed.shipping_address.postal_code",
        "Order Completed.shipping_address.city",
        "Order Completed.shipping_address.country",
    ]
    assert [key.ref for key in web.subject_ids] == ["traits.email", "context.anonymous_id"]  # as declared


def test_a_held_field_says_where_it_is_defined_what_it_is_and_how_long_it_is_kept(storefront: Runbook) -> None:
    email = next(field for field in store(storefront, "storefront-web").fields if field.ref == "traits.email")
    assert (email.file, email.line) == ("examples/storefront/web-plan.yaml", 26)
    assert (email.category, email.category_name, email.special) == ("user.contact.email", "User Contact Email", False)
    assert email.retention == "30 days after account closure"
    assert email.purposes == ("essential.service", "marketing.communications.email")
    assert email.recipients == ("mailchimp",)


def test_storefront_campaigns_collect_no_personal_data_so_they_are_not_stores(storefront: Runbook) -> None:
    assert {item.kind for item in storefront.stores} == {"tracking-plan"}
    assert not any(item.name in ("cart-reminder", "spring-winback") for item in storefront.stores)


def test_storefront_recipients_say_how_they_erase_and_export_and_what_they_receive(storefront: Runbook) -> None:
    assert storefront.recipients == (
        RecipientStep(
            name="firebase",
            declared=True,
            description="Delivers push notifications to the app.",
            role="processor",
            cpra_role="service_provider",
            country="US",
            erasure="api",
            export="manual",
            file="examples/storefront/recipients.yaml",
            line=17,
            receives=("storefront-app:traits.push_token",),
        ),
        RecipientStep(
            name="mailchimp",
            declared=True,
            description="Sends the newsletter and win-back emails.",
            role="processor",
            cpra_role="service_provider",
            country="US",
            erasure="api",
            export="api",
            file="examples/storefront/recipients.yaml",
            line=9,
            receives=("storefront-web:traits.email", "storefront-web:traits.first_name"),
        ),
    )
    assert store(storefront, "storefront-app").recipients == ("firebase",)
    assert store(storefront, "storefront-web").recipients == ("mailchimp",)


def test_storefront_has_no_gaps(storefront: Runbook) -> None:
    assert storefront.gaps == ()


def test_non_personal_fields_are_never_listed(storefront: Runbook) -> None:
    listed = [field for item in storefront.stores for field in item.fields]
    assert all(field.category not in ("", "none") for field in listed)
    refs = {field.ref for field in listed}
    # Declared `category: none` (item_count is even shared with firebase, by a campaign that uses it).
    assert not refs & {"context.app_version", "Cart Updated.item_count", "Product Viewed.price"}
    receives = {ref for step in storefront.recipients for ref in step.receives}
    assert "storefront-app:Cart Updated.item_count" not in receives


def test_the_runbook_is_deterministic(storefront: Runbook) -> None:
    assert runbook_of(STOREFRONT) == storefront


def test_a_named_file_makes_a_runbook_of_that_file_only() -> None:
    runbook = runbook_of(f"{STOREFRONT}/web-plan.yaml")
    assert [item.name for item in runbook.stores] == ["storefront-web"]
    assert [step.name for step in runbook.recipients] == ["mailchimp"]
    assert runbook.generated_from == "web-plan.yaml"


# -- subject identifiers ---------------------------------------------------------------------------
def test_a_plan_holding_personal_data_without_subject_id_is_a_gap_at_its_name_line(tmp_path: Path) -> None:
    runbook = project_runbook(
        tmp_path, {"plan.yaml": PLAN.replace("subject_id: traits.email\n", ""), "recipients.yaml": REGISTRY}
    )
    assert runbook.gaps == (
        Gap(
            "no-subject-id",
            "`web` holds personal data (2 fields) but declares no `subject_id`: nobody can tell which field finds "
            "a person's records there; declare it on the plan",
            "plan.yaml",
            4,  # `name: web`, not the document's first line
        ),
    )
    web = store(runbook, "web")
    assert web.subject_ids == ()
    assert [field.ref for field in web.fields] == ["traits.email", "traits.first_name"]
    assert runbook.identifiers == ()


def test_a_campaign_collecting_personal_data_without_subject_id_is_asked_to_declare_it_on_the_campaign(
    tmp_path: Path,
) -> None:
    campaign = CAMPAIGN.replace("subject_id: web:traits.email\n", "")
    runbook = project_runbook(tmp_path, {"plan.yaml": PLAN, "campaign.yaml": campaign, "recipients.yaml": REGISTRY})
    (gap,) = runbook.gaps
    assert (gap.kind, gap.file, gap.line) == ("no-subject-id", "campaign.yaml", 3)
    assert gap.message.startswith("`promo` holds personal data (1 field) but declares no `subject_id`")
    assert gap.message.endswith("declare it on the campaign")


def test_a_subject_id_naming_no_field_is_an_unknown_subject_id_gap(tmp_path: Path) -> None:
    plan = PLAN.replace("subject_id: traits.email", "subject_id: [traits.emial, traits.first_name]")
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": REGISTRY})
    assert runbook.gaps == (
        Gap(
            "unknown-subject-id",
            "`web` names `traits.emial` as its subject identifier, but has no such field: its records cannot be "
            "found by it",
            "plan.yaml",
            5,  # the `subject_id` line, where ML310 points too
        ),
    )
    # The other identifier still finds the records.
    assert store(runbook, "web").subject_ids == (SubjectKey("traits.first_name", "user.name.first", "First Name"),)
    assert [identifier.category for identifier in runbook.identifiers] == ["user.name.first"]


@pytest.mark.parametrize(
    ("uses", "subject_id"),
    [("web:traits.email", "web:traits.email"), ("traits.email", "traits.email")],
    ids=["plan-qualified", "unqualified"],
)
def test_a_campaign_may_find_records_by_a_plan_field_it_uses(tmp_path: Path, uses: str, subject_id: str) -> None:
    campaign = CAMPAIGN.replace("[web:traits.email,", f"[{uses},").replace(
        "subject_id: web:traits.email", f"subject_id: {subject_id}"
    )
    runbook = project_runbook(tmp_path, {"plan.yaml": PLAN, "campaign.yaml": campaign, "recipients.yaml": REGISTRY})
    promo = store(runbook, "promo", "campaign")
    assert (promo.file, promo.line) == ("campaign.yaml", 3)
    assert [field.ref for field in promo.fields] == ["collects.phone"]  # only what it collects itself
    # The identifier gets the plan field's category, though the campaign holds no such field.
    assert promo.subject_ids == (SubjectKey(subject_id, "user.contact.email", "User Contact Email"),)
    assert runbook.identifiers == (
        Identifier(
            "user.contact.email",
            "User Contact Email",
            (IdentifierUse("promo", subject_id), IdentifierUse("web", "traits.email")),  # stores in path order
        ),
    )
    assert runbook.gaps == ()


def test_a_campaign_may_find_records_by_a_field_it_collects(tmp_path: Path) -> None:
    campaign = CAMPAIGN.replace("subject_id: web:traits.email", "subject_id: collects.phone")
    runbook = project_runbook(tmp_path, {"plan.yaml": PLAN, "campaign.yaml": campaign, "recipients.yaml": REGISTRY})
    assert store(runbook, "promo").subject_ids == (
        SubjectKey("collects.phone", "user.contact.phone_number", "User Contact Phone Number"),
    )
    assert [identifier.category for identifier in runbook.identifiers] == [
        "user.contact.email",
        "user.contact.phone_number",
    ]
    assert runbook.gaps == ()


def test_an_identifier_of_no_category_is_asked_for_last(tmp_path: Path) -> None:
    plan = PLAN.replace("subject_id: traits.email", "subject_id: [traits.legacy_id, traits.account, traits.email]")
    plan = plan.replace(
        "traits:\n", "traits:\n  account: {type: string, category: user.unique_id}\n  legacy_id: {type: string}\n"
    )
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": REGISTRY})
    assert [(identifier.category, identifier.name) for identifier in runbook.identifiers] == [
        ("user.contact.email", "User Contact Email"),
        ("user.unique_id", "Unique ID"),
        ("(no category)", ""),
    ]


def test_a_plan_in_another_format_takes_its_subject_id_from_its_declarations_file(tmp_path: Path) -> None:
    segment = {
        "name": "Shop",
        "rules": [
            {
                "key": "identify",
                "type": "IDENTIFY",
                "jsonSchema": {"properties": {"traits": {"properties": {"email": {"type": "string"}}}}},
            }
        ],
    }
    declarations = """\
minlint: 1
kind: declarations
plan: Shop
subject_id: traits.email
defaults: {purpose: essential.service, basis: contract, retention: P1Y}
traits:
  email: {category: user.contact.email, shared_with: [crm]}
"""
    runbook = project_runbook(
        tmp_path,
        {"plan.json": json.dumps(segment), "shop.declarations.yaml": declarations, "recipients.yaml": REGISTRY},
    )
    shop = store(runbook, "Shop")
    assert (shop.kind, shop.file) == ("tracking-plan", "plan.json")
    assert shop.subject_ids == (SubjectKey("traits.email", "user.contact.email", "User Contact Email"),)
    assert [step.receives for step in runbook.recipients] == [("Shop:traits.email",)]
    assert runbook.gaps == ()


def test_a_subject_id_naming_a_field_declared_not_personal_is_a_gap(tmp_path: Path) -> None:
    plan = PLAN.replace("subject_id: traits.email", "subject_id: [traits.email, traits.plan_tier]")
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": REGISTRY})
    assert [(gap.kind, gap.line) for gap in runbook.gaps] == [("not-personal-subject-id", 5)]  # at the entry
    assert "`traits.plan_tier`, declared not personal" in runbook.gaps[0].message


def test_a_campaign_cannot_find_records_by_a_plan_field_it_does_not_use(tmp_path: Path) -> None:
    campaign = CAMPAIGN.replace("subject_id: web:traits.email", "subject_id: web:traits.first_name")
    runbook = project_runbook(tmp_path, {"plan.yaml": PLAN, "campaign.yaml": campaign, "recipients.yaml": REGISTRY})
    assert [gap.kind for gap in runbook.gaps] == ["unknown-subject-id"]


def test_a_campaign_named_like_a_plan_holds_only_what_it_collects(tmp_path: Path) -> None:
    campaign = CAMPAIGN.replace("name: promo", "name: web").replace(
        "subject_id: web:traits.email", "subject_id: collects.phone"
    )
    runbook = project_runbook(tmp_path, {"plan.yaml": PLAN, "campaign.yaml": campaign, "recipients.yaml": REGISTRY})
    assert [field.ref for field in store(runbook, "web", "campaign").fields] == ["collects.phone"]
    assert [field.ref for field in store(runbook, "web", "tracking-plan").fields] == [
        "traits.email",
        "traits.first_name",
    ]


# -- recipients ------------------------------------------------------------------------------------
def test_a_recipient_not_in_the_registry_is_an_undeclared_step_and_a_gap(tmp_path: Path) -> None:
    plan = PLAN.replace("shared_with: [crm]}", "shared_with: [crm, braze]}")
    campaign = CAMPAIGN.replace("recipients: [crm]", "recipients: [crm, braze]")
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "campaign.yaml": campaign, "recipients.yaml": REGISTRY})
    braze = next(step for step in runbook.recipients if step.name == "braze")
    assert braze == RecipientStep(
        "braze", False, "", "", "", "", "", "", "", 0, ("promo:collects.phone", "web:traits.email")
    )
    (gap,) = gaps_of(runbook, "undeclared-recipient")
    assert gap == Gap(
        "undeclared-recipient",
        "`braze` receives personal data (`promo:collects.phone`, `web:traits.email`) but the recipients registry "
        "does not say how it erases or exports a person's data",
        "campaign.yaml",
        11,  # where it is first sent data: the field the campaign collects
    )


def test_an_undeclared_recipient_gap_names_three_fields_and_says_there_are_more(tmp_path: Path) -> None:
    plan = PLAN.replace("shared_with: [crm]}", "shared_with: [braze]}").replace(
        "category: user.name.first}", "category: user.name.first, shared_with: [braze]}"
    )
    plan += "      referrer: {type: string, category: user.device.ip_address, shared_with: [braze]}\n"
    campaign = CAMPAIGN.replace("recipients: [crm]", "recipients: [braze]")
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "campaign.yaml": campaign, "recipients.yaml": REGISTRY})
    (gap,) = gaps_of(runbook, "undeclared-recipient")
    assert gap.message.startswith(
        "`braze` receives personal data (`promo:collects.phone`, `web:traits.email`, `web:traits.first_name` …) "
    )
    assert len(runbook.recipients[0].receives) == 4


def test_erasure_none_and_missing_export_are_gaps_at_the_registry_line(tmp_path: Path) -> None:
    plan = PLAN.replace("shared_with: [crm]}", "shared_with: [crm, vault, sheets]}")
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": REGISTRY})
    assert gap_places(runbook) == [
        ("no-erasure", "recipients.yaml", 11),  # vault
        ("no-export", "recipients.yaml", 12),  # sheets
    ]
    erasure, export = runbook.gaps
    assert erasure.message == (
        "`vault` cannot erase a person's data: an erasure request cannot be passed on to it "
        "(GDPR Art. 19, 28(3)(e); CPRA §1798.105(c))"
    )
    assert export.message == (
        "`sheets` does not say how it exports a person's data: access and portability requests (Art. 15, 20) "
        "cannot cover what it holds; agree and declare `export:`"
    )
    steps = {step.name: step for step in runbook.recipients}
    assert [(name, steps[name].erasure, steps[name].export) for name in steps] == [
        ("crm", "api", "manual"),
        ("sheets", "manual", ""),
        ("vault", "none", "manual"),
    ]
    assert (steps["crm"].role, steps["crm"].cpra_role, steps["crm"].country) == ("processor", "service_provider", "DE")
    assert steps["crm"].description == "The customer database."


def test_a_recipient_declaring_no_erasure_is_a_gap(tmp_path: Path) -> None:
    registry = REGISTRY.replace("    erasure: api\n", "")  # crm: the schema requires it; the runbook says so too
    runbook = project_runbook(tmp_path, {"plan.yaml": PLAN, "recipients.yaml": registry})
    assert gap_places(runbook) == [("no-erasure", "recipients.yaml", 4)]
    assert runbook.gaps[0].message.startswith("`crm` does not say how it erases a person's data: ")


def test_a_recipient_that_cannot_export_is_a_gap(tmp_path: Path) -> None:
    registry = REGISTRY.replace("export: manual\n", "export: none\n", 1)  # crm
    runbook = project_runbook(tmp_path, {"plan.yaml": PLAN, "recipients.yaml": registry})
    assert gap_places(runbook) == [("no-export", "recipients.yaml", 4)]


def test_a_recipient_of_non_personal_data_only_is_no_step(tmp_path: Path) -> None:
    # `sheets` receives `traits.plan_tier`, declared `category: none`: nothing of a person to erase there.
    runbook = project_runbook(tmp_path, {"plan.yaml": PLAN, "recipients.yaml": REGISTRY})
    assert [step.name for step in runbook.recipients] == ["crm"]
    assert runbook.gaps == ()  # sheets' missing export does not matter


def test_a_field_shared_through_a_campaign_shows_the_campaigns_recipient(tmp_path: Path) -> None:
    plan = PLAN.replace(", shared_with: [crm]}", "}")  # the field itself shares with nobody
    campaign = CAMPAIGN.replace("recipients: [crm]", "recipients: [braze]").replace(
        "collects:\n  phone: {type: string, category: user.contact.phone_number, retention: P1Y}\n", ""
    )
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "campaign.yaml": campaign, "recipients.yaml": REGISTRY})
    web = store(runbook, "web")
    email = next(field for field in web.fields if field.ref == "traits.email")
    assert email.recipients == ("braze",)
    assert web.recipients == ("braze",)
    assert [(step.name, step.receives) for step in runbook.recipients] == [("braze", ("web:traits.email",))]
    assert [item.name for item in runbook.stores] == ["web"]  # a campaign collecting nothing holds nothing


# -- nothing personal ------------------------------------------------------------------------------
def test_a_project_without_personal_data_has_no_stores_and_nothing_to_look_up(tmp_path: Path) -> None:
    plan = PLAN.replace("category: user.contact.email", "category: none").replace(
        "category: user.name.first", "category: none"
    )
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": REGISTRY})
    assert (runbook.identifiers, runbook.stores, runbook.recipients, runbook.gaps) == ((), (), (), ())
    document = render_markdown(runbook)
    assert document.endswith(f"\n{NOTHING_HELD}\n")
    assert (
        NOTHING_HELD == "No tracking plan or campaign of these specs holds personal data: there is nothing to look up."
    )
    assert "## " not in document  # no empty sections


def test_a_project_with_no_specs_has_an_empty_runbook(tmp_path: Path) -> None:
    runbook = project_runbook(tmp_path, {"notes.yaml": "just: yaml\n"})
    assert (runbook.identifiers, runbook.stores, runbook.recipients, runbook.gaps) == ((), (), (), ())
    assert runbook.generated_from == tmp_path.name


# -- the violations example ------------------------------------------------------------------------
def test_violations_gaps_are_listed_by_file_and_line() -> None:
    runbook = runbook_of("examples/violations")
    assert gap_places(runbook) == [
        ("uncategorised", "examples/violations/campaign.yaml", 14),  # the newsletter's collected topics
        ("uncategorised", "examples/violations/fides-dataset.yaml", 8),  # the unclassified food preference
        ("no-subject-id", "examples/violations/plan.yaml", 6),
        ("uncategorised", "examples/violations/plan.yaml", 21),  # loyalty_tier and 9 more
        ("no-export", "examples/violations/recipients.yaml", 7),  # mailchimp, a processor
        ("no-erasure", "examples/violations/recipients.yaml", 8),  # backup-vault: `erasure: none`
        ("no-export", "examples/violations/recipients.yaml", 8),
        # data-broker is a controller (and a CPRA third party): it answers access requests itself
        ("uncategorised", "examples/violations/sensitive.yaml", 17),  # contact_phone, which ML101 flags
    ]
    assert runbook.gaps[-1].message == (
        "`violations-app` has a field with no data category (`traits.contact_phone`): if it holds personal data, "
        "it is missing from this runbook"
    )
    # Stores in path order; the newsletter campaign is one for its uncategorised collected field.
    assert [item.name for item in runbook.stores] == [
        "violations-newsletter",
        "violations-contract",
        "violations-fides",
        "violations-web",
        "violations-app",
    ]
    special = [field.ref for field in store(runbook, "violations-app").fields if field.special]
    assert special == ["traits.religion", "traits.blood_type"]


def test_a_controller_answers_its_own_access_requests_so_its_missing_export_is_no_gap(tmp_path: Path) -> None:
    registry = REGISTRY.replace("sheets: {role: processor,", "sheets: {role: controller,")
    plan = PLAN.replace("shared_with: [crm]}", "shared_with: [crm, sheets]}")
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": registry})
    assert runbook.gaps == ()
    assert [step.name for step in runbook.recipients] == ["crm", "sheets"]


def test_a_subject_id_declared_in_another_file_of_a_split_plan_counts_for_the_whole_plan(tmp_path: Path) -> None:
    first = PLAN.replace("subject_id: traits.email\n", "")
    second = "minlint: 1\nkind: tracking-plan\nname: web\nsubject_id: traits.email\n"
    runbook = project_runbook(tmp_path, {"a.yaml": first, "b.yaml": second, "recipients.yaml": REGISTRY})
    assert [key.ref for key in store(runbook, "web").subject_ids] == ["traits.email"]
    assert runbook.gaps == ()


def test_a_non_personal_subject_id_is_not_an_identifier_to_ask_for(tmp_path: Path) -> None:
    plan = PLAN.replace("subject_id: traits.email", "subject_id: [traits.plan_tier, traits.plan_tier]")
    runbook = project_runbook(tmp_path, {"plan.yaml": plan, "recipients.yaml": REGISTRY})
    assert runbook.identifiers == ()
    assert [gap.kind for gap in runbook.gaps] == ["not-personal-subject-id"]  # once, though written twice
    assert "## Identifiers to ask for\n\nNone declared: see the gaps.\n" in render_markdown(runbook)
