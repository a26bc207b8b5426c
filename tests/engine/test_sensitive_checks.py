"""What data is (ML101-ML105) and the policy checks, end to end: files in, findings out.

Each test writes a small project into a temporary folder, checks it as a whole with the built-in
rules (or a policy rule built here) and compares the findings of one rule: where they are, and what
their messages say.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from minlint.engine.builtin import canonical
from minlint.engine.rule import RuleDef
from tests.engine.support import check, check_plan, messages, places

# --- ML101 undeclared-personal-data ------------------------------------------------------------------


def test_ml101_fires_at_each_personal_looking_field_in_any_naming_style(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          userEmail: {type: string}
          billing_phone: {type: string}
          IPAddress: {type: string}
          product_name: {type: string}
          email_opt_in: {type: string}
        events:
          Signed Up:
            properties:
              x-forwarded-for: {type: string}
              plan_tier: {type: string}
        """,
    )
    assert places(found, "ML101") == [
        ("plan.yaml", 6, 3),
        ("plan.yaml", 7, 3),
        ("plan.yaml", 8, 3),
        ("plan.yaml", 14, 7),
    ]
    assert messages(found, "ML101")[0] == (
        "`traits.userEmail` looks like personal data (an email address) but declares no data category; "
        "declare it, e.g. `category: user.contact.email`"
    )


@pytest.mark.parametrize(
    ("field_format", "category"),
    [
        ("email", "user.contact.email"),
        ("idn-email", "user.contact.email"),
        ("ipv4", "user.device.ip_address"),
        ("ipv6", "user.device.ip_address"),
        ("phone", "user.contact.phone_number"),
        ("tel", "user.contact.phone_number"),
    ],
)
def test_ml101_detects_personal_data_by_format_whatever_the_name(
    tmp_path: Path, field_format: str, category: str
) -> None:
    found = check_plan(tmp_path, f"traits:\n  contact: {{type: string, format: {field_format}}}\n")
    assert places(found, "ML101") == [("plan.yaml", 6, 3)]
    assert f"(`format: {field_format}`)" in messages(found, "ML101")[0]
    assert f"`category: {category}`" in messages(found, "ML101")[0]


def test_ml101_ignores_formats_that_are_not_personal(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path, "traits:\n  landing: {type: string, format: uri}\n  day: {type: string, format: date}\n"
    )
    assert places(found, "ML101") == []


def test_ml101_is_silenced_by_a_declared_category_or_an_own_category_none(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          email: {type: string, category: user.contact.email}
          contact: {type: string, format: email, category: user.contact}
          backup_email: {type: string, category: none}
          mailing_address: {type: string, category: none, format: email}
        """,
    )
    assert places(found, "ML101") == []


def test_ml101_fires_when_category_none_is_only_inherited_and_names_where_it_comes_from(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          phone: {type: string}
        events:
          Order Completed:
            defaults: {category: none}
            properties:
              order_id: {type: string}
              receipt_email: {type: string}
              shipping:
                type: object
                category: none
                properties:
                  phone: {type: string}
        """,
        defaults="{purpose: essential.service, basis: contract, retention: P1Y, category: none}",
    )
    assert places(found, "ML101") == [("plan.yaml", 6, 3), ("plan.yaml", 12, 7), ("plan.yaml", 17, 11)]
    owners = [
        message.split("` inherits `category: none` from `")[1].split("`")[0] for message in messages(found, "ML101")
    ]
    assert owners == ["defaults", "Order Completed.defaults", "Order Completed.shipping"]
    assert messages(found, "ML101")[1] == (
        "`Order Completed.receipt_email` inherits `category: none` from `Order Completed.defaults`, but it looks "
        "like personal data (an email address); declare its own category, e.g. `category: user.contact.email`"
    )


def test_ml101_skips_booleans_which_are_answers_about_the_data_not_the_data(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          has_email: {type: boolean}
          email: {type: boolean}
          phone: {type: boolean, format: phone}
          mobile: {type: string}
        """,
    )
    assert places(found, "ML101") == [("plan.yaml", 9, 3)]


def test_ml101_is_silenced_by_a_personal_category_inherited_from_the_parent_field(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          buyer:
            type: object
            category: user.contact
            properties:
              email: {type: string}
              phone: {type: string}
        """,
    )
    assert places(found, "ML101") == []


