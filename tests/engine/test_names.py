"""Field-name matching: word splitting, the built-in ML101/ML103/ML104 pattern lists, and option merging.

The tables below are the contract of the built-in name lists: names that must be recognised (with
the category minlint suggests) and look-alikes that must not be. Deliberate decisions:

- ``has_email`` does not match: names starting with a `flag_words` word (``has``, ``is``, ``num`` …)
  are flags or counts about the data; ML101 also skips booleans at the check level.
- ``mailbox_size`` does not match: ``mailbox`` is one word, not ``mail``.
- ``name`` alone matches (``after`` only applies when a word precedes it); ``product_name`` does not.
- ``birth_year`` matches as an age (``user.demographic.age_range``): coarse, but still personal.
"""

from __future__ import annotations

import pytest

from minlint.engine.names import NameMatcher, NamePattern, compile_matcher, merge_options, words
from minlint.engine.packs import builtin_rules

RULES = {rule.id: rule for rule in builtin_rules()}
PERSONAL = compile_matcher(RULES["ML101"].options)
FREE_TEXT = compile_matcher(RULES["ML104"].options)
PRECISE = compile_matcher(RULES["ML103"].options["names"])

EMAIL = "user.contact.email"
PHONE = "user.contact.phone_number"
PERSON = "user.name"
ADDRESS = "user.contact.address"
POSTCODE = "user.contact.address.postal_code"
IP = "user.device.ip_address"
DEVICE_ID = "user.device.device_id"
COOKIE = "user.device.cookie_id"
USER_ID = "user.unique_id"
PRECISE_LOCATION = "user.location.precise"
GOVERNMENT = "user.government_id"
FINANCIAL = "user.financial"
PASSWORD = "user.authorization.password"


# --- words -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("billing_phone", ("billing", "phone")),
        ("SHIPPING_ADDRESS", ("shipping", "address")),
        ("__email__", ("email",)),
        ("userEmail", ("user", "email")),
        ("dateOfBirth", ("date", "of", "birth")),
        ("BillingAddress", ("billing", "address")),
        ("IPAddress", ("ip", "address")),
        ("userID", ("user", "id")),
        ("HTTPRequestId", ("http", "request", "id")),
        ("e-mail", ("e", "mail")),
        ("x-forwarded-for", ("x", "forwarded", "for")),
        ("Email Address", ("email", "address")),
        ("  order   total ", ("order", "total")),
        ("address_line_2", ("address", "line", "2")),
        ("phone2", ("phone", "2")),
        ("shippingAddressLine1", ("shipping", "address", "line", "1")),
        ("Address2Line", ("address", "2", "line")),
        ("IPAddress_v2", ("ip", "address", "v", "2")),
        ("user.email", ("user", "email")),
        ("", ()),
        ("___", ()),
    ],
)
def test_words_splits_every_naming_style_into_lower_case_words(name: str, expected: tuple[str, ...]) -> None:
    assert words(name) == expected


def test_words_of_snake_camel_kebab_and_spaced_spellings_agree() -> None:
    spellings = ["billing_phone_number", "billingPhoneNumber", "BillingPhoneNumber", "billing-phone-number"]
    assert {words(spelling) for spelling in spellings} == {("billing", "phone", "number")}
    assert words("Billing Phone Number") == ("billing", "phone", "number")


# --- ML101: names that must match, and look-alikes that must not ----------------------------------------

