"""``build_notice``: per purpose the personal data, the bases, recipients and retention; the rights; what to write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minlint.notice.html import render_html
from minlint.notice.markdown import render_markdown
from minlint.notice.model import Basis, DataItem, Kept, Notice, Recipient
from minlint.notice.words import (
    BASES,
    CPRA_TITLE,
    GDPR_TITLE,
    NO_DESCRIPTION,
    NO_SALE,
    NOTHING,
    OPT_OUT_LAW,
    TRANSFERS,
)
from tests.conftest import REPO
from tests.inventory.test_html import Tree
from tests.notice import (
    PLAN,
    RECIPIENTS,
    REGISTRY,
    STOREFRONT,
    VIOLATIONS,
    notice_of,
    project_notice,
    purpose,
    right_laws,
)

WITHDRAW = "GDPR Art. 7(3)"
PORTABILITY = "GDPR Art. 20"


@pytest.fixture(scope="module")
def storefront() -> Notice:
    """The notice of examples/storefront: a clean project, configured for the GDPR and the CPRA."""
    return notice_of(STOREFRONT)


@pytest.fixture(scope="module")
def violations() -> Notice:
    """The notice of examples/violations: gaps to fill, special-category data, a third party."""
    return notice_of(VIOLATIONS)


# -- storefront: a clean project ----------------------------------------------------------------
def test_storefront_tells_exactly_its_five_personal_data_purposes_in_id_order(storefront: Notice) -> None:
    assert [(item.id, item.title) for item in storefront.purposes] == [
        ("analytics.reporting", "Analytics for Reporting"),  # Fides's name for the id
        ("essential.fraud_detection", "Essential Fraud Detection"),
        ("essential.service", "Essential for Service"),
        ("marketing.communications.email", "Marketing Email Communications"),
        ("marketing.communications.push", "Marketing communications push"),  # no Fides name: the id in words
    ]
    assert storefront.generated_from == "storefront"
    assert storefront.jurisdictions == ("gdpr", "cpra")  # from examples/storefront/.minlint.yaml


def test_a_purpose_serving_only_non_personal_fields_is_left_out(storefront: Notice) -> None:
    # essential.legal_obligation keeps only the order id (category: none) for the tax records.
    assert "essential.legal_obligation" not in [item.id for item in storefront.purposes]
    # ... and a purpose's non-personal fields (prices, cart ids) are not told either.
    names = {data.name for item in storefront.purposes for data in item.data}
    assert names == {"Contact address", "Contact email", "Cookie ID", "Device ID", "First name", "IP address"}


def test_the_descriptions_are_the_registrys_words(storefront: Notice) -> None:
    assert purpose(storefront, "essential.service").description == (
        "Delivering what the customer asked for — accounts, checkout, shipping, receipts."
    )
    assert purpose(storefront, "marketing.communications.push").description == (
        "Promotional push notifications to app users who opted in."
    )


def test_essential_service_data_collapses_the_address_parts_into_the_address(storefront: Notice) -> None:
    service = purpose(storefront, "essential.service")
    assert service.data == (
        DataItem("Contact address", "user.contact.address", False),  # street, postal code, city, country in it
        DataItem("Contact email", "user.contact.email", False),
        DataItem("First name", "user.name.first", False),
    )


def test_retention_is_told_per_period_shortest_first(storefront: Notice) -> None:
    assert purpose(storefront, "essential.service").kept == (
        Kept("30 days after account closure", ("Contact email", "First name")),
        Kept("6 years", ("Contact address",)),
    )
    assert purpose(storefront, "essential.fraud_detection").kept == (Kept("30 days", ("IP address",)),)
    (analytics,) = purpose(storefront, "analytics.reporting").kept
    assert analytics.period == "13 months"
    assert sorted(analytics.data) == ["Cookie ID", "Device ID"]
    assert purpose(storefront, "marketing.communications.push").kept == (
        Kept("30 days after consent withdrawal", ("Device ID",)),
    )


def test_the_bases_are_those_the_fields_use_in_plain_words(storefront: Notice) -> None:
    assert purpose(storefront, "essential.service").bases == (Basis("contract", *BASES["contract"]),)
    consent_text, withdraw = BASES["consent"]
    assert purpose(storefront, "marketing.communications.email").bases == (Basis("consent", consent_text, withdraw),)
    (fraud,) = purpose(storefront, "essential.fraud_detection").bases
    assert fraud.basis == "legitimate_interests"
    # The registry's `interest:`, as the rest of the sentence (GDPR Art. 13(1)(d)).
    assert fraud.text == (
        "Our legitimate interests (GDPR Art. 6(1)(f)): protecting customers and the shop from payment fraud "
        "and stolen accounts."
    )
    assert fraud.right == "You can object to this use, on grounds relating to your situation."
    # The registry allows consent for analytics too, but no field relies on it: only what is used is told.
    assert [item.basis for item in purpose(storefront, "analytics.reporting").bases] == ["legitimate_interests"]


def test_recipients_say_where_they_are_and_the_transfer_safeguard(storefront: Notice) -> None:
    mailchimp = Recipient(
        "mailchimp", "Sends the newsletter and win-back emails.", "the United States", TRANSFERS["adequacy"]
    )
    assert purpose(storefront, "marketing.communications.email").recipients == (mailchimp,)
    assert purpose(storefront, "marketing.communications.push").recipients == (
        Recipient("firebase", "Delivers push notifications to the app.", "the United States", TRANSFERS["sccs"]),
    )
    assert purpose(storefront, "essential.fraud_detection").recipients == ()
    assert TRANSFERS["adequacy"].endswith("(GDPR Art. 45)")


def test_storefront_rights_are_grouped_under_the_gdpr_and_californias_law(storefront: Notice) -> None:
    assert [group.title for group in storefront.rights] == [GDPR_TITLE, CPRA_TITLE]
    gdpr, cpra = right_laws(storefront)
    assert gdpr == [
        "GDPR Art. 15",
        "GDPR Art. 16",
        "GDPR Art. 17, 19",
        "GDPR Art. 18",
        PORTABILITY,  # consent and contract are used
        "GDPR Art. 21",
        WITHDRAW,  # consent is used
        "GDPR Art. 77",
    ]
    # Nothing goes to a CPRA third party: the statement that nothing is sold or shared, not the opt-out.
    assert NO_SALE in storefront.rights[1].rights
    assert OPT_OUT_LAW not in cpra
    assert cpra[0].startswith("Cal. Civ. Code §1798.100")


def test_storefront_has_nothing_left_to_write(storefront: Notice) -> None:
    assert storefront.todo == ()


def test_the_notice_is_deterministic(storefront: Notice) -> None:
    assert notice_of(STOREFRONT) == storefront


# -- jurisdictions ---------------------------------------------------------------------------------
def _storefront_copy(tmp_path: Path, jurisdictions: str) -> Path:
    folder = tmp_path / "storefront"
    shutil.copytree(REPO / STOREFRONT, folder, ignore=shutil.ignore_patterns(".minlint_cache"))
    config = folder / ".minlint.yaml"
    text = config.read_text(encoding="utf-8")
    assert "jurisdictions: [gdpr, cpra]" in text
    config.write_text(text.replace("jurisdictions: [gdpr, cpra]", f"jurisdictions: {jurisdictions}"), "utf-8")
    return folder


def test_with_only_the_gdpr_configured_there_is_one_rights_group(tmp_path: Path, storefront: Notice) -> None:
    notice = notice_of(".", cwd=_storefront_copy(tmp_path, "[gdpr]"))
    assert notice.jurisdictions == ("gdpr",)
    assert [group.title for group in notice.rights] == [GDPR_TITLE]
    assert notice.rights[0] == storefront.rights[0]
    assert notice.purposes == storefront.purposes


def test_with_only_the_cpra_configured_there_are_only_californian_rights(tmp_path: Path) -> None:
    notice = notice_of(".", cwd=_storefront_copy(tmp_path, "[cpra]"))
    assert [group.title for group in notice.rights] == [CPRA_TITLE]


def test_without_a_configuration_the_gdpr_applies(tmp_path: Path) -> None:
    notice = project_notice(tmp_path, {"purposes.yaml": REGISTRY, "recipients.yaml": RECIPIENTS, "plan.yaml": PLAN})
    assert notice.jurisdictions == ("gdpr",)
    assert [group.title for group in notice.rights] == [GDPR_TITLE]


# -- what must still be written ---------------------------------------------------------------------
UNWRITTEN_REGISTRY = """\
minlint: 1
kind: purposes
purposes:
  custom.helpdesk:
    bases: [legitimate_interests]
    max_retention: P2Y
