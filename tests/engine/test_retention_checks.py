"""Retention per purpose, end to end (ML003, ML006-ML008 and the max-retention policy): files in, findings out.

Storage limitation applies purpose by purpose: each purpose's own retention is checked against that
purpose's limit, and one retention serving several purposes against the shortest of their limits.
"""

from __future__ import annotations

from pathlib import Path

from minlint.engine.rule import RuleDef
from tests.engine.support import check, check_plan, messages, places, plan

REGISTRY = """\
    minlint: 1
    kind: purposes
    purposes:
      analytics.reporting: {description: Reports., bases: [legitimate_interests], interest: Use., max_retention: P25M}
      essential.legal_obligation: {description: Tax records., bases: [legal_obligation], max_retention: P10Y}
      essential.service: {description: The service., bases: [contract]}
    """
BASES = "{analytics.reporting: legitimate_interests, essential.legal_obligation: legal_obligation}"
TAX = "{purpose: [analytics.reporting, essential.legal_obligation], basis: " + BASES + ", category: none}"


def check_order(folder: Path, retention: str, defaults: str = TAX) -> list[object]:
    """A plan whose `Order Completed.order_id` (line 8, column 7) declares ``retention``."""
    body = f"""\
        events:
          Order Completed:
            properties:
              order_id: {{type: string, retention: {retention}}}
        """
    return check_plan(folder, body, defaults, others={"purposes.yaml": REGISTRY})  # type: ignore[return-value]


# --- ML008: each purpose's limit --------------------------------------------------------------------------


def test_one_retention_for_two_purposes_is_held_to_the_shorter_limit_and_the_fix_splits_it(tmp_path: Path) -> None:
    found = check_order(tmp_path, "P10Y")
    assert places(found, "ML008") == [("plan.yaml", 8, 7)]
    assert messages(found, "ML008") == [
        "`Order Completed.order_id` is kept for 10 years, but `analytics.reporting` allows at most 25 months; "
        "one retention for several purposes must meet the shortest of their limits: give each purpose its own "
        "(`retention: {analytics.reporting: P25M, essential.legal_obligation: P10Y}`)"
    ]


def test_one_retention_within_the_shortest_limit_passes(tmp_path: Path) -> None:
    assert places(check_order(tmp_path, "P2Y"), "ML008") == []


def test_a_retention_per_purpose_is_checked_entry_by_entry(tmp_path: Path) -> None:
    assert places(check_order(tmp_path, "{analytics.reporting: P25M, essential.legal_obligation: P10Y}"), "ML008") == []
    found = check_order(tmp_path, "{analytics.reporting: P3Y, essential.legal_obligation: P11Y}")
    assert places(found, "ML008") == [("plan.yaml", 8, 7), ("plan.yaml", 8, 7)]
    assert sorted(messages(found, "ML008")) == [
        "`Order Completed.order_id` is kept for 11 years for `essential.legal_obligation`, which allows at most "
        "10 years",
        "`Order Completed.order_id` is kept for 3 years for `analytics.reporting`, which allows at most 25 months",
    ]


def test_a_purpose_with_no_limit_imposes_none_and_the_others_still_apply(tmp_path: Path) -> None:
    defaults = "{purpose: [analytics.reporting, essential.service], basis: {analytics.reporting: legitimate_interests, essential.service: contract}, category: none}"  # noqa: E501
    found = check_order(tmp_path, "P3Y", defaults)
    assert messages(found, "ML008") == [
        "`Order Completed.order_id` is kept for 3 years, but `analytics.reporting` allows at most 25 months; "
        "one retention for several purposes must meet the shortest of their limits: give each purpose its own "
        "(`retention: {analytics.reporting: P25M, essential.service: P3Y}`)"
    ]


def test_a_retention_after_an_event_is_checked_but_not_rewritten_in_the_suggestion(tmp_path: Path) -> None:
    found = check_order(tmp_path, "{duration: P5Y, after: order_date}")
    assert messages(found, "ML008") == [
        "`Order Completed.order_id` is kept for 5 years after order date, but `analytics.reporting` allows at most "
        "25 months; one retention for several purposes must meet the shortest of their limits: give each purpose "
        "its own"
    ]


