"""An object and the fields nested in it that share one missing declaration: one finding, at the object."""

from __future__ import annotations

from pathlib import Path

from tests.engine.support import check_plan, messages, places

NOTHING = "{basis: legitimate_interests, retention: P13M, category: none}"


def test_a_missing_purpose_is_one_finding_at_the_object_saying_how_many_nested_fields_share_it(
    tmp_path: Path,
) -> None:
    found = check_plan(
        tmp_path,
        """\
        events:
          Order Completed:
            properties:
              address:
                type: object
                properties:
                  city: {type: string}
                  geo:
                    type: object
                    properties:
                      lat: {type: number, category: user.location.imprecise}
                  street: {type: string, purpose: essential.service}
              total: {type: number}
        """,
        defaults=NOTHING,
    )
    # address, city, geo and geo.lat lack a purpose (street declares its own); total is apart.
    assert places(found, "ML001") == [("plan.yaml", 8, 7), ("plan.yaml", 17, 7)]
    assert messages(found, "ML001") == [
        "field `Order Completed.address` declares no purpose (and so do its 3 nested fields)",
        "field `Order Completed.total` declares no purpose",
    ]


def test_each_folding_rule_folds_on_its_own_and_other_rules_stay_per_field(tmp_path: Path) -> None:
    found = check_plan(
        tmp_path,
        """\
        traits:
          profile:
            type: object
            retention: P1Y
            properties:
              email: {type: string}
              nickname: {type: string, retention: null}
        """,
        defaults="{purpose: analytics.reporting, basis: legitimate_interests}",
    )
    # ML003: the object declares a retention, so nothing to fold; ML101 is per field.
    assert places(found, "ML003") == []
    assert places(found, "ML101") == [("plan.yaml", 10, 7), ("plan.yaml", 11, 7)]