def test_ml101_reads_the_parent_field_name_for_a_nested_name(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        events:
          Order Completed:
            properties:
              customer:
                type: object
                category: none
                properties:
                  name: {type: string}
              form_element:
                type: object
                category: none
                properties:
                  name: {type: string}
              products:
                type: array
                category: none
                items:
                  properties:
                    name: {type: string}
        """,
    )
    assert places(found, "ML101") == [("plan.yaml", 12, 11)]
    assert "(a person's name)" in messages(found, "ML101")[0]


def test_ml101_checks_the_fields_a_campaign_collects(tmp_path: Path) -> None:
    campaign = """\
        minlint: 1
        kind: campaign
        name: spring
        purpose: marketing.communications.email
        basis: consent
        retention: P1Y
        collects:
          sms_opt_in: {type: boolean}
          mobile_number: {type: string}
        """
    found = check(tmp_path, {"campaign.yaml": campaign})
    assert places(found, "ML101") == [("campaign.yaml", 9, 3)]
    assert messages(found, "ML101")[0].startswith("`collects.mobile_number` looks like personal data (a phone number)")


# --- ML102 special-category-without-consent ----------------------------------------------------------

SPECIAL = [
    "user.health_and_medical",
    "user.health_and_medical.genetic",
    "user.biometric.fingerprint",
    "user.biometric.health",
    "user.authorization.biometric",
    "user.demographic.race_ethnicity",
    "user.demographic.political_opinion",
    "user.demographic.religious_belief",
    "user.demographic.philosophical_belief",
    "user.demographic.trade_union_membership",
    "user.demographic.sex_life",
    "user.demographic.sexual_orientation",
]


def test_ml102_fires_for_every_art9_category_family_on_a_non_consent_basis(tmp_path: Path) -> None:
    fields = "".join(f"  f{index}: {{category: {category}}}\n" for index, category in enumerate(SPECIAL))
    found = check_plan(
        tmp_path,
        "traits:\n" + fields + "  email: {category: user.contact.email}\n",
        defaults="{purpose: essential.service, basis: legitimate_interests, retention: P1Y}",
    )
    assert places(found, "ML102") == [("plan.yaml", 6 + index, 3) for index in range(len(SPECIAL))]
    expected = "is special-category data (`{}`) processed for `essential.service` on `legitimate_interests`"
    for category, message in zip(SPECIAL, messages(found, "ML102"), strict=True):
        assert expected.format(category) in message


def test_ml102_accepts_any_art9_condition_outside_marketing(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          blood_type: {category: user.health_and_medical, basis: consent, special_condition: explicit_consent}
          allergies: {category: user.health_and_medical, special_condition: health_or_social_care}
          union:
            category: user.demographic.trade_union_membership
            special_condition: employment_social_security
          beliefs: {category: user.demographic.religious_belief, special_condition: not_for_profit_body}
          diagnosis: {category: user.health_and_medical, special_condition: legal_claims}
        """,
        defaults="{purpose: essential.service, basis: contract, retention: P1Y}",
    )
    assert places(found, "ML102") == []


def test_ml102_says_that_consent_alone_is_not_the_explicit_consent_art9_asks_for(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        "traits:\n  blood_type: {category: user.health_and_medical, basis: consent}\n",
        defaults="{purpose: essential.service, retention: P1Y}",
    )
    assert places(found, "ML102") == [("plan.yaml", 6, 3)]
    assert messages(found, "ML102") == [
        "`traits.blood_type` is special-category data (`user.health_and_medical`) processed for "
        "`essential.service` on `consent`, which is not the explicit consent GDPR Art. 9(2)(a) asks for; "
        "declare `special_condition: explicit_consent` (or the Art. 9(2) condition that applies)"
    ]


def test_ml102_says_when_there_is_no_basis_at_all(tmp_path: Path) -> None:
    found = check_plan(tmp_path, "traits:\n  religion: {category: user.demographic.religious_belief}\n", "{}")
    assert places(found, "ML102") == [("plan.yaml", 6, 3)]
    assert messages(found, "ML102") == [
        "`traits.religion` is special-category data (`user.demographic.religious_belief`) processed with no lawful "
        "basis; it needs a GDPR Art. 9(2) condition (`special_condition:`), e.g. explicit consent"
    ]


