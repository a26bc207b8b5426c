"""Declarations files laid over plans in other formats: what wins, what is matched, what is reported."""

from __future__ import annotations

from minlint.loader.load import load_document
from minlint.loader.nodes import ForeignMap, YMap
from minlint.model.build import build_tracking_plan
from minlint.model.overlay import Entry, Overlay, lay_over
from minlint.model.spec import Target
from minlint.readers.foreign import event_fields, new_event, new_field, new_plan, section
from minlint.taxonomy import Taxonomy


def overlay(text: str) -> Overlay:
    loaded = load_document("d.yaml", ("minlint: 1\nkind: declarations\n" + text).encode())
    assert loaded.root is not None, loaded.problems
    return Overlay("d.yaml", loaded.root)


def plan() -> ForeignMap:
    """A plan in another format: traits.email, Signup.email (id `mail`), Signup.address.city, and
    two versions of link_click."""
    root = new_plan("App", 1, 1)
    new_field(section(root, "traits"), "email", 2, 3)
    signup = new_event(root, "Signup", 5, 3, ident="signup")
    assert signup is not None
    email = new_field(event_fields(signup), "email", 6, 5, ident="mail")
    address = new_field(event_fields(signup), "address", 7, 5)
    assert email is not None and address is not None
    children = ForeignMap(7, 5)
    address["properties"] = children
    address.marks["properties"] = (7, 5, 7, 5)
    new_field(children, "city", 8, 7)
    for version, line in (("1-0-0", 10), ("1-0-1", 12)):
        event = new_event(root, f"link_click {version}", line, 3, ident="link_click")
        assert event is not None
        new_field(event_fields(event), "targetUrl", line + 1, 5)
    return root


def unmatched(entries: list[Entry]) -> list[Entry]:
    """The entries that matched nothing (those that matched have no message)."""
    return [entry for entry in entries if entry.message]


def targets(tree: YMap) -> dict[str, Target]:
    spec = build_tracking_plan("plan.json", tree, Taxonomy.builtin())
    return {target.ref: target for target in spec.targets}


def test_plan_defaults_reach_every_field_and_remember_the_file_they_were_written_in() -> None:
    tree = plan()
    assert (
        unmatched(lay_over(tree, overlay("plan: App\ndefaults: {purpose: analytics.reporting, basis: consent}\n")))
        == []
    )
    email = targets(tree)["Signup.email"]
    assert email.attrs["purposes"] == ["analytics.reporting"]
    origin = email.origins["purpose"]
    assert (origin.path, origin.line, origin.column) == ("d.yaml", 4, 21)


def test_an_event_entry_wins_over_a_properties_entry_which_wins_over_the_defaults() -> None:
    tree = plan()
    text = (
        "plan: App\ndefaults: {retention: P1Y}\nproperties:\n  mail: {retention: P2Y}\n  city: {retention: P3Y}\n"
        "events:\n  Signup:\n    properties:\n      email: {retention: P4Y}\n"
    )
    assert unmatched(lay_over(tree, overlay(text))) == []
    by_ref = targets(tree)
    assert by_ref["Signup.email"].attrs["retention"] == "P4Y"  # by name, under the event
    assert by_ref["Signup.address.city"].attrs["retention"] == "P3Y"  # by name, anywhere
    assert by_ref["traits.email"].attrs["retention"] == "P1Y"  # `mail` is Signup.email's id only


def test_nested_entries_and_event_defaults_follow_the_plans_nesting() -> None:
    tree = plan()
    text = (
        "plan: App\nevents:\n  Signup:\n    defaults: {basis: contract}\n    properties:\n"
        "      address:\n        category: user.contact.address\n        properties:\n"
        "          city: {category: user.contact.address.city}\n"
    )
    assert unmatched(lay_over(tree, overlay(text))) == []
    by_ref = targets(tree)
    assert by_ref["Signup.address"].attrs["category"] == "user.contact.address"
    assert by_ref["Signup.address.city"].attrs["category"] == "user.contact.address.city"
    assert by_ref["Signup.address.city"].attrs["basis"] == "contract"


def test_an_event_named_by_its_native_id_covers_every_event_with_that_id() -> None:
    tree = plan()
    text = "plan: App\nevents:\n  link_click:\n    defaults: {purpose: analytics.reporting}\n"
    assert unmatched(lay_over(tree, overlay(text))) == []
    by_ref = targets(tree)
    assert by_ref["link_click 1-0-0.targetUrl"].attrs["purposes"] == ["analytics.reporting"]
    assert by_ref["link_click 1-0-1.targetUrl"].attrs["purposes"] == ["analytics.reporting"]


def test_a_null_declaration_declares_nothing() -> None:
    tree = plan()
    assert unmatched(lay_over(tree, overlay("plan: App\nproperties:\n  city: {purpose: null}\n"))) == []
    assert "purpose" not in targets(tree)["Signup.address.city"].attrs


def test_every_entry_naming_nothing_is_returned_where_it_is_written_with_a_suggestion() -> None:
    text = (
        "plan: App\nproperties:\n  emial: {}\ntraits:\n  phone: {}\nevents:\n  Sign up: {}\n  Signup:\n"
        "    properties:\n      adress: {}\n      address:\n        properties:\n          town: {}\n"
    )
    entries = lay_over(plan(), overlay(text))
    missing = unmatched(entries)
    assert [(item.line, item.column, item.target) for item in missing] == [
        (5, 3, "properties.emial"),
        (7, 3, "traits.phone"),
        (9, 3, "events.Sign up"),
        (12, 7, "events.Signup.adress"),
        (15, 11, "events.Signup.address.properties.town"),
    ]
    assert "(did you mean `email`?)" in missing[0].message
    assert "(did you mean `Signup`?)" in missing[2].message
    assert "(did you mean `address`?)" in missing[3].message
    assert "did you mean" not in missing[4].message  # `town` is like nothing in `address`
    # What matched is returned too, without a message: another file of the plan may miss it.
    assert [item.target for item in entries if not item.message] == ["events.Signup", "events.Signup.address"]


def test_an_overlay_names_one_plan_or_several() -> None:
    assert overlay("plan: App\n").plans == ("App",)
    assert overlay("plan: [App, Web]\n").plans == ("App", "Web")
    assert (overlay("plan: [App, Web]\n").line, overlay("plan: App\n").column) == (3, 7)
