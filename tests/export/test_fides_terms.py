"""Fides's words: the bases and conditions the reader reads back, keys, data uses, identities."""

from __future__ import annotations

from minlint.export.fides_terms import BASES, SPECIAL, closest_use, fides_ancestor, identity_of, is_key, key_for
from minlint.readers.fides import LEGAL_BASES, SPECIAL_BASES
from minlint.vocabulary import LAWFUL_BASES, SPECIAL_CONDITIONS


def test_every_lawful_basis_is_written_in_a_spelling_the_reader_reads_back() -> None:
    assert set(BASES) == set(LAWFUL_BASES)
    assert all(LEGAL_BASES[fides.lower()] == basis for basis, fides in BASES.items())
    assert BASES["public_task"] == "Public interest"


def test_every_special_category_condition_is_written_in_a_spelling_the_reader_reads_back() -> None:
    assert set(SPECIAL) == set(SPECIAL_CONDITIONS)
    assert all(SPECIAL_BASES[fides.lower()] == condition for condition, fides in SPECIAL.items())


def test_a_valid_name_is_its_own_key_and_others_are_made_valid_and_unique() -> None:
    taken: set[str] = set()
    assert key_for("storefront-web", taken, "dataset") == "storefront-web"
    assert key_for("com.acme", taken, "dataset") == "com.acme"
    assert key_for("Typewriter: Standard Example", taken, "dataset") == "typewriter_standard_example"
    assert key_for("typewriter_standard_example", taken, "dataset") == "typewriter_standard_example_2"
    assert key_for("!!!", taken, "dataset") == "dataset"
    assert not is_key("User Email") and is_key("user.contact.email")


def test_a_data_use_below_fides_own_has_the_nearest_of_them_above_it() -> None:
    assert fides_ancestor("marketing.communications.push") == "marketing.communications"
    assert fides_ancestor("analytics.reporting") == "analytics.reporting"
    assert fides_ancestor("fraud_screening") is None


def test_the_closest_data_use_shares_a_word_or_most_letters_with_the_purpose() -> None:
    assert closest_use("fraud_screening") == "essential.fraud_detection"
    assert closest_use("acme.advertisng") == "marketing.advertising"
    assert closest_use("loyalty") is None


def test_a_subject_identifier_is_the_identity_fides_requests_use_else_the_field_name() -> None:
    assert identity_of("user.contact.email", "mail") == "email"
    assert identity_of("user.contact.phone_number.mobile", "phone") == "phone_number"
    assert identity_of("user.device.cookie_id", "anonymous_id") == "anonymous_id"
    assert identity_of(None, "user_id") == "user_id"