def test_ml102_for_marketing_accepts_only_consent_with_explicit_consent(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          bad_plain: {basis: consent}
          ok_explicit: {basis: consent, special_condition: explicit_consent}
          bad_basis: {basis: legitimate_interests, special_condition: explicit_consent}
          bad_condition: {basis: consent, special_condition: substantial_public_interest}
          bad_contract: {basis: contract}
        """,
        defaults="{purpose: marketing.advertising, category: user.health_and_medical, retention: P1Y}",
    )
    assert places(found, "ML102") == [
        ("plan.yaml", 6, 3),
        ("plan.yaml", 8, 3),
        ("plan.yaml", 9, 3),
        ("plan.yaml", 10, 3),
    ]
    assert messages(found, "ML102")[1] == (
        "`traits.bad_basis` is special-category data (`user.health_and_medical`) used for `marketing.advertising`: "
        "for marketing only explicit consent is accepted (`basis: consent` and "
        "`special_condition: explicit_consent`)"
    )


def test_ml102_with_consent_mapped_only_to_the_marketing_purpose_fires_for_the_other_purpose(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          conditions:
            category: user.health_and_medical
            purpose: [essential.service, marketing.communications.email]
            basis: {essential.service: contract, marketing: consent}
          covered:
            category: user.health_and_medical
            purpose: [essential.service, marketing.communications.email]
            basis: {essential.service: consent, marketing.communications.email: consent}
            special_condition: explicit_consent
        """,
    )
    # `conditions` has no Art. 9(2) condition: its service use rests on a contract alone, and its
    # marketing use on consent that is not explicit. `covered` declares explicit consent for both.
    assert places(found, "ML102") == [("plan.yaml", 6, 3), ("plan.yaml", 6, 3)]
    service, marketing = sorted(messages(found, "ML102"), key=lambda message: "marketing only" in message)
    assert "processed for `essential.service` on `contract`" in service
    assert "used for `marketing.communications.email`: for marketing only explicit consent" in marketing


def test_ml102_honours_a_special_condition_inherited_from_event_defaults(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        events:
          Appointment Booked:
            defaults: {special_condition: health_or_social_care}
            properties:
              symptoms: {category: user.health_and_medical}
              ad_segment: {category: user.health_and_medical, purpose: marketing.advertising, basis: consent}
          Visit Rated:
            properties:
              symptoms: {category: user.health_and_medical}
        """,
        defaults="{purpose: essential.service, basis: legitimate_interests, retention: P1Y}",
    )
    # The inherited condition covers care; for marketing it is not explicit consent, and the other event has none.
    assert places(found, "ML102") == [("plan.yaml", 10, 7), ("plan.yaml", 13, 7)]


def test_ml102_applies_to_project_categories_below_a_special_one(tmp_path: Path) -> None:
    categories = """\
        minlint: 1
        kind: categories
        categories:
          user.health_and_medical.step_count: {description: Daily step counts from the app}
        """
    found = check_plan(
        tmp_path,
        "traits:\n  steps: {category: user.health_and_medical.step_count}\n",
        defaults="{purpose: analytics.reporting, basis: legitimate_interests, retention: P1Y}",
        others={"categories.yaml": categories},
    )
    assert places(found, "ML102") == [("plan.yaml", 6, 3)]


# --- ML103 excessive-precision -----------------------------------------------------------------------

ANALYTICS = "{purpose: analytics.reporting, basis: consent, retention: P13M}"


def test_ml103_fires_for_each_precise_category_naming_the_coarser_alternative(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          home: {type: string, category: user.location.precise}
          born: {type: string, category: user.demographic.date_of_birth}
          client: {type: string, category: user.device.ip_address}
          city: {type: string, category: user.location.imprecise}
          age: {type: integer, category: user.demographic.age_range}
        """,
        ANALYTICS,
    )
    assert places(found, "ML103") == [("plan.yaml", 6, 3), ("plan.yaml", 7, 3), ("plan.yaml", 8, 3)]
    home, born, client = messages(found, "ML103")
    assert home == (
        "`traits.home` collects precise `user.location.precise` data, but its purpose `analytics.reporting` would "
        "be served by a coarse location (`user.location.imprecise`, e.g. a city or region)"
    )
    assert "an age range (`user.demographic.age_range`) or a birth year" in born
    assert "a truncated IP address (last octet zeroed) or a country" in client


def test_ml103_detects_precise_locations_by_name_when_the_category_does_not_say(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          latitude: {type: number}
          lon_deg: {type: number, category: user.location}
          gps: {type: string, category: user.location.precise}
          lng: {type: number, category: none}
          lat: {type: number, category: user.location.imprecise}
          latLng: {type: string, category: user.contact}
          store_city: {type: string}
        """,
        ANALYTICS,
    )
    assert places(found, "ML103") == [("plan.yaml", 6, 3), ("plan.yaml", 7, 3), ("plan.yaml", 8, 3)]
    assert messages(found, "ML103")[0].startswith("`traits.latitude` collects a precise location, but its purpose")


def test_ml103_exempts_essential_purposes_even_among_others(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        context:
          ip_address: {category: user.device.ip_address, purpose: essential.fraud_detection}
          client_ip: {category: user.device.ip_address, purpose: [analytics.reporting, essential.security]}
          delivery_lat: {type: number, purpose: essential}
          ad_ip: {category: user.device.ip_address, purpose: [analytics.reporting, marketing.advertising]}
        """,
        ANALYTICS,
    )
    assert places(found, "ML103") == [("plan.yaml", 9, 3)]
    assert (
        "its purposes `analytics.reporting`, `marketing.advertising` would be served by" in messages(found, "ML103")[0]
    )


