"""Consent you can point to, a way out of direct marketing, and protection (ML301-ML304), end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunMinlint, write_files
from tests.engine.support import check, check_plan, messages, places

REGISTRY = """\
    minlint: 1
    kind: purposes
    purposes:
      marketing: {bases: [consent, legitimate_interests], consent: {mechanism: cmp}}
      marketing.communications.email: {bases: [consent]}
      analytics.reporting: {bases: [legitimate_interests, consent]}
    """
EMAIL = "{purpose: marketing.communications.email, basis: consent, retention: P1Y, category: none}"


# --- ML301 consent-not-recorded -----------------------------------------------------------------------


def test_ml301_is_one_finding_at_the_registry_entry_naming_the_first_use(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          newsletter: {}
          offers: {}
        """,
        EMAIL,
        others={"purposes.yaml": REGISTRY},
    )
    assert places(found, "ML301") == [("purposes.yaml", 5, 3)]
    assert messages(found, "ML301") == [
        "consent is the basis of `marketing.communications.email` for `traits.newsletter` (plan.yaml:6) and 1 more, "
        "but the registry does not say how that consent is asked and recorded: declare `consent: {mechanism: …}` "
        "on `marketing.communications.email`"
    ]


def test_ml301_a_sub_purpose_without_an_entry_is_governed_by_its_parents_mechanism(tmp_path: Path) -> None:
    defaults = EMAIL.replace("marketing.communications.email", "marketing.communications.sms")
    found = check_plan(tmp_path, "traits:\n  phone_opt_in: {}\n", defaults, others={"purposes.yaml": REGISTRY})
    assert places(found, "ML301") == []


@pytest.mark.parametrize(
    ("basis", "registry"),
    [
        ("legitimate_interests", True),  # not consent
        ("consent", False),  # no registry: nothing to check against
    ],
)
def test_ml301_is_silent_without_consent_or_without_a_registry(tmp_path: Path, basis: str, registry: bool) -> None:
    defaults = "{purpose: analytics.reporting, basis: " + basis + ", retention: P1Y, category: none}"
    others = {"purposes.yaml": REGISTRY} if registry else {}
    assert places(check_plan(tmp_path, "traits:\n  visits: {}\n", defaults, others=others), "ML301") == []


def test_ml301_counts_campaigns_and_the_fields_they_collect(tmp_path: Path) -> None:
    campaign = """\
        minlint: 1
        kind: campaign
        name: winback
        purpose: marketing.communications.email
        basis: consent
        opt_out: unsubscribe_link
        collects:
          coupon: {category: none, retention: P1Y}
        """
    found = check(tmp_path, {"purposes.yaml": REGISTRY, "campaign.yaml": campaign})
    assert messages(found, "ML301")[0].startswith(
        "consent is the basis of `marketing.communications.email` for `winback` (campaign.yaml:3) and 1 more"
    )


# --- ML302 marketing-without-opt-out ------------------------------------------------------------------


def campaign(purpose: str, basis: str, extra: str = "") -> str:
    return f"minlint: 1\nkind: campaign\nname: c\npurpose: {purpose}\nbasis: {basis}\n{extra}"


def test_ml302_on_legitimate_interests_names_the_right_to_object(tmp_path: Path) -> None:
    found = check(tmp_path, {"c.yaml": campaign("marketing.communications.post", "legitimate_interests")})
    assert places(found, "ML302") == [("c.yaml", 5, 8)]
    assert messages(found, "ML302") == [
        "campaign `c` markets directly (`marketing.communications.post`, on legitimate interests) but declares no "
        "way to opt out: people must be able to object (GDPR Art. 21(2)-(3)) as easily as they were reached; "
        "declare `opt_out:` (`unsubscribe_link`, `preference_center` …)"
    ]


@pytest.mark.parametrize(
    ("purpose", "basis", "extra"),
    [
        ("marketing.communications.email", "consent", "opt_out: unsubscribe_link\n"),
        ("marketing.communications.email", "consent", "opt_out: [reply_stop, preference_center]\n"),
        ("essential.service.notifications", "contract", ""),  # a service message, not marketing
        ("marketing.communications.email", "contract", ""),  # ML009's to judge
    ],
)
def test_ml302_is_silent_with_an_opt_out_or_without_direct_marketing(
    tmp_path: Path, purpose: str, basis: str, extra: str
) -> None:
    assert places(check(tmp_path, {"c.yaml": campaign(purpose, basis, extra)}), "ML302") == []


