"""``build_inventory``: one row per collected field, the Art. 30 view per purpose, findings beside their fields."""

from __future__ import annotations

import pytest

from minlint.commands.inventory import collect_inventory
from minlint.inventory.model import Inventory
from minlint.run.request import Request
from tests.conftest import REPO, WriteProject
from tests.inventory.conftest import inventory_of, row

REGISTRY = """\
minlint: 1
kind: purposes
purposes:
  marketing:
    description: Everything marketing does, approved by the DPO.
    bases: [consent]
    max_retention: P1Y
"""
PLAN = """\
minlint: 1
kind: tracking-plan
name: web
defaults: {basis: consent, retention: P6M}
traits:
  email: {type: string, category: user.contact.email, purpose: marketing.loyalty_club}
  plan_tier: {type: string, category: none, purpose: analytics.reporting, basis: legitimate_interests}
"""


# -- storefront: a clean project ----------------------------------------------------------------
def test_one_row_per_plan_field_and_campaign_collected_field_in_file_order(storefront: Inventory) -> None:
    assert len(storefront.rows) == 24
    assert [(item.file, item.line) for item in storefront.rows] == sorted(
        (item.file, item.line) for item in storefront.rows
    )
    collected = [item for item in storefront.rows if item.collected_by]
    assert [(item.ref, item.collected_by, item.campaigns) for item in collected] == [
        ("collects.reminder_opened", "cart-reminder", ("cart-reminder",)),
        ("collects.winback_offer_code", "spring-winback", ("spring-winback",)),
    ]
    assert storefront.generated_from == "storefront"  # the project, named by its root folder


def test_a_row_says_where_what_why_on_what_basis_how_long_and_who_receives_it(storefront: Inventory) -> None:
    email = row(storefront, "storefront-web:traits.email")
    assert email.where == "examples/storefront/web-plan.yaml:26"
    assert (email.section, email.category, email.category_name) == (
        "traits",
        "user.contact.email",
        "User Contact Email",
    )
    assert (email.personal, email.special, email.regime) == (True, False, "")
    assert [purpose.id for purpose in email.purposes] == ["essential.service", "marketing.communications.email"]
    assert email.purposes[1].description == "Promotional email to customers who opted in."  # the registry's words
    assert email.basis == "essential.service: contract; marketing.communications.email: consent"
    assert (email.retention, email.retention_days) == ("30 days after account closure", 30.0)
    assert email.recipients == ("mailchimp",)
    assert email.campaigns == ("spring-winback",)
    assert email.findings == ()


def test_one_basis_for_every_purpose_reads_as_that_basis(storefront: Inventory) -> None:
    ip = row(storefront, "storefront-web:context.ip_address")
    assert ip.basis == "legitimate interests"
    assert ip.retention == "30 days"
    assert ip.description == "Client IP address, used only by the fraud screening service."


def test_campaigns_using_a_field_are_resolved_and_their_recipients_receive_it(storefront: Inventory) -> None:
    item_count = row(storefront, "storefront-app:Cart Updated.item_count")
    assert item_count.campaigns == ("cart-reminder",)
    assert item_count.recipients == ("firebase",)
    revenue = row(storefront, "storefront-web:Order Completed.revenue")  # used as `storefront-web:Order …`
    assert revenue.campaigns == ("spring-winback",)
    assert row(storefront, "storefront-web:Product Viewed.price").campaigns == ()
    # A campaign's recipients receive what it collects, even when the field shares it with nobody.
    opened = row(storefront, "cart-reminder:collects.reminder_opened")
    assert (opened.shared_with, opened.recipients) == ((), ("firebase",))


def test_personal_and_not_personal_fields(storefront: Inventory) -> None:
    assert row(storefront, "storefront-web:Order Completed.shipping_address.city").personal is True
    price = row(storefront, "storefront-web:Product Viewed.price")
    assert (price.personal, price.category, price.category_name) == (False, "none", "Not personal data")
    counts = storefront.summary
    assert (counts.fields, counts.personal, counts.special, counts.uncategorised) == (24, 11, 0, 0)
    assert (counts.purposes, counts.campaigns, counts.plans, counts.findings) == (6, 2, 2, 0)