def test_ml103_exempts_purposes_the_registry_marks_needs_precision(tmp_path: Path) -> None:
    registry = """\
        minlint: 1
        kind: purposes
        purposes:
          analytics.reporting: {bases: [consent], max_retention: P2Y}
          analytics.store_finder: {bases: [consent], max_retention: P2Y, needs_precision: true}
          marketing: {bases: [consent], max_retention: P2Y, needs_precision: false}
        """
    found = check_plan(
        tmp_path,
        """\
        traits:
          home: {category: user.location.precise}
          finder: {category: user.location.precise, purpose: analytics.store_finder}
          finder_map: {category: user.location.precise, purpose: analytics.store_finder.map}
          both: {category: user.location.precise, purpose: [analytics.reporting, analytics.store_finder]}
          latitude: {type: number, purpose: analytics.store_finder}
          ad_geo: {category: user.location.precise, purpose: marketing.advertising}
        """,
        ANALYTICS,
        others={"purposes.yaml": registry},
    )
    assert places(found, "ML103") == [("plan.yaml", 6, 3), ("plan.yaml", 11, 3)]


def test_ml103_without_a_purpose_says_nothing_shows_the_precision_is_needed(tmp_path: Path) -> None:
    found = check_plan(tmp_path, "traits:\n  born: {category: user.demographic.date_of_birth}\n", "{}")
    assert places(found, "ML103") == [("plan.yaml", 6, 3)]
    assert messages(found, "ML103") == [
        "`traits.born` collects precise `user.demographic.date_of_birth` data, but with no declared purpose, nothing "
        "shows it would not be served by an age range (`user.demographic.age_range`) or a birth year"
    ]


# --- ML104 free-text-field ---------------------------------------------------------------------------


def test_ml104_fires_on_free_text_names_and_not_on_structured_or_system_fields(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        events:
          Feedback Submitted:
            properties:
              comment: {type: string}
              notes:
              reason: {type: string, enum: [price, delivery, other]}
              feedback: {type: integer}
              remarks: {type: array, items: {type: string}}
              message: {type: object, properties: {id: {type: string}}}
              error_message: {type: string}
              comment_count: {type: integer}
              search_query: {type: string, maxLength: 80}
              bio: {type: string, format: uri}
        """,
        ANALYTICS,
    )
    assert places(found, "ML104") == [
        ("plan.yaml", 8, 7),
        ("plan.yaml", 9, 7),
        ("plan.yaml", 16, 7),
        ("plan.yaml", 17, 7),
    ]
    assert messages(found, "ML104")[0] == (
        "`Feedback Submitted.comment` is free text: it collects whatever people type, special-category data "
        "included; collect structured values (an `enum`) or bound and screen it"
    )


def test_ml104_detects_a_bare_string_described_as_free_text(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        events:
          Support Requested:
            properties:
              details: {type: string, description: Free text from the support form}
              story: {type: string, description: Anything the customer writes about the issue}
              extra: {description: 'Open-text box, user-entered text'}
              summary: {type: string, description: A freeform summary}
              label: {type: string, description: A freely chosen label}
              score: {type: number, description: free text score}
              bounded: {type: string, maxLength: 200, description: free text}
              url_ish: {type: string, format: uri, description: free-form link}
              slug: {type: string, pattern: '^[a-z-]+$', description: free text slug}
              choice: {type: string, enum: [a, b], description: free text}
        """,
        ANALYTICS,
    )
    assert places(found, "ML104") == [
        ("plan.yaml", 8, 7),
        ("plan.yaml", 9, 7),
        ("plan.yaml", 10, 7),
        ("plan.yaml", 11, 7),
    ]


# --- ML105 unknown-category --------------------------------------------------------------------------


