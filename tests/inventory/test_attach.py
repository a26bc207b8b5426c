"""Which field a finding concerns."""

from __future__ import annotations

import pytest

from minlint.findings import Finding
from minlint.inventory.attach import Attacher, FieldPlace, document_ref
from minlint.model.project import ProjectIndex


@pytest.mark.parametrize(
    ("target", "ref"),
    [
        ("traits.email.purpse", "traits.email"),
        ("context.ip.type", "context.ip"),
        ("collects.opt_in.retention", "collects.opt_in"),
        ("events.Signed Up.properties.source.type", "Signed Up.source"),
        ("events.Order Completed.properties.products.items.properties.sku.type", "Order Completed.products.sku"),
        ("events.Order Completed.properties.address.properties.city", "Order Completed.address.city"),
        ("events.Signed Up.description", None),
        ("defaults.retention", None),
        ("purposes.analytics.bases", None),
    ],
)
def test_document_paths_of_shape_errors_name_fields(target: str, ref: str | None) -> None:
    assert document_ref(target) == ref


PLACES = [
    FieldPlace("web.yaml", "web", "traits.email", 5),
    FieldPlace("web.yaml", "web", "traits.email.domain", 9),
    FieldPlace("app.yaml", "app", "traits.email", 5),
]


def _finding(path: str, line: int, target: str = "", scope: str = "") -> Finding:
    return Finding(path, line, 3, "ML001", "message", "missing-purpose", "error", target, scope)


@pytest.mark.parametrize(
    ("finding", "expected"),
    [
        (_finding("web.yaml", 5, "traits.email", "web"), 0),
        (_finding("app.yaml", 5, "traits.email", "app"), 2),
        (_finding("web.yaml", 9, "traits.email.domain", "web"), 1),  # a nested field, not a declaration
        (_finding("web.yaml", 7, "traits.email.retention", "web"), 0),  # a declaration of the field
        (_finding("web.yaml", 12, "traits.email.purpse"), 0),  # a shape error inside the field
        (_finding("web.yaml", 9, "", ""), 1),  # no target: the line of the field's key
        (_finding("web.yaml", 2, "defaults.retention", "web"), None),  # plan-wide
        (_finding("web.yaml", 5, "traits.email", "app"), 0),  # wrong scope: falls back to the line
        (_finding("other.yaml", 5, "traits.email", "web"), None),
    ],
)
def test_findings_find_their_field(finding: Finding, expected: int | None) -> None:
    assert Attacher(PLACES, ProjectIndex()).field_of(finding) == expected


def test_split_keeps_order_and_separates_findings_of_no_field() -> None:
    findings = [_finding("web.yaml", 5, "traits.email", "web"), _finding("x.yaml", 1), _finding("web.yaml", 9)]
    by_field, other = Attacher(PLACES, ProjectIndex()).split(findings)
    assert by_field == {0: [findings[0]], 1: [findings[2]]}
    assert other == [findings[1]]