"""


def test_a_purpose_without_description_interest_or_transfer_lands_in_todo_by_its_id(tmp_path: Path) -> None:
    plan = PLAN.replace("shared_with: [crm, desk]", "shared_with: [crm, desk, mailer]")
    notice = project_notice(
        tmp_path, {"purposes.yaml": UNWRITTEN_REGISTRY, "recipients.yaml": RECIPIENTS, "plan.yaml": plan}
    )
    assert notice.todo == (
        "`minlint check` reports 1 error in these specs: fix it first, or this notice may be wrong.",
        "Describe `custom.helpdesk` for customers (`description:` in the purposes registry).",
        "State the legitimate interest pursued for `custom.helpdesk` (`interest:`).",
        "Declare how data reaches `mailer` in Japan lawfully (`transfer:`).",
    )
    helpdesk = purpose(notice, "custom.helpdesk")
    assert helpdesk.description == ""  # not invented
    assert helpdesk.bases == (Basis("legitimate_interests", *BASES["legitimate_interests"]),)
    mailer = next(item for item in helpdesk.recipients if item.name == "mailer")
    assert (mailer.country, mailer.transfer) == ("Japan", "")
    crm = next(item for item in helpdesk.recipients if item.name == "crm")
    assert (crm.country, crm.transfer) == ("Germany", "")  # in the EEA: no safeguard needed, none asked for
    assert f"*{NO_DESCRIPTION}*" in render_markdown(notice)
    missing = Tree(render_html(notice)).root.find(lambda element: "missing" in element.classes())
    assert [element.all_text() for element in missing] == [NO_DESCRIPTION]


def test_a_purpose_with_no_basis_at_all_lands_in_todo(tmp_path: Path) -> None:
    plan = PLAN.replace("    basis: legitimate_interests\n    shared_with", "    shared_with")
    notice = project_notice(tmp_path, {"purposes.yaml": REGISTRY, "recipients.yaml": RECIPIENTS, "plan.yaml": plan})
    assert notice.todo == (
        "`minlint check` reports 1 error in these specs: fix it first, or this notice may be wrong.",  # ML002
        "Declare the legal basis of every field used for `custom.helpdesk`.",
    )
    assert purpose(notice, "custom.helpdesk").bases == ()
    assert "*No valid legal basis declared yet: see the list above.*" in render_markdown(notice)


def test_a_basis_that_is_not_one_of_the_six_lands_in_todo(tmp_path: Path) -> None:
    plan = PLAN.replace("basis: legitimate_interests\n    shared_with", "basis: legit_interest\n    shared_with")
    notice = project_notice(tmp_path, {"purposes.yaml": REGISTRY, "recipients.yaml": RECIPIENTS, "plan.yaml": plan})
    assert notice.todo == (
        "`minlint check` reports 1 error in these specs: fix it first, or this notice may be wrong.",  # ML005
        "Correct the legal basis `legit_interest` of `custom.helpdesk`: it is not one of the six of GDPR Art. 6(1).",
    )
    assert purpose(notice, "custom.helpdesk").bases == ()


def test_each_gap_is_listed_once(tmp_path: Path) -> None:
    # Two purposes send data to the same recipient without a transfer mechanism: one line in the list.
    plan = PLAN.replace(
        "    purpose: custom.helpdesk\n    basis: legitimate_interests\n    shared_with: [crm, desk]",
        "    purpose: [custom.helpdesk, marketing.communications.email]\n"
        "    basis: {custom.helpdesk: legitimate_interests, marketing.communications.email: consent}\n"
        "    shared_with: [mailer]",
    )
    notice = project_notice(tmp_path, {"purposes.yaml": REGISTRY, "recipients.yaml": RECIPIENTS, "plan.yaml": plan})
    assert [item.id for item in notice.purposes] == ["custom.helpdesk", "marketing.communications.email"]
    assert all(item.recipients[0].name == "mailer" for item in notice.purposes)
    assert notice.todo == (
        "`minlint check` reports 1 error in these specs: fix it first, or this notice may be wrong.",  # ML308
        "Declare how data reaches `mailer` in Japan lawfully (`transfer:`).",
    )


def test_violations_lists_what_its_registries_leave_unwritten(violations: Notice) -> None:
    assert {
        "State the legitimate interest pursued for `analytics.reporting` (`interest:`).",
        "State the legitimate interest pursued for `marketing.communications.email` (`interest:`).",
        "Declare how data reaches `mailchimp` in the United States lawfully (`transfer:`).",
    } <= set(violations.todo)


def test_a_registry_purpose_with_a_fides_id_and_no_description_is_not_described_by_fides(violations: Notice) -> None:
    service = purpose(violations, "essential.service")  # `essential.service: {bases: [contract], …}`
    assert service.description == ""
    assert "Describe `essential.service` for customers (`description:` in the purposes registry)." in violations.todo


# -- consent, contract and the GDPR rights they bring -------------------------------------------------
CONSENT_FIELD = """\
  newsletter_email:
    type: string
    category: user.contact.email
    purpose: marketing.communications.email
    basis: consent