def test_ml105_points_at_the_category_value_and_suggests_the_closest_key(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          email:
            category: user.contact.e_mail
          thing:
            category: zzzz.qqqq
          code: {category: None}
        """,
    )
    assert places(found, "ML105") == [("plan.yaml", 7, 15), ("plan.yaml", 9, 15), ("plan.yaml", 10, 20)]
    e_mail, unknown, none = messages(found, "ML105")
    assert e_mail == (
        "category `user.contact.e_mail` is not in the Fides taxonomy or the project's categories "
        "(did you mean `user.contact.email`?); add it in a `kind: categories` file if it is your own"
    )
    assert "did you mean" not in unknown
    assert "(did you mean `none`?)" in none
    assert [f.target for f in found if f.rule == "ML105"] == [
        "traits.email.category",
        "traits.thing.category",
        "traits.code.category",
    ]


def test_ml105_knows_none_and_every_taxonomy_key(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          code: {category: none}
          email: {category: user.contact.email}
          union: {category: user.demographic.trade_union_membership, basis: consent}
          system: {category: system.operations}
        """,
    )
    assert places(found, "ML105") == []


def test_ml105_a_project_categories_file_makes_a_key_known_and_suggestible(tmp_path: Path) -> None:
    categories = """\
        minlint: 1
        kind: categories
        categories:
          user.loyalty.tier: {description: The customer's loyalty programme tier, personal: true}
        """
    found = check_plan(
        tmp_path,
        "traits:\n  tier: {category: user.loyalty.tier}\n  level: {category: user.loyalty.teir}\n",
        others={"categories.yaml": categories},
    )
    assert places(found, "ML105") == [("plan.yaml", 7, 21)]
    assert "(did you mean `user.loyalty.tier`?)" in messages(found, "ML105")[0]


def test_ml105_reports_an_inherited_category_once_where_it_is_declared(tmp_path: Path) -> None:
    text = """\
        minlint: 1
        kind: tracking-plan
        name: web
        defaults:
          purpose: essential.service
          basis: contract
          retention: P1Y
          category: user.contact.e_mail
        traits:
          a: {type: string}
          b: {type: string}
        events:
          Order Completed:
            defaults:
              category: user.loyalty.teir
            properties:
              p1: {type: string}
              p2: {type: string}
              p3: {type: string, category: user.contact.email}
        """
    found = check(tmp_path, {"plan.yaml": text})
    assert places(found, "ML105") == [("plan.yaml", 8, 13), ("plan.yaml", 15, 17)]
    assert [f.target for f in found if f.rule == "ML105"] == ["defaults.category", "Order Completed.defaults.category"]


# --- policy checks -----------------------------------------------------------------------------------


def policy(check_name: str, targets: tuple[str, ...] = ("field", "campaign"), **options: object) -> RuleDef:
    return RuleDef(
        id="ORG001",
        name="org-policy",
        severity="error",
        targets=targets,
        summary="A policy.",
        rationale="Policy §1.",
        fix="Follow it.",
        check=check_name,
        options=options,
    )


POLICY_PLAN = """\
    minlint: 1
    kind: tracking-plan
    name: web
    defaults: {basis: consent, retention: P1Y}
    traits:
      email: {category: user.contact.email, purpose: marketing.advertising, shared_with: [sendgrid, mailchimp]}
      phone: {category: user.contact.phone_number, purpose: marketing.advertising.retargeting, shared_with: sendgrid}
      health: {category: user.health_and_medical, purpose: essential.service, special_condition: health_or_social_care}
      page: {category: none, purpose: analytics.reporting, retention: P3Y}
      visitor: {category: user.device.cookie_id, purpose: analytics.reporting, retention: P25M}
      region: {category: user.location.imprecise, purpose: analyticsx, retention: P5Y}
    """

POLICY_CAMPAIGN = """\
    minlint: 1
    kind: campaign
    name: ads
    purpose: marketing.advertising
    basis: consent
    recipients: [facebook, sendgrid]
    uses: [traits.email, traits.health, traits.page]
    """


def test_allowed_recipients_checks_shared_with_on_fields_and_recipients_on_campaigns(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        {"plan.yaml": POLICY_PLAN, "campaign.yaml": POLICY_CAMPAIGN},
        [policy("allowed-recipients", recipients=["sendgrid"])],
    )
    assert places(found, "ORG001") == [("campaign.yaml", 5, 8), ("plan.yaml", 6, 3)]
    assert messages(found, "ORG001") == [
        "`ads` sends data to `facebook`, which is not an approved recipient (approved: `sendgrid`)",
        "`traits.email` sends data to `mailchimp`, which is not an approved recipient (approved: `sendgrid`)",
    ]


