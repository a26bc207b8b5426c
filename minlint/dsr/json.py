"""The ``json`` runbook: ``{"version": 1, "generated_from", "identifiers", "stores", "recipients", "gaps"}``.

For a ticketing or privacy-request tool that opens one task per store and recipient. The shape is
versioned; keys are never renamed within a version, only added.
"""

from __future__ import annotations

from typing import Any

from minlint.dsr.model import Gap, RecipientStep, Runbook, Store
from minlint.formatters.jsontext import dumps

RUNBOOK_FORMAT_VERSION = 1


def _store(store: Store) -> dict[str, Any]:
    return {
        "name": store.name,
        "kind": store.kind,
        "path": store.file,
        "line": store.line,
        "subject_ids": [
            {
                "ref": key.ref,
                "category": key.category or None,
                "category_name": key.category_name or None,
                "personal": key.personal,
            }
            for key in store.subject_ids
        ],
        "fields": [
            {
                "ref": field.ref,
                "path": field.file,
                "line": field.line,
                "category": field.category or None,
                "category_name": field.category_name or None,
                "special": field.special,
                "retention": field.retention or None,
                "purposes": list(field.purposes),
                "recipients": list(field.recipients),
            }
            for field in store.fields
        ],
        "recipients": list(store.recipients),
        "declared_subject_ids": list(store.declared_ids),
    }


def _recipient(step: RecipientStep) -> dict[str, Any]:
    return {
        "name": step.name,
        "declared": step.declared,
        "description": step.description or None,
        "role": step.role or None,
        "cpra_role": step.cpra_role or None,
        "country": step.country or None,
        "erasure": step.erasure or None,
        "export": step.export or None,
        "path": step.file or None,
        "line": step.line or None,
        "receives": list(step.receives),
    }


def _gap(gap: Gap) -> dict[str, Any]:
    return {"kind": gap.kind, "message": gap.message, "path": gap.file or None, "line": gap.line or None}


def render_json(runbook: Runbook) -> str:
    """The runbook as one JSON document."""
    document = {
        "version": RUNBOOK_FORMAT_VERSION,
        "generated_from": runbook.generated_from,
        "identifiers": [
            {
                "category": identifier.category,
                "name": identifier.name or None,
                "finds": [{"store": use.store, "ref": use.ref} for use in identifier.uses],
            }
            for identifier in runbook.identifiers
        ],
        "stores": [_store(store) for store in runbook.stores],
        "recipients": [_recipient(step) for step in runbook.recipients],
        "gaps": [_gap(gap) for gap in runbook.gaps],
    }
    return dumps(document) + "\n"