def test_a_retention_per_purpose_is_shown_per_purpose_and_counted_in_each_purpose_view(storefront: Inventory) -> None:
    order = row(storefront, "storefront-web:Order Completed.order_id")
    assert order.retention == "analytics.reporting: 13 months; essential.legal_obligation: 10 years"
    assert order.retention_days == pytest.approx(3652.425)  # the longest: kept until the last purpose ends
    assert [(purpose, text) for purpose, text, _ in order.purpose_retention] == [
        ("analytics.reporting", "13 months"),
        ("essential.legal_obligation", "10 years"),
    ]
    views = {view.id: view for view in storefront.purposes}
    assert "10 years" not in views["analytics.reporting"].retention
    assert views["essential.legal_obligation"].retention == ("10 years",)


def test_art30_view_groups_categories_bases_retention_and_recipients_by_purpose(storefront: Inventory) -> None:
    views = {view.id: view for view in storefront.purposes}
    assert list(views) == sorted(views)
    email = views["marketing.communications.email"]
    assert email.description == "Promotional email to customers who opted in."
    assert email.name == "Marketing Email Communications"  # Fides's name for the id
    assert [category.key for category in email.categories] == ["user.contact.email", "user.name.first"]
    assert email.bases == ("consent",)
    assert email.retention == ("2 years", "6 months", "30 days after account closure")  # longest first
    assert email.max_retention == "2 years"
    assert email.recipients == ("mailchimp",)
    assert email.campaigns == ("spring-winback",)
    assert (email.fields, email.personal_fields) == (4, 2)
    fraud = views["essential.fraud_detection"]
    assert [category.name for category in fraud.categories] == ["IP Address"]
    assert (fraud.recipients, fraud.campaigns, fraud.declared) == ((), (), True)


def test_campaign_views(storefront: Inventory) -> None:
    winback = next(view for view in storefront.campaigns if view.name == "spring-winback")
    assert winback.uses == (
        "storefront-web:traits.email",
        "storefront-web:traits.first_name",
        "storefront-web:Order Completed.revenue",
    )
    assert winback.collects == ("collects.winback_offer_code",)
    assert (winback.purposes, winback.basis, winback.recipients) == (
        ("marketing.communications.email",),
        "consent",
        ("mailchimp",),
    )


def test_the_inventory_is_deterministic(storefront: Inventory) -> None:
    assert inventory_of(REPO / "examples" / "storefront") == storefront


def test_a_named_file_lists_only_its_fields_but_campaigns_elsewhere_still_count(write_project: WriteProject) -> None:
    storefront = REPO / "examples" / "storefront"
    folder = write_project(
        {
            ".minlint.yaml": "",  # the project root: the named file's context is the whole project
            "plans/web.yaml": (storefront / "web-plan.yaml").read_text(encoding="utf-8"),
            "plans/app.yaml": (storefront / "app-plan.yaml").read_text(encoding="utf-8"),
            "winback.yaml": (storefront / "campaigns" / "spring-winback.yaml").read_text(encoding="utf-8"),
        }
    )
    inventory, problems = collect_inventory(Request(paths=("plans/web.yaml",)), folder)
    assert not problems
    assert {item.file for item in inventory.rows} == {"plans/web.yaml"}
    assert inventory.generated_from == "plans/web.yaml"
    assert row(inventory, "storefront-web:traits.email").campaigns == ("spring-winback",)
    assert [view.name for view in inventory.campaigns] == ["spring-winback"]


# -- descriptions: registry, Fides, nearest declared ancestor --------------------------------------
def test_descriptions_come_from_the_registry_else_fides_else_the_governing_ancestor(
    write_project: WriteProject,
) -> None:
    folder = write_project({"purposes.yaml": REGISTRY, "plan.yaml": PLAN})
    inventory, _ = collect_inventory(Request(paths=(".",)), folder)
    views = {view.id: view for view in inventory.purposes}
    club = views["marketing.loyalty_club"]  # neither in the registry nor in Fides: `marketing` governs it
    assert (club.description, club.declared, club.max_retention) == (
        "Everything marketing does, approved by the DPO.",
        True,
        "1 year",
    )
    reporting = views["analytics.reporting"]  # not in the registry: Fides describes it
    assert reporting.declared is False
    assert reporting.description.startswith("Provides analytics for general reporting")
    assert inventory.generated_from == folder.name