def test_allowed_recipients_with_no_approved_list_approves_none(tmp_path: Path) -> None:
    found = check(tmp_path, {"plan.yaml": POLICY_PLAN}, [policy("allowed_recipients", ("field",))])
    assert places(found, "ORG001") == [("plan.yaml", 6, 3), ("plan.yaml", 6, 3), ("plan.yaml", 7, 3)]
    assert all(message.endswith("(approved: none)") for message in messages(found, "ORG001"))


def test_forbidden_category_key_covers_its_descendants_within_the_purpose_scope(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        {"plan.yaml": POLICY_PLAN, "campaign.yaml": POLICY_CAMPAIGN},
        [policy("forbid-categories-for-purposes", categories=["user.contact"], purposes=["marketing.advertising"])],
    )
    assert places(found, "ORG001") == [("campaign.yaml", 5, 8), ("plan.yaml", 6, 3), ("plan.yaml", 7, 3)]
    assert messages(found, "ORG001") == [
        "`ads` uses `web:traits.email`, `user.contact.email` data, for `marketing.advertising`, which this policy "
        "forbids",
        "`traits.email` is `user.contact.email` data, for `marketing.advertising`, which this policy forbids",
        "`traits.phone` is `user.contact.phone_number` data, for `marketing.advertising.retargeting`, which this "
        "policy forbids",
    ]


def test_forbidding_special_data_for_every_purpose(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        {"plan.yaml": POLICY_PLAN, "campaign.yaml": POLICY_CAMPAIGN},
        [policy("forbid-categories-for-purposes", categories=["special"])],
    )
    assert places(found, "ORG001") == [("campaign.yaml", 5, 8), ("plan.yaml", 8, 3)]
    assert messages(found, "ORG001") == [
        "`ads` uses `web:traits.health`, special-category data (`user.health_and_medical`), for "
        "`marketing.advertising`, which this policy forbids",
        "`traits.health` is special-category data (`user.health_and_medical`), for `essential.service`, which this "
        "policy forbids",
    ]


def test_forbidding_personal_data_for_a_purpose_prefix_spares_non_personal_and_other_purposes(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        {"plan.yaml": POLICY_PLAN},
        [policy("forbid-categories-for-purposes", ("field",), categories=["personal"], purposes=["analytics"])],
    )
    # `page` is `none` (not personal); `region` serves `analyticsx`, which is not under `analytics`.
    assert places(found, "ORG001") == [("plan.yaml", 10, 3)]


def test_forbidding_categories_for_a_campaign_purpose_outside_the_scope_is_silent(tmp_path: Path) -> None:
    found = check(
        tmp_path,
        {"plan.yaml": POLICY_PLAN, "campaign.yaml": POLICY_CAMPAIGN},
        [policy("forbid-categories-for-purposes", ("campaign",), categories=["special"], purposes=["analytics"])],
    )
    assert places(found, "ORG001") == []


@pytest.mark.parametrize("spelling", ["max-retention", "max_retention", "MAX_RETENTION"])
def test_max_retention_is_found_under_its_snake_case_spelling(spelling: str) -> None:
    assert canonical(spelling) == "max-retention"


@pytest.mark.parametrize("spelling", ["max-retention", "max_retention"])
def test_max_retention_limits_fields_serving_the_listed_purposes(tmp_path: Path, spelling: str) -> None:
    found = check(
        tmp_path,
        {"plan.yaml": POLICY_PLAN},
        [policy(spelling, ("field",), limit="P25M", purposes=["analytics"])],
    )
    # `visitor` is kept exactly 25 months; `region` serves `analyticsx`, not `analytics`.
    assert places(found, "ORG001") == [("plan.yaml", 9, 3)]
    assert messages(found, "ORG001") == [
        "`traits.page` is kept for 3 years, but `analytics.reporting` data may be kept at most 25 months"
    ]


def test_max_retention_without_purposes_applies_to_every_field_with_a_purpose(tmp_path: Path) -> None:
    found = check(tmp_path, {"plan.yaml": POLICY_PLAN}, [policy("max-retention", ("field",), limit="P2Y")])
    assert places(found, "ORG001") == [("plan.yaml", 9, 3), ("plan.yaml", 10, 3), ("plan.yaml", 11, 3)]


# --- ML106 credentials-collected ---------------------------------------------------------------------

FOR_ANALYTICS = "{purpose: analytics.reporting, basis: legitimate_interests, retention: P13M, category: none}"