MUST_MATCH = [
    ("email", EMAIL),
    ("userEmail", EMAIL),
    ("e-mail", EMAIL),
    ("Email Address", EMAIL),
    ("email_address", EMAIL),  # the longer `email address` wins over `address`
    ("email_hash", EMAIL),
    ("emailHashed", EMAIL),
    ("contact_email_primary", EMAIL),
    ("birth_year", "user.demographic.age_range"),
    ("billing_phone", PHONE),
    ("phone_number", PHONE),
    ("PhoneNumber2", PHONE),
    ("mobile_number", PHONE),
    ("msisdn", PHONE),
    ("fax_number", PHONE),
    ("first_name", PERSON),
    ("lastName", PERSON),
    ("surname", PERSON),
    ("customer_name", PERSON),
    ("cardholder_name", PERSON),
    ("name", PERSON),
    ("address_line_2", ADDRESS),
    ("shippingAddressLine1", ADDRESS),
    ("billingAddress", ADDRESS),
    ("postalCode", POSTCODE),
    ("zip", POSTCODE),
    ("dateOfBirth", "user.demographic.date_of_birth"),
    ("dob", "user.demographic.date_of_birth"),
    ("age", "user.demographic.age_range"),
    ("gender", "user.demographic.gender"),
    ("ip", IP),
    ("IPAddress", IP),
    ("x-forwarded-for", IP),
    ("REMOTE_ADDR", IP),
    ("client_ipv4", IP),
    ("macAddress", DEVICE_ID),  # `mac address` wins over `address`
    ("advertisingId", DEVICE_ID),
    ("fcmToken", DEVICE_ID),
    ("anonymousId", COOKIE),
    ("gaClientId", COOKIE),
    ("session_id", COOKIE),
    ("userAgent", "user.device"),
    ("userID", USER_ID),
    ("customerNumber", USER_ID),
    ("crmId", USER_ID),
    ("latitude", PRECISE_LOCATION),
    ("lat_lng", PRECISE_LOCATION),
    ("geolocation", PRECISE_LOCATION),
    ("ssn", GOVERNMENT),
    ("passport_number", GOVERNMENT),
    ("driverLicense", GOVERNMENT),
    ("creditCardNumber", FINANCIAL),
    ("iban_masked", FINANCIAL),
    ("sortCode", FINANCIAL),
    ("passwordHash", PASSWORD),
    ("security_answer", PASSWORD),
    ("blood_type", "user.health_and_medical"),
    ("medications", "user.health_and_medical"),
    ("religion", "user.demographic.religious_belief"),
    ("ethnic_origin", "user.demographic.race_ethnicity"),
    ("sexual_orientation", "user.demographic.sexual_orientation"),
    ("political_views", "user.demographic.political_opinion"),
    ("union_membership", "user.demographic.trade_union_membership"),
]

MUST_NOT_MATCH = [
    "email_opt_in",
    "email_verified",
    "email_count",
    "email_domain",
    "email_template",
    "email_campaign_id",
    "mail_sent",
    "mailbox_size",
    "ip_country",
    "ip_version",
    "phone_verified",
    "phone_model",
    "address_type",
    "product_name",
    "event_name",
    "page_name",
    "file_name",
    "form_name",
    "campaign_name",
    "team_name",
    "page",
    "zipper",
    "tip",
    "lattice",
    "error_message",
    "display_currency",
    "age_group",
    "age_verified",
    "has_email",  # a flag about the data (`flag_words`), whatever its type
    "num_emails",
    "gender_preference",
    "passport_country",
    "card_type",
    "pin_enabled",
    "password_strength",
    "cookie_consent",
    "session_duration",
    "device_type",
    "geo_region",
    "agent_id",
    "HTTPRequestId",
    "order_id",
    "revenue",
    "sku",
    "coupon",
    "utm_source",
    "referrer",
    "country",
    "city",
    "timezone",
    "screen_width",
    "symptom_checker_version",
]


def test_the_name_tables_are_large_enough_to_mean_something() -> None:
    assert len(MUST_MATCH) >= 40
    assert len(MUST_NOT_MATCH) >= 40
    assert not {name for name, _ in MUST_MATCH} & set(MUST_NOT_MATCH)


@pytest.mark.parametrize(("name", "category"), MUST_MATCH)
def test_personal_data_name_matches_with_its_category(name: str, category: str) -> None:
    found = PERSONAL.match(name)
    assert found is not None, f"{name!r} should look like personal data"
    assert found.category == category


@pytest.mark.parametrize("name", MUST_NOT_MATCH)
def test_look_alike_name_is_not_personal_data(name: str) -> None:
    found = PERSONAL.match(name)
    assert found is None, f"{name!r} matched {found}"


def test_a_match_carries_the_label_of_its_pattern() -> None:
    found = PERSONAL.match("billing_phone")
    assert found is not None
    assert found.label == "a phone number"
    assert found.words == ("phone",)


def test_the_longest_pattern_ending_the_name_wins() -> None:
    email = PERSONAL.match("work_email_address")
    assert email is not None and email.words == ("email", "address")
    phone = PERSONAL.match("mobile_phone")
    assert phone is not None and phone.words == ("mobile", "phone")
    card = PERSONAL.match("credit_card_number")
    assert card is not None and card.words == ("credit", "card", "number")


