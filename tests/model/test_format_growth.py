"""What format 1 grew to say what real plans say: bounds, unions, closed objects, event types and versions,
variants, and a shared property catalog (``use``)."""

from __future__ import annotations

import textwrap

from minlint.model.spec import Spec, Target
from minlint.readers import ReadOptions, read
from minlint.vocabulary import SHAPE

HEAD = "minlint: 1\nkind: tracking-plan\nname: shop\n"


def document(body: str) -> tuple[Spec, list[tuple[str, int, int, str]]]:
    text = HEAD + textwrap.dedent(body)
    read_back = read("plan.yaml", text.encode(), ReadOptions())
    assert read_back.spec is not None, read_back.problems
    problems = [(problem.code, problem.line, problem.column, problem.message) for problem in read_back.problems]
    return read_back.spec, problems


def targets(spec: Spec) -> dict[str, Target]:
    return {target.ref: target for target in spec.targets}


def test_bounds_unions_and_closed_objects_are_valid_facts_rules_can_read() -> None:
    spec, problems = document(
        """\
        traits:
          amount: {type: [number, string], nullable: true, required: true, minimum: 0, maximum: 10000}
          coupon: {type: string, minLength: 4, maxLength: 12}
          address: {type: object, additionalProperties: false, properties: {city: {type: string}}}
        """
    )
    assert problems == []
    amount = targets(spec)["traits.amount"].attrs
    assert (amount["required"], amount["nullable"], amount["minimum"], amount["maximum"]) == (True, True, 0, 10000)
    assert targets(spec)["traits.coupon"].attrs["minLength"] == 4


def test_an_event_says_its_type_and_version_and_its_variants_fields_are_its_own() -> None:
    spec, problems = document(
        """\
        events:
          Payment Added:
            type: track
            version: 1-0-2
            properties:
              method: {type: string, enum: [card, iban]}
            variants:
              discriminator: method
              cases:
                - match: [card]
                  properties:
                    card_brand: {type: string}
                - match: [iban]
                  properties:
                    card_brand: {type: string}
                    bank: {type: string}
        """
    )
    assert problems == []
    by_ref = targets(spec)
    event = by_ref["Payment Added"].attrs
    assert (event["event_type"], event["version"]) == ("track", "1-0-2")
    fields = [target.ref for target in spec.fields()]
    assert fields == ["Payment Added.method", "Payment Added.card_brand", "Payment Added.bank"]
    assert (by_ref["Payment Added.card_brand"].line, by_ref["Payment Added.card_brand"].column) == (15, 13)


def test_a_field_using_a_catalog_entry_gets_its_facts_and_declarations_and_its_own_keys_win() -> None:
    spec, problems = document(
        """\
        properties:
          email: {type: string, format: email, category: user.contact.email, purpose: essential.service}
        events:
          Signed Up:
            properties:
              email: {use: email, required: true, purpose: analytics.reporting}
          Logged In:
            properties:
              login_email: {use: email}
        """
    )
    assert problems == []
    by_ref = targets(spec)
    signed_up, logged_in = by_ref["Signed Up.email"].attrs, by_ref["Logged In.login_email"].attrs
    assert (signed_up["format"], signed_up["category"], signed_up["required"]) == ("email", "user.contact.email", True)
    assert signed_up["purposes"] == ["analytics.reporting"]  # its own key wins
    assert logged_in["purposes"] == ["essential.service"]  # the catalog's declaration applies where it is used
    assert (by_ref["Logged In.login_email"].line, by_ref["Logged In.login_email"].column) == (12, 7)


def test_an_unknown_catalog_id_is_a_shape_problem_at_the_use_value_with_a_suggestion() -> None:
    _, problems = document(
        """\
        properties:
          email: {type: string}
        traits:
          contact: {use: emial}
        """
    )
    assert [(code, line, column) for code, line, column, _ in problems] == [(SHAPE, 7, 18)]
    assert "did you mean `email`" in problems[0][3]


def test_event_types_are_a_closed_list() -> None:
    _, problems = document("events:\n  Viewed:\n    type: pageview\n")
    assert [(code, line) for code, line, _, _ in problems] == [(SHAPE, 6)]