"""


def test_withdrawal_of_consent_is_listed_only_when_a_purpose_relies_on_consent(tmp_path: Path) -> None:
    files = {"purposes.yaml": REGISTRY, "recipients.yaml": RECIPIENTS, "plan.yaml": PLAN}
    without = project_notice(tmp_path / "without", files)
    assert {basis.basis for item in without.purposes for basis in item.bases} == {"legitimate_interests"}
    (gdpr,) = right_laws(without)
    assert WITHDRAW not in gdpr
    assert PORTABILITY not in gdpr  # neither consent nor contract: no right to portability
    with_consent = project_notice(tmp_path / "with", {**files, "plan.yaml": PLAN + CONSENT_FIELD})
    (gdpr,) = right_laws(with_consent)
    assert WITHDRAW in gdpr and PORTABILITY in gdpr
    consent_text, withdraw = BASES["consent"]
    assert purpose(with_consent, "marketing.communications.email").bases == (Basis("consent", consent_text, withdraw),)


def test_contract_brings_portability_but_not_withdrawal(tmp_path: Path) -> None:
    plan = PLAN.replace("basis: legitimate_interests\n    shared_with", "basis: contract\n    shared_with")
    notice = project_notice(tmp_path, {"purposes.yaml": REGISTRY, "recipients.yaml": RECIPIENTS, "plan.yaml": plan})
    (gdpr,) = right_laws(notice)
    assert PORTABILITY in gdpr
    assert WITHDRAW not in gdpr


def test_consent_says_how_it_is_asked_for_when_the_registry_says(tmp_path: Path) -> None:
    registry = REGISTRY.replace(
        "record: crm.consent_events}", "record: crm.consent_events, description: with a box you tick at sign-up}"
    )
    assert registry != REGISTRY
    notice = project_notice(
        tmp_path, {"purposes.yaml": registry, "recipients.yaml": RECIPIENTS, "plan.yaml": PLAN + CONSENT_FIELD}
    )
    (basis,) = purpose(notice, "marketing.communications.email").bases
    assert basis.text == "Your consent (GDPR Art. 6(1)(a)), which we ask for with a box you tick at sign-up"


# -- no personal data, special categories, third parties -------------------------------------------
NOT_PERSONAL = """\
minlint: 1
kind: tracking-plan
name: web
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P6M}
traits:
  tier: {type: string, category: none}
