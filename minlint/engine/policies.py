"""Policy checks for an organisation's own packs (``--rules``): lists to enforce come from options.

No built-in rule uses them; ``examples/policies/acme-policy.yaml`` shows each. ``max-retention`` is
the core pack's ``retention-limit`` with a limit from options (:mod:`minlint.engine.core`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from minlint.engine.core import in_scope
from minlint.engine.rule import CheckContext, Hit
from minlint.engine.wording import code_list
from minlint.model.spec import Target
from minlint.taxonomy import covers


def allowed_recipients(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Data goes only to approved recipients. Options: ``recipients`` (the approved list)."""
    approved = {str(item) for item in options.get("recipients") or ()}
    key = "recipients" if target.kind == "campaign" else "shared_with"
    for recipient in target.attrs.get(key, ()):
        if recipient not in approved:
            yield Hit(
                f"`{target.ref}` sends data to `{recipient}`, which is not an approved recipient "
                f"(approved: {code_list(sorted(approved)) or 'none'})"
            )


def forbid_categories_for_purposes(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Some categories must never serve some purposes.

    Options: ``categories`` (category keys, covering their descendants; the words ``special`` and
    ``personal`` stand for all such data) and ``purposes`` (purpose ids or prefixes). For a campaign
    target the categories are those of the data it uses.
    """
    attrs = target.attrs
    forbidden = [str(item) for item in options.get("categories") or ()]
    purposes = [purpose for purpose in attrs.get("purposes", ()) if in_scope(purpose, options.get("purposes"))]
    if not purposes:
        return
    if target.kind == "campaign":
        used = attrs.get("used_data", [])
    else:
        used = [
            {
                "ref": target.ref,
                "category": attrs.get("category"),
                "special": attrs.get("special"),
                "personal": attrs.get("personal"),
            }
        ]
    for item in used:
        category = item.get("category")
        for rule in forbidden:
            hit = (
                (rule == "special" and item.get("special"))
                or (rule == "personal" and item.get("personal"))
                or (isinstance(category, str) and covers(rule, category))
            )
            if hit:
                what = f"special-category data (`{category}`)" if rule == "special" else f"`{category}` data"
                subject = (
                    f"`{target.ref}` uses `{item['ref']}`, " if target.kind == "campaign" else f"`{target.ref}` is "
                )
                yield Hit(f"{subject}{what}, for `{purposes[0]}`, which this policy forbids")
                break