def test_only_trailing_words_and_digits_may_follow_a_pattern() -> None:
    assert PERSONAL.match("email_2") is not None
    assert PERSONAL.match("email_primary_2") is not None
    assert PERSONAL.match("email_new_hash") is not None
    assert PERSONAL.match("email_sent") is None
    assert PERSONAL.match("email_2_sent") is None


# --- parent context ----------------------------------------------------------------------------------


@pytest.mark.parametrize("parent", ["customer", "billingContact", "shipping_recipient", "Order Completed.customer"])
def test_name_nested_in_a_person_like_field_is_a_persons_name(parent: str) -> None:
    found = PERSONAL.match("name", parent=parent)
    assert found is not None and found.category == PERSON


@pytest.mark.parametrize("parent", ["form_element", "product", "products", "campaign", "file"])
def test_name_nested_in_a_thing_is_not_a_persons_name(parent: str) -> None:
    assert PERSONAL.match("name", parent=parent) is None


def test_parent_only_stands_in_when_the_pattern_starts_the_name() -> None:
    assert PERSONAL.match("customer_name", parent="form_element") is not None
    assert PERSONAL.match("product_name", parent="customer") is None
    assert PERSONAL.match("first_name", parent="product") is not None  # unrestricted pattern


def test_an_empty_parent_means_no_context() -> None:
    assert PERSONAL.match("name", parent="") is not None
    assert PERSONAL.match("name", parent=None) is not None


def test_not_after_also_reads_the_parent_when_the_pattern_starts_the_name() -> None:
    assert FREE_TEXT.match("message") is not None
    assert FREE_TEXT.match("message", parent="error") is None
    assert FREE_TEXT.match("message", parent="contact_form") is not None


# --- ML104: free-text names --------------------------------------------------------------------------

FREE_TEXT_NAMES = [
    "comment",
    "comments",
    "user_comment",
    "notes",
    "order_notes",
    "message",
    "customerMessage",
    "feedback",
    "feedback_text",
    "freeText",
    "free_text",
    "remarks",
    "message_body",
    "body",
    "additional_info",
    "bio",
    "about_me",
    "search_query",
    "searchTerm",
    "keywords",
    "reason",
    "cancellation_reason",
    "explanation",
    "anything_else",
    "other_please_specify",
    "comment_box",
    "notesField",
    "feedback_content",
]

NOT_FREE_TEXT_NAMES = [
    "error_message",
    "error_message_text",
    "systemMessage",
    "status_message",
    "warning_message",
    "log_message",
    "exception_message",
    "commit_message",
    "response_body",
    "api_message",
    "validation_message",
    "http_body",
    "server_message",
    "push_message",
    "product_note",
    "page_body",
    "faq_query",
    "message_id",
    "message_count",
    "comment_count",
    "reason_code",
    "feedback_score",
    "note_id",
    "search_results",
    "body_type",
    "email",
]


@pytest.mark.parametrize("name", FREE_TEXT_NAMES)
def test_free_text_name_matches(name: str) -> None:
    found = FREE_TEXT.match(name)
    assert found is not None, f"{name!r} should look like free text"
    assert found.category == "free-text"


@pytest.mark.parametrize("name", NOT_FREE_TEXT_NAMES)
def test_system_text_and_counts_are_not_free_text(name: str) -> None:
    assert FREE_TEXT.match(name) is None


# --- ML103: precise-location names -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["latitude", "lng", "lon_value", "geo_point", "gpsLocation", "latLng", "lat_deg"])
def test_precise_location_names_match_the_ml103_list(name: str) -> None:
    found = PRECISE.match(name)
    assert found is not None and found.category == PRECISE_LOCATION


@pytest.mark.parametrize("name", ["geo", "geo_region", "lattice", "longitude_bucket", "city", "location_type"])
def test_coarse_or_unrelated_names_do_not_match_the_ml103_list(name: str) -> None:
    assert PRECISE.match(name) is None


# --- compile_matcher ---------------------------------------------------------------------------------