events:
  Page Viewed:
    properties:
      path: {type: string, category: none}
"""


def test_a_project_with_no_personal_data_says_so_in_both_formats(tmp_path: Path) -> None:
    notice = project_notice(tmp_path, {"plan.yaml": NOT_PERSONAL})
    assert (notice.purposes, notice.todo) == ((), ())
    markdown = render_markdown(notice)
    assert NOTHING in markdown.splitlines()
    assert "## " not in markdown  # no purpose, and no rights to tell about data never collected
    tree = Tree(render_html(notice))
    assert NOTHING in [element.all_text() for element in tree.by_tag("p")]
    assert tree.by_tag("h2") == [] and tree.by_tag("section") == []


NO_PURPOSE = """\
minlint: 1
kind: tracking-plan
name: web
defaults: {basis: legitimate_interests, retention: P6M}
traits:
  tier: {type: string, category: none, purpose: analytics.reporting}
  email: {type: string, category: user.contact.email}
"""


def test_personal_data_without_a_purpose_is_not_told_as_no_personal_data(tmp_path: Path) -> None:
    notice = project_notice(tmp_path, {"plan.yaml": NO_PURPOSE})
    assert NOTHING not in render_markdown(notice)
    assert notice.todo


SPECIAL = """\
  health:
    type: string
    category: user.health_and_medical
    purpose: custom.helpdesk
    basis: legitimate_interests
    special_condition: explicit_consent
    protection: encrypted