# --- ML303 unprotected-sensitive-data -----------------------------------------------------------------


def test_ml303_fires_at_sensitive_fields_without_protection_and_accepts_it_inherited(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          iban: {category: user.financial.bank_account}
          passport: {category: user.government_id.passport_number}
          diagnosis: {category: user.health_and_medical, special_condition: health_or_social_care}
          card: {category: user.financial.credit_card, protection: [tokenised, masked], access: billing}
          spend_band: {category: user.financial}
        events:
          Claim Filed:
            defaults: {protection: encrypted}
            properties:
              condition: {category: user.health_and_medical, special_condition: health_or_social_care}
        """,
    )
    assert places(found, "ML303") == [("plan.yaml", 6, 3), ("plan.yaml", 7, 3), ("plan.yaml", 8, 3)]
    assert messages(found, "ML303")[0] == (
        "`traits.iban` is `user.financial.bank_account` data with no declared protection: declare how it is kept "
        "safe (`protection: encrypted`, `hashed`, `tokenised`, `pseudonymised` or `masked`) and who may read it "
        "(`access:`)"
    )
    assert messages(found, "ML303")[2].startswith("`traits.diagnosis` is special-category data (`user.health_and")


# --- ML304 pseudonymised-as-anonymous -----------------------------------------------------------------


def test_ml304_fires_by_declared_protection_or_by_name_and_not_at_other_hashes(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          hashedEmail: {category: none}
          md5_phone: {category: none}
          visitor_key: {category: none, protection: pseudonymised}
          page_hash: {category: none}
          commit_sha: {category: none}
          email_sha256: {category: user.contact.email, protection: hashed}
          masked_card: {category: none, protection: masked}
        """,
    )
    assert places(found, "ML304") == [("plan.yaml", 6, 3), ("plan.yaml", 7, 3), ("plan.yaml", 8, 3)]
    first, _, declared = messages(found, "ML304")
    assert first.startswith("`traits.hashedEmail` is a hashed or tokenised identifier by its name (`hashedEmail`)")
    assert declared.startswith("`traits.visitor_key` is declared `protection: pseudonymised`, yet declared")


def test_ml304_applies_to_category_none_inherited_from_defaults(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path, "traits:\n  email_hash: {}\n", "{purpose: x, basis: consent, retention: P1Y, category: none}"
    )
    assert places(found, "ML304") == [("plan.yaml", 6, 3)]


