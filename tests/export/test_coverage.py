"""Privacy declarations grouped from the fields' rows, and which fields would read back otherwise."""

from __future__ import annotations

from minlint.export.coverage import Declaration, ReadBack, declarations
from minlint.export.declared import FieldUses, Use

ANALYTICS = Use("analytics.reporting", "Legitimate interests", 395, None, ())
SERVICE = Use("essential.service", "Contract", 2191, None, ())
SHORT = Use("analytics.reporting", "Legitimate interests", 30, None, ("firebase",))


def field(ref: str, category: str | None, *uses: Use, plan: str = "web") -> FieldUses:
    return FieldUses(plan, ref, category, frozenset(uses))


def test_a_declaration_is_a_row_with_the_categories_of_the_fields_having_it() -> None:
    fields = {"web": [field("a", "user.contact.email", SERVICE), field("b", "user.name", SERVICE, ANALYTICS)]}
    assert declarations(fields) == [
        Declaration(ANALYTICS, ("user.name",), ("web",)),
        Declaration(SERVICE, ("user.contact.email", "user.name"), ("web",)),
    ]


def test_datasets_share_a_declaration_when_that_covers_no_field_it_did_not() -> None:
    fields = {
        "app": [field("a", "user.device.device_id", ANALYTICS, plan="app")],
        "web": [field("b", "user.device.cookie_id", ANALYTICS)],
    }
    assert declarations(fields) == [
        Declaration(ANALYTICS, ("user.device.cookie_id", "user.device.device_id"), ("app", "web"))
    ]


def test_datasets_keep_their_own_declarations_when_sharing_would_cover_more() -> None:
    fields = {
        "app": [field("a", "user.device.device_id", ANALYTICS, plan="app"), field("c", "none", SERVICE, plan="app")],
        "web": [field("b", "none", ANALYTICS)],
    }
    assert declarations(fields) == [
        Declaration(ANALYTICS, ("user.device.device_id",), ("app",)),
        Declaration(ANALYTICS, ("none",), ("web",)),
        Declaration(SERVICE, ("none",), ("app",)),
    ]


def test_a_category_below_another_of_the_same_declaration_is_left_out() -> None:
    fields = {
        "web": [field("address", "user.contact.address", SERVICE), field("city", "user.contact.address.city", SERVICE)]
    }
    assert declarations(fields) == [Declaration(SERVICE, ("user.contact.address",), ("web",))]


def test_fields_of_one_category_declaring_alike_read_back_exactly() -> None:
    fields = {"web": [field("a", "user.name", SERVICE), field("b", "user.name", SERVICE), field("c", "none")]}
    read_back = ReadBack(declarations(fields))
    assert [read_back.differences(member, "web") for member in fields["web"]] == [(), (), ()]


def test_fields_of_one_category_declaring_differently_read_back_with_each_others_rows() -> None:
    a, b = field("a", "none", ANALYTICS), field("b", "none", SERVICE, SHORT)
    read_back = ReadBack(declarations({"web": [a, b]}))
    assert read_back.rows("web", "none") == frozenset({ANALYTICS, SERVICE, SHORT})
    assert read_back.differences(a, "web") == ("purposes", "retention", "recipients")
    assert read_back.differences(b, "web") == ("retention",)


def test_a_declaration_of_a_broader_category_reaches_the_fields_below_it() -> None:
    broad, narrow = field("contact", "user.contact", ANALYTICS), field("email", "user.contact.email", SERVICE)
    read_back = ReadBack(declarations({"web": [broad, narrow]}))
    assert read_back.differences(broad, "web") == ()
    assert read_back.differences(narrow, "web") == ("purposes",)


def test_a_field_with_no_category_reads_back_with_nothing() -> None:
    lost = field("x", None, SERVICE)
    assert ReadBack(declarations({"web": [lost]})).rows("web", None) == frozenset()
