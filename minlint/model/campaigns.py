"""What a campaign sees of the data it uses, once every plan of the project is known."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from minlint.model.project import ProjectIndex
from minlint.model.spec import Spec
from minlint.vocabulary import CAMPAIGN


def enrich_campaign(campaign: Spec, index: ProjectIndex) -> None:
    """Give a campaign target the attributes of the data it uses (``used_data``, ``uses_special`` …)."""
    target = next(target for target in campaign.targets if target.kind == CAMPAIGN)
    used: list[dict[str, Any]] = []
    for use in campaign.uses:
        found = index.resolve(use.text, suggest=False).resolved
        if found is None:
            continue
        attrs = found.attrs
        used.append(
            {
                "ref": found.qualified,
                "category": attrs.get("category"),
                "personal": attrs.get("personal"),
                "special": attrs.get("special", False),
                "purposes": attrs.get("purposes", []),
            }
        )
    target.attrs["used_data"] = used
    target.attrs["used_refs"] = [item["ref"] for item in used]
    target.attrs["used_categories"] = sorted({item["category"] for item in used if isinstance(item["category"], str)})
    target.attrs["uses_personal"] = any(item["personal"] for item in used)
    target.attrs["uses_special"] = any(item["special"] for item in used)


def uses_reference(attrs: Mapping[str, Any], name: str) -> bool:
    """Whether ``name`` is one of the plan fields a campaign uses, as written or plan-qualified.

    ``attrs`` are the campaign target's, after :func:`enrich_campaign` (``used_refs``); the plan
    prefix may be left out on either side (``traits.email`` is ``web:traits.email`` it uses).
    """
    written = [use for use in attrs.get("uses") or [] if isinstance(use, str)]
    qualified = [ref for ref in attrs.get("used_refs") or [] if isinstance(ref, str)]
    if name in written or name in qualified:
        return True
    bare = name.partition(":")[2] or name
    return any((ref.partition(":")[2] or ref) == bare for ref in qualified) and ":" not in name