# --- the declarations' shapes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"plan.yaml": "minlint: 1\nkind: tracking-plan\nname: p\ntraits:\n  a: {protection: encrypt}\n"}, "encrypted"),
        (
            {"purposes.yaml": "minlint: 1\nkind: purposes\npurposes:\n  marketing: {consent: {scope: all}}\n"},
            "missing required key `mechanism`",
        ),
        ({"c.yaml": campaign("marketing", "consent", "opt_out: []\n")}, "`opt_out`"),
    ],
)
def test_a_misshapen_protection_consent_or_opt_out_is_a_schema_violation(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    found = check(tmp_path, files)
    assert [f.rule for f in found if f.rule == "ML902"] == ["ML902"]
    assert message in messages(found, "ML902")[0]


# --- ML305 purpose-not-described, ML306 interest-not-stated -------------------------------------------


def test_ml305_and_ml306_read_the_registry_entries(tmp_path: Path) -> None:
    registry = """\
        minlint: 1
        kind: purposes
        purposes:
          essential: {description: "   "}
          analytics.reporting: {description: Analytics-Reporting, bases: [consent]}
          functional: {description: Keeping the app working., bases: [legitimate_interests], interest: "  "}
          marketing: {description: Offers you asked for., bases: [legitimate_interests], interest: Selling more.}
          sales: {description: Quotes and orders.}
        """
    found = check(tmp_path, {"purposes.yaml": registry})
    assert places(found, "ML305") == [("purposes.yaml", 4, 3), ("purposes.yaml", 5, 3)]
    assert messages(found, "ML305")[1] == (
        "the description of purpose `analytics.reporting` only repeats its id: say in plain words what the data "
        "is used for"
    )
    assert places(found, "ML306") == [("purposes.yaml", 6, 3)]


# --- ML307-ML309: the recipients registry ---------------------------------------------------------------

RECIPIENTS = """\
    minlint: 1
    kind: recipients
    recipients:
      mailchimp: {role: processor, country: US, transfer: adequacy, erasure: api}
      crm-eu: {role: processor, country: de, erasure: manual}
      tracker-inc: {role: third_party, country: US, erasure: manual}
      vault: {role: processor, country: NO, erasure: none}
    """


def test_ml307_to_ml309_follow_the_data_to_each_recipient(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          email: {category: user.contact.email, shared_with: [mailchimp, crm-eu, mailchimps]}
          phone: {category: user.contact.phone_number, shared_with: [tracker-inc, vault]}
          plan_tier: {category: none, shared_with: [tracker-inc, vault]}
        """,
        others={"recipients.yaml": RECIPIENTS},
    )
    assert places(found, "ML307") == [("plan.yaml", 6, 54)]
    assert messages(found, "ML307") == [
        "data is shared with `mailchimps`, which the recipients registry does not declare (did you mean "
        "`mailchimp`?): declare its role, country and how it erases a person's data"
    ]
    # Norway is in the EEA; the US processor has an adequacy decision; non-personal data goes anywhere.
    assert places(found, "ML308") == [("plan.yaml", 7, 61)]
    assert messages(found, "ML308")[0].startswith(
        "personal data goes to `tracker-inc` in US, outside the EEA, with no transfer mechanism"
    )
    assert places(found, "ML309") == [("plan.yaml", 7, 61)]


def test_ml307_to_ml309_are_silent_without_a_registry(tmp_path: Path) -> None:
    found = check_plan(tmp_path, "traits:\n  email: {category: user.contact.email, shared_with: [anyone]}\n")
    assert [f.rule for f in found if f.rule in ("ML307", "ML308", "ML309")] == []


def test_ml308_follows_a_campaigns_recipients_when_it_uses_personal_data(tmp_path: Path) -> None:
    plan = "minlint: 1\nkind: tracking-plan\nname: web\ntraits:\n  email: {category: user.contact.email, purpose: marketing, basis: consent, retention: P1Y, shared_with: tracker-inc}\n"  # noqa: E501
    campaign = "minlint: 1\nkind: campaign\nname: c\npurpose: marketing\nbasis: consent\nopt_out: x\nrecipients: [tracker-inc]\nuses: [traits.email]\n"  # noqa: E501
    found = check(tmp_path, {"recipients.yaml": RECIPIENTS, "plan.yaml": plan, "c.yaml": campaign})
    assert ("c.yaml", 5, 8) in places(found, "ML308")  # at the campaign's basis, as its other findings


def test_a_recipients_registry_is_read_first_as_context(tmp_path: Path) -> None:
    from minlint.run.read import maybe_context

    assert maybe_context(b"minlint: 1\nkind: recipients\nrecipients: {}\n")
    assert maybe_context(b"minlint: 1\nkind: 'recipients'\n")


# --- ML401, ML402: the CPRA, run only when the configuration names it --------------------------------------

CPRA_PLAN = """\
minlint: 1
kind: tracking-plan
name: app
defaults: {basis: consent, retention: P1Y}
context:
  gps: {type: string, category: user.location.precise, purpose: marketing.advertising}
  city: {type: string, category: user.location.imprecise, purpose: marketing.advertising}
  heart_rate: {type: number, category: user.health_and_medical, purpose: essential.service, special_condition: explicit_consent, protection: encrypted}
traits:
  email: {category: user.contact.email, purpose: marketing.advertising, shared_with: [ad-network, mailer]}
"""  # noqa: E501
CPRA_RECIPIENTS = """\
minlint: 1
kind: recipients
recipients:
  ad-network: {role: controller, cpra_role: third_party, country: US, transfer: sccs, erasure: manual}
  mailer: {role: processor, cpra_role: service_provider, country: US, transfer: sccs, erasure: api}
"""


@pytest.mark.parametrize(
    ("jurisdictions", "expected"), [("", []), ("[gdpr, cpra]", ["ML401", "ML402"]), ("[cpra]", ["ML401", "ML402"])]
)
def test_the_cpra_rules_run_only_when_the_configuration_names_the_cpra(
    tmp_path: Path, run_minlint: RunMinlint, jurisdictions: str, expected: list[str]
) -> None:
    config = f"jurisdictions: {jurisdictions}\n" if jurisdictions else ""
    write_files(tmp_path, {".minlint.yaml": config, "plan.yaml": CPRA_PLAN, "recipients.yaml": CPRA_RECIPIENTS})
    result = run_minlint("check", "--format", "json", "--no-cache", cwd=tmp_path)
    found = [
        (item["rule"], item["line"]) for item in json.loads(result.stdout)["findings"] if item["rule"].startswith("ML4")
    ]
    # Precise location for ads, but not a coarse one nor health data kept for the service itself;
    # the email goes to a third party (a sale or share), not to the service provider.
    assert found == [(rule, line) for rule, line in zip(expected, (6, 10), strict=False)]


def test_a_plan_that_offers_the_right_to_limit_and_honours_the_opt_outs_is_clean_under_the_cpra(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    plan = CPRA_PLAN.replace(
        "name: app\n", "name: app\nright_to_limit: true\nopt_out: [do_not_sell_or_share_link, gpc]\n"
    )
    write_files(
        tmp_path,
        {".minlint.yaml": "jurisdictions: [gdpr, cpra]\n", "plan.yaml": plan, "recipients.yaml": CPRA_RECIPIENTS},
    )
    result = run_minlint("check", "--format", "json", "--no-cache", cwd=tmp_path)
    assert [item["rule"] for item in json.loads(result.stdout)["findings"] if item["rule"].startswith("ML4")] == []


def test_an_unknown_jurisdiction_is_a_configuration_error(tmp_path: Path, run_minlint: RunMinlint) -> None:
    (tmp_path / ".minlint.yaml").write_text("jurisdictions: [lgpd]\n", encoding="utf-8")
    result = run_minlint("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "jurisdictions" in result.stderr and "Traceback" not in result.stderr


# --- ML311 identifying-despite-limitations -------------------------------------------------------------


def limited(words: str, fields: str) -> str:
    """A minlint plan whose ``limitations`` (line 4) are ``words``, ``fields`` its traits from line 6."""
    return (
        f"minlint: 1\nkind: tracking-plan\nname: web\nlimitations: {json.dumps(words)}\n"
        "defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P1Y}\n"
        f"traits:\n{fields}"
    )


@pytest.mark.parametrize(
    "words",
    [
        "Not to be used to identify individuals.",
        "No re-identification of customers.",
        "Identifying customers is prohibited.",
        "Must never be used to single out a person.",
        "Not suitable for real-time use.\nData may not be used to\nidentify individual customers.",
        "Don't use this data to identify customers.",
        "You can\u2019t use it to identify people.",
        "Identifying individuals is strictly prohibited.",
        "Users must never be identified.",
    ],
)
def test_ml311_fires_at_each_direct_identifier_a_plans_limitations_forbid(tmp_path: Path, words: str) -> None:
    fields = (
        "  email: {category: user.contact.email}\n"
        "  full_name: {category: user.name}\n"
        "  city: {category: user.contact.address.city}\n"
    )
    found = check(tmp_path, {"plan.yaml": limited(words, fields)})
    assert places(found, "ML311") == [("plan.yaml", 7, 3), ("plan.yaml", 8, 3)]  # the city names nobody
    assert "yet the plan's limitations (line 4) say" in messages(found, "ML311")[0]


def test_ml311_is_silent_for_limitations_that_do_not_forbid_identifying_people(tmp_path: Path) -> None:
    fields = "  email: {category: user.contact.email}\n"
    for words in ("Not for use in production.", "May be used to identify fraud patterns.", "No resale."):
        assert places(check(tmp_path, {"plan.yaml": limited(words, fields)}), "ML311") == [], words


def test_ml311_accepts_a_pseudonymised_identifier_but_not_an_encrypted_one(tmp_path: Path) -> None:
    fields = (
        "  email_hash: {category: user.contact.email, protection: hashed}\n"
        "  phone: {category: user.contact.phone_number, protection: encrypted}\n"
    )
    found = check(tmp_path, {"plan.yaml": limited("Not to be used to identify individuals.", fields)})
    assert places(found, "ML311") == [("plan.yaml", 8, 3)]


def test_ml311_reads_the_terms_of_a_data_contract(tmp_path: Path) -> None:
    contract = """\
dataContractSpecification: 1.2.0
id: orders
terms:
  usage: Weekly sales reports.
  limitations: >-
    Aggregates only. The data must not be used to
    identify individual customers.
models:
  orders:
    fields:
      email: {type: text, format: email, pii: true}
"""
    declarations = (
        "minlint: 1\nkind: declarations\nplan: orders\n"
        "defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P1Y}\n"
        "properties:\n  email: {category: user.contact.email}\n"
    )
    found = check(tmp_path, {"datacontract.yaml": contract, "orders.declarations.yaml": declarations})
    assert places(found, "ML311") == [("datacontract.yaml", 11, 7)]
    assert "(line 5)" in messages(found, "ML311")[0]
    assert "must not be used to identify individual customers" in messages(found, "ML311")[0]