def test_a_max_retention_policy_reads_the_retention_of_the_purposes_it_covers(tmp_path: Path) -> None:
    rule = RuleDef(
        id="ORG001",
        name="analytics-25-months",
        severity="error",
        targets=("field",),
        summary="Analytics data is kept at most 25 months.",
        rationale="Policy §4.",
        fix="Shorten it.",
        check="max-retention",
        options={"limit": "P25M", "purposes": ["analytics"]},
    )
    body = """\
        traits:
          order_id: {retention: {analytics.reporting: P13M, essential.legal_obligation: P10Y}}
          cart_id: {retention: {analytics.reporting: P3Y, essential.legal_obligation: P1Y}}
        """
    found = check(tmp_path, {"plan.yaml": plan(body, TAX)}, [rule])
    assert messages(found, "ORG001") == [
        "`traits.cart_id` is kept for 3 years for `analytics.reporting`, but such data may be kept at most 25 months"
    ]


# --- ML003: a purpose the mapping leaves out --------------------------------------------------------------


def test_a_purpose_the_mapping_leaves_out_has_no_retention(tmp_path: Path) -> None:
    found = check_order(tmp_path, "{analytics.reporting: P13M}")
    assert places(found, "ML003") == [("plan.yaml", 8, 7)]
    assert messages(found, "ML003") == [
        "`Order Completed.order_id` has no retention for its purpose `essential.legal_obligation`"
    ]


def test_a_key_covers_its_sub_purposes(tmp_path: Path) -> None:
    found = check_order(tmp_path, "{analytics: P13M, essential: P10Y}")
    assert [f.rule for f in found] == []


def test_a_mapping_in_the_defaults_is_inherited_and_a_field_may_replace_it(tmp_path: Path) -> None:
    defaults = TAX.replace(", category: none}", ", category: none, retention: {analytics.reporting: P13M}}")
    body = """\
        traits:
          order_id: {}
          invoice_id: {retention: {analytics.reporting: P13M, essential.legal_obligation: P10Y}}
        """
    found = check_plan(tmp_path, body, defaults, others={"purposes.yaml": REGISTRY})
    assert places(found, "ML003") == [("plan.yaml", 6, 3)]


# --- ML006 and ML007: at the entry ------------------------------------------------------------------------


def test_an_unreadable_entry_and_a_key_that_is_no_purpose_are_reported_at_the_entry(tmp_path: Path) -> None:
    found = check_order(tmp_path, "{analytics.reporting: 25, essential.legal_obligation: P10Y, marketing: P1Y}")
    assert places(found, "ML006") == [("plan.yaml", 8, 65), ("plan.yaml", 8, 114)]
    assert messages(found, "ML006") == [
        "retention for `analytics.reporting`: retention `25` has no unit; write `25 days` (`P25D`), "
        "`25 months` (`P25M`) or `25 years` (`P25Y`), whichever is meant",
        "retention is given for `marketing`, which is not a purpose of `Order Completed.order_id`",
    ]
    assert places(found, "ML902") == []  # the shape is right: a mapping from purpose to retention


def test_an_entry_kept_forever_is_reported_at_the_entry(tmp_path: Path) -> None:
    found = check_order(tmp_path, "{analytics.reporting: P13M, essential.legal_obligation: forever}")
    assert places(found, "ML007") == [("plan.yaml", 8, 99)]
    assert messages(found, "ML007") == [
        "retention `forever` for `essential.legal_obligation` means the data is never deleted"
    ]


def test_an_entry_in_the_defaults_is_reported_once_at_the_defaults(tmp_path: Path) -> None:
    defaults = TAX.replace(
        ", category: none}", ", category: none, retention: {analytics.reporting: 13, essential.legal_obligation: P10Y}}"
    )
    body = """\
        traits:
          order_id: {}
          invoice_id: {}
        """
    found = check_plan(tmp_path, body, defaults, others={"purposes.yaml": REGISTRY})
    assert len(places(found, "ML006")) == 1
    assert places(found, "ML006")[0][1] == 4


def test_an_after_without_a_duration_is_one_retention_missing_its_duration(tmp_path: Path) -> None:
    found = check_order(tmp_path, "{after: account_closure}")
    assert messages(found, "ML006") == [
        "a retention with `after` needs a `duration` too: `{duration: P30D, after: EVENT}`"
    ]
    assert [f.message for f in found if f.rule == "ML902"] == ["missing required key `duration`"]