# -- violations: findings beside their fields ------------------------------------------------------
def _rules(inventory: Inventory, key: str) -> list[str]:
    return [finding.rule for finding in row(inventory, key).findings]


def test_findings_are_attached_to_the_fields_they_concern(violations: Inventory) -> None:
    # Ordered like findings (file, line): the campaign's ML203 comes from campaign.yaml.
    assert _rules(violations, "violations-web:traits.email") == ["ML203", "ML009", "ML205"]
    assert _rules(violations, "violations-web:Signed Up.plan") == ["ML001"]
    assert _rules(violations, "violations-web:traits.phone") == ["ML002"]
    assert _rules(violations, "violations-newsletter:collects.newsletter_topics") == ["ML003"]
    assert _rules(violations, "violations-app:traits.blood_type") == ["ML102", "ML303"]


def test_declaration_shape_and_campaign_findings_find_their_field(violations: Inventory) -> None:
    assert _rules(violations, "violations-web:traits.loyalty_tier") == ["ML007"]  # target `….retention`, line below
    assert _rules(violations, "violations-web:Page Viewed.referrer") == ["ML107", "ML005"]  # ML005 targets `….basis`
    assert _rules(violations, "violations-web:Signed Up.source") == ["ML902"]  # schema path `events.…type`
    assert _rules(violations, "violations-web:Page Viewed.path") == ["ML202"]  # the campaign's use of it
    finding = row(violations, "violations-web:Page Viewed.path").findings[0]
    assert (finding.file, finding.line, finding.severity) == ("examples/violations/campaign.yaml", 11, "error")


def test_findings_of_no_single_field_are_kept_apart(violations: Inventory) -> None:
    assert [(item.rule, item.file, item.line) for item in violations.other_findings] == [
        ("ML901", "examples/violations/broken.yaml", 7),
        ("ML302", "examples/violations/campaign.yaml", 7),  # about the campaign, not a field it uses
        ("ML308", "examples/violations/campaign.yaml", 7),
        ("ML201", "examples/violations/campaign.yaml", 10),
        ("ML310", "examples/violations/plan.yaml", 6),  # about the plan as a whole
        ("ML903", "examples/violations/plan.yaml", 50),
        ("ML305", "examples/violations/purposes.yaml", 8),  # about the registry entries
        ("ML306", "examples/violations/purposes.yaml", 9),
        ("ML301", "examples/violations/purposes.yaml", 13),
        ("ML908", "examples/violations/segment-declarations.yaml", 10),
    ]
    attached = sum(len(item.findings) for item in violations.rows)
    assert attached + len(violations.other_findings) == violations.summary.findings == 45


def test_findings_by_rule_and_special_category_counts(violations: Inventory) -> None:
    counts = {item.rule: item.count for item in violations.findings_by_rule}
    assert counts["ML205"] == 2
    assert sum(counts.values()) == 45
    blood = row(violations, "violations-app:traits.blood_type")
    assert (blood.special, blood.regime, blood.personal) == (True, "art9", True)
    assert violations.summary.special == 2
    assert next(view for view in violations.purposes if view.id == "essential.service").special is True


def test_unreadable_missing_and_undeclared_values(violations: Inventory) -> None:
    referral = row(violations, "violations-web:traits.referral_code")
    assert (referral.retention, referral.retention_days) == ("unreadable (30)", None)
    assert row(violations, "violations-web:traits.loyalty_tier").retention == "indefinitely"
    assert row(violations, "violations-web:traits.phone").basis == (
        "essential.service: contract; marketing.communications.email: (none)"
    )
    assert row(violations, "violations-web:Page Viewed.referrer").basis == "legit_interest"  # shown as written
    plan = row(violations, "violations-web:Signed Up.plan")
    assert (plan.purposes, plan.category, plan.personal) == ((), "", None)
    typo = next(view for view in violations.purposes if view.id == "analytics.reportng")
    assert (typo.declared, typo.description) == (False, "")