def test_ml106_fires_at_each_secret_by_name_in_any_naming_style(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        events:
          Login:
            properties:
              password: {type: string}
              apiKey: {type: string}
              refresh_token: {type: string}
              securityAnswer: {type: string}
              card_cvv: {type: string}
              user_pin: {type: string}
              map_pin: {type: string}
              login_succeeded: {type: boolean}
              has_password: {type: string}
              password_reset_requested: {type: string}
              passwordStrength: {type: string}
              is_2fa_enabled: {type: boolean}
        """,
        defaults=FOR_ANALYTICS,
    )
    assert places(found, "ML106") == [("plan.yaml", line, 7) for line in range(8, 14)]
    assert messages(found, "ML106")[0] == (
        "`Login.password` is an authentication secret (a password) collected for `analytics.reporting`: "
        "a secret is never needed for anything but authenticating its owner; stop collecting it"
    )


def test_ml106_fires_by_declared_category_and_trusts_another_declared_one(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          login_blob: {category: user.authorization.credentials}
          fingerprint_template: {category: user.authorization.biometric, special_condition: explicit_consent}
          password_policy: {category: none}
        """,
        defaults=FOR_ANALYTICS,
    )
    assert places(found, "ML106") == [("plan.yaml", 6, 3), ("plan.yaml", 7, 3)]
    assert "(`user.authorization.credentials`)" in messages(found, "ML106")[0]


def test_ml106_allows_authentication_itself_but_never_sharing_a_secret(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          password_hash: {category: user.authorization.password}
          api_key: {category: user.authorization.credentials, shared_with: [crm-vendor]}
          mixed_token: {category: user.authorization.credentials, purpose: [essential.service, analytics.reporting]}
        """,
        defaults="{purpose: essential.service.authentication, basis: contract, retention: P1Y}",
    )
    assert places(found, "ML106") == [("plan.yaml", 7, 3), ("plan.yaml", 8, 3)]
    shared, mixed = messages(found, "ML106")
    assert shared.endswith("shared with `crm-vendor`: a secret must stay with the service that authenticates its owner")
    assert "collected for `analytics.reporting`:" in mixed


def test_ml106_fires_for_a_secret_with_no_purpose_at_all(tmp_path: Path) -> None:
    found = check_plan(tmp_path, "traits:\n  password: {type: string}\n", defaults="{}")
    assert places(found, "ML106") == [("plan.yaml", 6, 3)]
    assert "collected for no declared purpose" in messages(found, "ML106")[0]


# --- ML107 raw-capture -------------------------------------------------------------------------------


def test_ml107_fires_at_navigation_urls_but_not_at_a_shops_own_addresses(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        events:
          Link Clicked:
            properties:
              targetUrl: {type: string}
              page_url: {type: string, format: uri}
              referrer: {type: string, pattern: '^[^?#]*$'}
              image_url: {type: string}
              context:
                type: object
                properties:
                  url: {type: string}
              product:
                type: object
                properties:
                  url: {type: string}
        """,
        defaults=FOR_ANALYTICS,
    )
    assert places(found, "ML107") == [("plan.yaml", 8, 7), ("plan.yaml", 9, 7), ("plan.yaml", 15, 11)]
    assert messages(found, "ML107")[0].startswith("`Link Clicked.targetUrl` is a URL: its query string and fragment")


def test_ml107_fires_at_an_object_without_properties_and_at_raw_form_values(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          metadata: {type: object}
          settings: {type: object, properties: {theme: {type: string, enum: [dark, light]}}}
          form_fields:
            type: array
            items:
              type: object
              properties:
                value: {type: string}
                kind: {type: string, enum: [text, email]}
          product_value: {type: number}
        """,
        defaults=FOR_ANALYTICS,
    )
    assert places(found, "ML107") == [("plan.yaml", 6, 3), ("plan.yaml", 13, 9)]
    metadata, value = messages(found, "ML107")
    assert metadata == (
        "`traits.metadata` is an object with no declared properties: it collects whatever the sender puts in it; "
        "declare its `properties`"
    )
    assert value.startswith("`traits.form_fields.value` captures a form input's value raw")


def test_ml107_fires_at_an_array_of_anything_and_at_an_array_of_open_objects(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          tags: {type: array}
          profiles: {type: array, items: {type: object}}
          topics: {type: array, items: {type: string, enum: [offers, news]}}
          addresses:
            type: array
            items:
              type: object
              properties:
                country: {type: string, enum: [DE, FR]}
          anything: {description: whatever the SDK sends}
        """,
        defaults=FOR_ANALYTICS,
    )
    # A field with no `type` is not judged: the type is optional in a plan, and absent is not "any".
    assert places(found, "ML107") == [("plan.yaml", 6, 3), ("plan.yaml", 7, 3)]
    anything, objects = messages(found, "ML107")
    assert anything == (
        "`traits.tags` is an array of anything: with no `items` type, each element may be whatever the sender "
        "puts in it, objects included; declare its `items`"
    )
    assert objects == (
        "`traits.profiles` is an array of objects with no declared properties: each element collects whatever the "
        "sender puts in it; declare the `properties` of its `items`"
    )