"""


def test_special_category_data_is_flagged_and_told_first(tmp_path: Path, violations: Notice) -> None:
    notice = project_notice(
        tmp_path, {"purposes.yaml": REGISTRY, "recipients.yaml": RECIPIENTS, "plan.yaml": PLAN + SPECIAL}
    )
    assert [(item.name, item.special) for item in purpose(notice, "custom.helpdesk").data] == [
        ("Health and medical data", True),
        ("Contact email", False),
    ]
    assert "- **The data:** Health and medical data (special category), Contact email." in render_markdown(notice)
    strong = [element.all_text() for element in Tree(render_html(notice)).by_tag("strong")]
    assert "(special category)" in strong
    assert [item.name for item in purpose(violations, "essential.service").data if item.special] == [
        "Health and medical data"
    ]
    assert [item.name for item in purpose(violations, "marketing.communications.email").data if item.special] == [
        "Religion"
    ]


def test_data_going_to_a_cpra_third_party_brings_the_opt_out_instead_of_no_sale(violations: Notice) -> None:
    assert "data-broker" in [item.name for item in purpose(violations, "marketing.communications.email").recipients]
    cpra = next(group for group in violations.rights if group.title == CPRA_TITLE)
    assert OPT_OUT_LAW in [right.law for right in cpra.rights]
    assert NO_SALE not in cpra.rights


def test_a_recipient_missing_from_the_registry_is_named_without_invented_details(tmp_path: Path) -> None:
    plan = PLAN.replace("shared_with: [crm, desk]", "shared_with: [ghost]")
    notice = project_notice(tmp_path, {"purposes.yaml": REGISTRY, "recipients.yaml": RECIPIENTS, "plan.yaml": plan})
    assert purpose(notice, "custom.helpdesk").recipients == (Recipient("ghost", "", "", ""),)


ADDRESS_PLAN = """\
minlint: 1
kind: tracking-plan
name: web
subject_id: traits.email
defaults: {purpose: custom.helpdesk, basis: legitimate_interests, retention: P1Y}
traits:
  email: {type: string, category: user.contact.email}
events:
  Order Completed:
    properties:
      address:
        type: object
        category: user.contact.address
        properties:
          street: {type: string, category: user.contact.address.street, retention: P10Y}
          city: {type: string, category: user.contact.address.city}
"""


def test_a_collapsed_category_kept_longer_still_has_its_retention_told(tmp_path: Path) -> None:
    notice = project_notice(tmp_path, {"purposes.yaml": REGISTRY, "plan.yaml": ADDRESS_PLAN})
    helpdesk = purpose(notice, "custom.helpdesk")
    assert [item.name for item in helpdesk.data] == ["Contact address", "Contact email"]  # the collapse itself
    assert "10 years" in [item.period for item in helpdesk.kept]


# -- what the review of the first version found ---------------------------------------------------------
def _plan(body: str, extra: str = "") -> str:
    return (
        "minlint: 1\nkind: tracking-plan\nname: web\nsubject_id: traits.email\n"
        f"{extra}defaults: {{basis: consent, retention: P1Y}}\ntraits:\n{body}"
    )


CPRA_RECIPIENTS = """\
minlint: 1
kind: recipients
recipients:
  adnet: {role: controller, cpra_role: third_party, country: DE, erasure: api}
  crm: {role: processor, cpra_role: service_provider, country: DE, erasure: api, export: api}
  metaads: {role: controller, country: DE, erasure: api}
