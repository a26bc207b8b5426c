"""A plan as a Fides dataset: collections, nested fields, categories, types and identities."""

from __future__ import annotations

from typing import Any

import pytest

from minlint.export.datasets import dataset_resource, fides_type
from tests.export.support import build_plan

PLAN = """\
minlint: 1
kind: tracking-plan
name: web
description: What the shop sends.
subject_id: traits.email
context:
  ip: {type: string, category: user.device.ip_address}
traits:
  email: {type: [string, "null"], category: user.contact.email, description: Where receipts go.}
events:
  Page Viewed:
    description: A page was shown.
  Order Completed:
    properties:
      lines:
        type: array
        items:
          type: object
          properties:
            sku: {type: string, category: none}
      total: {type: number}
"""


@pytest.mark.parametrize(
    ("attrs", "nested", "expected"),
    [
        ({"type": "string"}, False, "string"),
        ({"type": "number"}, False, "float"),
        ({"type": ["integer", "null"]}, False, "integer"),
        ({"type": "array", "items": {"type": "boolean"}}, False, "boolean[]"),
        ({"type": "array", "items": {"type": "object"}}, True, "object[]"),
        ({"type": "array"}, True, "object[]"),
        ({"type": "object"}, True, "object"),
        ({"type": "string"}, True, None),  # nested fields under a string: Fides would refuse the pair
        ({"type": "datetime"}, False, None),
        ({}, False, None),
    ],
)
def test_a_fields_type_is_fides_data_type_when_fides_has_one(
    attrs: dict[str, Any], nested: bool, expected: str | None
) -> None:
    assert fides_type(attrs, nested) == expected


def test_a_plan_is_a_dataset_with_a_collection_per_section_and_event() -> None:
    resource = dataset_resource("web", [build_plan(PLAN)], {"traits.email": "email"})
    assert resource == {
        "fides_key": "web",
        "name": "web",
        "description": "What the shop sends.",
        "collections": [
            {
                "name": "context",
                "fields": [
                    {"name": "ip", "data_categories": ["user.device.ip_address"], "fides_meta": {"data_type": "string"}}
                ],
            },
            {
                "name": "traits",
                "fields": [
                    {
                        "name": "email",
                        "description": "Where receipts go.",
                        "data_categories": ["user.contact.email"],
                        "fides_meta": {"identity": "email", "data_type": "string"},
                    }
                ],
            },
            {"name": "Page Viewed", "description": "A page was shown.", "fields": []},
            {
                "name": "Order Completed",
                "fields": [
                    {
                        "name": "lines",
                        "fides_meta": {"data_type": "object[]"},
                        "fields": [{"name": "sku", "data_categories": ["none"], "fides_meta": {"data_type": "string"}}],
                    },
                    {"name": "total", "fides_meta": {"data_type": "float"}},
                ],
            },
        ],
    }


def test_a_plan_read_from_several_files_is_one_dataset() -> None:
    one = build_plan(PLAN.split("events:", maxsplit=1)[0], "one.yaml")
    other = build_plan("minlint: 1\nkind: tracking-plan\nname: web\nevents:\n  Signed Up: {}\n", "two.yaml")
    resource = dataset_resource("web", [one, other], {})
    assert [collection["name"] for collection in resource["collections"]] == ["context", "traits", "Signed Up"]