def test_compile_matcher_splits_alternatives_and_defaults_the_label_to_the_words() -> None:
    matcher = compile_matcher({"patterns": [{"words": "loyalty card | loyaltyNumber", "category": "user.unique_id"}]})
    assert [(p.words, p.label) for p in matcher.patterns] == [
        (("loyalty", "card"), "loyalty card"),
        (("loyalty", "number"), "loyaltyNumber"),
    ]
    found = matcher.match("LoyaltyCard")
    assert found is not None and found.category == "user.unique_id"


def test_compile_matcher_skips_malformed_entries_and_empty_alternatives() -> None:
    matcher = compile_matcher({"patterns": ["email", {"words": "||"}, {"words": "fax", "category": "c"}, None]})
    assert [p.words for p in matcher.patterns] == [("fax",)]


def test_compile_matcher_lower_cases_after_not_after_and_trailing_words() -> None:
    matcher = compile_matcher(
        {
            "patterns": [{"words": "token", "category": "c", "after": ["Push"], "not_after": ["CSRF"]}],
            "trailing": ["Digest"],
        }
    )
    (pattern,) = matcher.patterns
    assert pattern.after == frozenset({"push"})
    assert pattern.not_after == frozenset({"csrf"})
    assert matcher.trailing == frozenset({"digest"})
    assert matcher.match("push_token_digest") is not None
    assert matcher.match("token") is not None
    assert matcher.match("auth_token") is None
    assert matcher.match("token", parent="csrf") is None


def test_a_pattern_with_no_after_list_follows_anything_but_not_after() -> None:
    matcher = NameMatcher((NamePattern(("code",), "c", "a code", None, frozenset({"zip"})),), frozenset())
    assert matcher.match("secret_code") is not None
    assert matcher.match("zip_code") is None


def test_empty_options_match_nothing() -> None:
    matcher = compile_matcher({})
    assert matcher.patterns == ()
    assert matcher.match("email") is None


# --- merge_options -----------------------------------------------------------------------------------


def test_merge_options_appends_lists_merges_mappings_and_replaces_other_values() -> None:
    base = {"patterns": [1], "formats": {"email": "a", "tel": "b"}, "limit": "P1Y", "kept": True}
    extra = {"patterns": [2, 3], "formats": {"tel": "c", "ipv4": "d"}, "limit": "P2Y", "new": ["x"]}
    assert merge_options(base, extra) == {
        "patterns": [1, 2, 3],
        "formats": {"email": "a", "tel": "c", "ipv4": "d"},
        "limit": "P2Y",
        "kept": True,
        "new": ["x"],
    }


def test_merge_options_replaces_when_the_shapes_differ() -> None:
    assert merge_options({"a": [1], "b": {"k": 1}}, {"a": {"k": 2}, "b": [2]}) == {"a": {"k": 2}, "b": [2]}


def test_merge_options_leaves_its_inputs_unchanged() -> None:
    base = {"patterns": [1], "formats": {"email": "a"}}
    extra = {"patterns": [2], "formats": {"tel": "b"}}
    merge_options(base, extra)
    assert base == {"patterns": [1], "formats": {"email": "a"}}
    assert extra == {"patterns": [2], "formats": {"tel": "b"}}


def test_extending_ml101_patterns_keeps_the_built_in_ones() -> None:
    extension = {"patterns": [{"words": "loyalty card", "category": "user.unique_id", "label": "a loyalty card"}]}
    matcher = compile_matcher(merge_options(RULES["ML101"].options, extension))
    assert matcher.match("loyaltyCard") is not None
    assert matcher.match("billing_phone") is not None


# --- known defects -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["email_sha256", "emailSha1", "email_md5"])
def test_trailing_words_with_digits_apply_after_a_pattern(name: str) -> None:
    found = PERSONAL.match(name)
    assert found is not None and found.category == EMAIL


@pytest.mark.parametrize("name", ["IPv4", "clientIPv6"])
def test_mixed_case_ipv4_is_split_like_its_lower_case_spelling(name: str) -> None:
    found = PERSONAL.match(name)
    assert found is not None and found.category == IP


def test_extending_ml103_names_keeps_the_built_in_precise_location_patterns() -> None:
    extension = {"names": {"patterns": [{"words": "pickup point", "category": PRECISE_LOCATION, "label": "x"}]}}
    merged = merge_options(RULES["ML103"].options, extension)
    matcher = compile_matcher(merged["names"])
    assert matcher.match("pickup_point") is not None
    assert matcher.match("latitude") is not None