"""
EMAIL_TO = "  email: {type: string, category: user.contact.email, purpose: marketing.advertising, shared_with: [%s]}\n"


def _cpra_titles(notice: Notice) -> list[str]:
    return [right.title for right in notice.rights[-1].rights]


def test_no_sale_is_stated_only_when_every_recipient_is_declared_a_service_provider(tmp_path: Path) -> None:
    files = {"recipients.yaml": CPRA_RECIPIENTS, "plan.yaml": _plan(EMAIL_TO % "crm")}
    assert "No sale or sharing" in _cpra_titles(project_notice(tmp_path, files, ("gdpr", "cpra")))
    unknown = project_notice(tmp_path, {**files, "plan.yaml": _plan(EMAIL_TO % "crm, metaads")}, ("gdpr", "cpra"))
    titles = _cpra_titles(unknown)
    assert "No sale or sharing" not in titles and "Opt out of sale or sharing" not in titles
    assert any("Declare the CPRA role of `metaads`" in item for item in unknown.todo)


def test_global_privacy_control_is_named_only_when_the_plan_honours_it(tmp_path: Path) -> None:
    files = {"recipients.yaml": CPRA_RECIPIENTS, "plan.yaml": _plan(EMAIL_TO % "adnet")}
    plain = project_notice(tmp_path, files, ("cpra",))
    opt_out = next(right for right in plain.rights[0].rights if right.key == "opt_out")
    assert "Global Privacy Control" not in opt_out.text
    honoured = _plan(EMAIL_TO % "adnet", "opt_out: [do_not_sell_or_share_link, gpc]\n")
    gpc = project_notice(tmp_path, {**files, "plan.yaml": honoured}, ("cpra",))
    opt_out = next(right for right in gpc.rights[0].rights if right.key == "opt_out")
    assert opt_out.text.endswith("We honour Global Privacy Control as such a request.")


def test_the_right_to_limit_is_told_only_where_the_plans_offer_it(tmp_path: Path) -> None:
    files = {"recipients.yaml": CPRA_RECIPIENTS, "plan.yaml": _plan(EMAIL_TO % "crm")}
    assert "Limit sensitive personal information" not in _cpra_titles(project_notice(tmp_path, files, ("cpra",)))
    offered = {**files, "plan.yaml": _plan(EMAIL_TO % "crm", "right_to_limit: true\n")}
    assert "Limit sensitive personal information" in _cpra_titles(project_notice(tmp_path, offered, ("cpra",)))


def test_a_campaign_adds_its_purpose_basis_and_recipients_to_the_data_it_uses(tmp_path: Path) -> None:
    plan = _plan("  email: {type: string, category: user.contact.email, purpose: essential.service, basis: contract}\n")
    campaign = (
        "minlint: 1\nkind: campaign\nname: winback\npurpose: marketing.communications.email\nbasis: consent\n"
        "opt_out: [unsubscribe_link]\nrecipients: [crm]\nuses: [web:traits.email]\n"
    )
    notice = project_notice(tmp_path, {"recipients.yaml": CPRA_RECIPIENTS, "plan.yaml": plan, "c.yaml": campaign})
    email = purpose(notice, "marketing.communications.email")
    assert [basis.basis for basis in email.bases] == ["consent"]
    assert [item.name for item in email.recipients] == ["crm"]
    assert purpose(notice, "essential.service").recipients == ()  # the campaign's recipient is not the service's
    assert "GDPR Art. 7(3)" in right_laws(notice)[0]


def test_special_category_data_is_never_hidden_under_a_plain_broader_category(tmp_path: Path) -> None:
    body = (
        "  profile: {type: object, category: user, purpose: custom.helpdesk, basis: legitimate_interests,"
        " properties: {allergies: {type: string, category: user.health_and_medical, special_condition:"
        " explicit_consent}}}\n"
    )
    notice = project_notice(tmp_path, {"plan.yaml": _plan(body)})
    data = purpose(notice, "custom.helpdesk").data
    assert [(item.category, item.special) for item in data] == [("user.health_and_medical", True), ("user", False)]


def test_errors_and_uncategorised_fields_are_before_publishing_items(tmp_path: Path) -> None:
    body = "  email: {type: string, category: user.contact.email, purpose: custom.helpdesk}\n  phone: {type: string}\n"
    notice = project_notice(tmp_path, {"plan.yaml": _plan(body)})
    assert notice.todo[0].startswith("`minlint check` reports ")
    assert "`web:traits.phone` declares no data category: if it holds personal data, the notice cannot tell it." in (
        notice.todo
    )