# --- ML108 category-contradicts-name ------------------------------------------------------------------


def test_ml108_fires_where_the_name_or_format_says_another_kind_of_data(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          customer_email: {type: string, category: user.behavior.purchase_history}
          contact: {type: string, format: email, category: user.name}
          billing_address: {type: string, category: user.contact.address.street}
          phone: {type: string, category: user.contact}
          username: {type: string, category: user.account.username}
          screen_name: {type: string, category: user.contact.email}
          internal_name: {type: string, category: none}
          email_opt_in: {type: boolean, category: user.behavior}
          latitude: {type: number, category: user.location.imprecise}
          longitude: {type: number, category: user.contact.address}
        """,
    )
    # A rounded latitude declared imprecise is a location all the same; an address is not.
    assert places(found, "ML108") == [
        ("plan.yaml", 6, 3),
        ("plan.yaml", 7, 3),
        ("plan.yaml", 11, 3),
        ("plan.yaml", 15, 3),
    ]
    first, by_format, *_ = messages(found, "ML108")
    assert first == (
        "`traits.customer_email` looks like an email address by its name, but declares "
        "`category: user.behavior.purchase_history`; declare `user.contact.email` (or a category under it), "
        "or rename the field"
    )
    assert by_format.startswith("`traits.contact` looks like `format: email` by its format")


def test_ml108_leaves_a_category_that_is_no_category_to_ml105(tmp_path: Path) -> None:
    found = check_plan(tmp_path, "traits:\n  phone: {type: string, category: user.contact.phone}\n")
    assert places(found, "ML108") == []
    assert places(found, "ML105") == [("plan.yaml", 6, 35)]


@pytest.mark.parametrize("name", ["receiver_name", "payeeName", "consignee_name", "author_name"])
def test_ml101_knows_the_names_of_the_people_a_payment_or_parcel_goes_to(tmp_path: Path, name: str) -> None:
    found = check_plan(tmp_path, f"traits:\n  {name}: {{type: string}}\n  hostname: {{type: string}}\n")
    assert places(found, "ML101") == [("plan.yaml", 6, 3)]


def test_ml101_knows_a_username(tmp_path: Path) -> None:
    found = check_plan(tmp_path, "traits:\n  username: {type: string}\n  userName: {type: string}\n")
    assert places(found, "ML101") == [("plan.yaml", 6, 3), ("plan.yaml", 7, 3)]
    assert "e.g. `category: user.account.username`" in messages(found, "ML101")[0]


def test_ml101_reads_the_description_and_the_event_before_calling_a_name_a_persons(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          clientName: {type: string, description: Name of the client application that sent the event}
          client_name: {type: string, description: The client's name as written on the invoice}
          ownerName: {type: string}
        events:
          SDK Initialized:
            properties:
              clientName: {type: string}
          Order Completed:
            properties:
              clientName: {type: string}
        """,
    )
    # The application's name, and a name in an SDK's event, are not a person's; the others are.
    assert places(found, "ML101") == [("plan.yaml", 7, 3), ("plan.yaml", 8, 3), ("plan.yaml", 15, 7)]


# --- ML110 classified-unprotected ---------------------------------------------------------------------


@pytest.mark.parametrize("level", ["sensitive", "Restricted", "highly-confidential", "HIGHLY_CONFIDENTIAL"])
def test_ml110_fires_at_a_field_classified_sensitive_with_no_protection(tmp_path: Path, level: str) -> None:
    found = check_plan(
        tmp_path, f"traits:\n  phone: {{category: user.contact.phone_number, classification: {level}}}\n"
    )
    assert places(found, "ML110") == [("plan.yaml", 6, 3)]
    assert f"is classified `{level}` but declares no protection" in messages(found, "ML110")[0]


@pytest.mark.parametrize(
    "field",
    [
        "{category: user.contact.phone_number, classification: restricted, protection: encrypted}",
        "{category: user.contact.phone_number, classification: internal}",
        "{category: none, classification: restricted}",  # business data: not minlint's to judge
        "{category: user.biometric.health, classification: restricted}",  # special category: ML303 says it
    ],
)
def test_ml110_is_silent_when_protected_not_sensitive_not_personal_or_left_to_ml303(tmp_path: Path, field: str) -> None:
    assert places(check_plan(tmp_path, f"traits:\n  value: {field}\n"), "ML110") == []
