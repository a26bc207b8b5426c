"""The ``json`` inventory: ``{"version": 1, "summary", "purposes", "fields", "campaigns", …}``.

For other tools (a data catalogue, a consent platform). The shape is versioned; keys are never
renamed within a version, only added. Written by :func:`minlint.formatters.jsontext.dumps`, so no
raw control character of spec text reaches the file.
"""

from __future__ import annotations

from typing import Any

from minlint.formatters.jsontext import dumps
from minlint.inventory.model import CampaignView, FindingRef, Inventory, PurposeView, Row

INVENTORY_FORMAT_VERSION = 1


def _finding(item: FindingRef) -> dict[str, Any]:
    return {
        "rule": item.rule,
        "name": item.name,
        "severity": item.severity,
        "message": item.message,
        "path": item.file,
        "line": item.line,
    }


def _field(row: Row) -> dict[str, Any]:
    return {
        "path": row.file,
        "line": row.line,
        "plan": row.plan,
        "ref": row.ref,
        "section": row.section,
        "event": row.event or None,
        "collected_by": row.collected_by or None,
        "description": row.description or None,
        "category": row.category or None,
        "category_name": row.category_name or None,
        "personal": row.personal,
        "special": row.special,
        "regime": row.regime or None,
        "purposes": [{"id": purpose.id, "description": purpose.description or None} for purpose in row.purposes],
        "bases": dict(row.purpose_bases),
        "basis": row.basis or None,
        "retention": row.retention or None,
        "retention_days": row.retention_days,
        "retention_by_purpose": {purpose: text for purpose, text, _ in row.purpose_retention},
        "shared_with": list(row.shared_with),
        "recipients": list(row.recipients),
        "campaigns": list(row.campaigns),
        "findings": [_finding(item) for item in row.findings],
    }


def _purpose(view: PurposeView) -> dict[str, Any]:
    return {
        "id": view.id,
        "name": view.name or None,
        "description": view.description or None,
        "declared": view.declared,
        "categories": [
            {"key": item.key, "name": item.name or None, "personal": item.personal, "special": item.special}
            for item in view.categories
        ],
        "special": view.special,
        "bases": list(view.bases),
        "retention": list(view.retention),
        "max_retention": view.max_retention or None,
        "recipients": list(view.recipients),
        "campaigns": list(view.campaigns),
        "fields": view.fields,
        "personal_fields": view.personal_fields,
    }


def _campaign(view: CampaignView) -> dict[str, Any]:
    return {
        "name": view.name,
        "path": view.file,
        "line": view.line,
        "description": view.description or None,
        "purposes": list(view.purposes),
        "basis": view.basis or None,
        "recipients": list(view.recipients),
        "uses": list(view.uses),
        "collects": list(view.collects),
    }


def inventory_dict(inventory: Inventory) -> dict[str, Any]:
    """The inventory as plain data, in the documented ``version: 1`` shape."""
    counts = inventory.summary
    return {
        "version": INVENTORY_FORMAT_VERSION,
        "generated_from": inventory.generated_from,
        "summary": {
            "fields": counts.fields,
            "personal": counts.personal,
            "special": counts.special,
            "uncategorised": counts.uncategorised,
            "purposes": counts.purposes,
            "campaigns": counts.campaigns,
            "plans": counts.plans,
            "findings": counts.findings,
            "errors": counts.errors,
            "warnings": counts.warnings,
            "infos": counts.infos,
            "fields_with_findings": counts.fields_with_findings,
            "findings_by_rule": [
                {"rule": item.rule, "name": item.name, "severity": item.severity, "count": item.count}
                for item in inventory.findings_by_rule
            ],
        },
        "purposes": [_purpose(view) for view in inventory.purposes],
        "fields": [_field(row) for row in inventory.rows],
        "campaigns": [_campaign(view) for view in inventory.campaigns],
        "other_findings": [_finding(item) for item in inventory.other_findings],
    }


def render_json(inventory: Inventory) -> str:
    """The inventory as indented JSON (stable key order, UTF-8 characters kept, control characters escaped)."""
    return dumps(inventory_dict(inventory)) + "\n"
