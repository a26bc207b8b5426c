"""Checks of the ``cpra`` pack (``rules/cpra.yaml``): California's sensitive personal information, sale and sharing.

They run when the configuration's ``jurisdictions`` include ``cpra``. What a plan offers
Californians — the right to limit the use of sensitive personal information, a "Do Not Sell or
Share" link, honouring Global Privacy Control — is declared on the tracking plan (``right_to_limit``,
``opt_out``); a campaign declares its own ``opt_out``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from minlint.engine.core import in_scope
from minlint.engine.principles import personal_recipients
from minlint.engine.rule import CheckContext, Hit
from minlint.engine.wording import code_list
from minlint.model.spec import Target
from minlint.taxonomy import covers


def _plan(context: CheckContext) -> Mapping[str, Any]:
    """The attributes of the tracking plan (or campaign) the target is in."""
    for target in context.spec.targets:
        if target.kind in ("plan", "campaign"):
            return target.attrs
    return {}


def sensitive_use(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Sensitive personal information used beyond what §1798.121 allows is covered by an offered right to limit.

    Options: ``categories`` (the taxonomy keys that are sensitive personal information, §1798.140(ae))
    and ``purposes`` (the uses beyond those allowed without a right to limit).
    """
    attrs = target.attrs
    category = attrs.get("category")
    if not isinstance(category, str) or not any(covers(key, category) for key in options.get("categories", ())):
        return
    beyond = [purpose for purpose in attrs.get("purposes", ()) if in_scope(purpose, options.get("purposes", []))]
    if not beyond or _plan(context).get("right_to_limit") is True:
        return
    yield Hit(
        f"`{target.ref}` is sensitive personal information under the CPRA (`{category}`) used for "
        f"{code_list(beyond)}: Californians must be offered the right to limit that use (§1798.121); offer it "
        "and declare `right_to_limit: true` on the plan, or stop that use"
    )


def sale_or_share(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Personal information sold or shared with a third party is covered by an honoured opt-out.

    A field's ``shared_with`` (a campaign's ``recipients``) naming a recipient the registry calls a
    CPRA ``third_party`` is a sale or share; the plan's (campaign's) ``opt_out`` must include one of
    the ``accepted`` opt-outs (default ``do_not_sell_or_share_link``, ``gpc``).
    """
    attrs = target.attrs
    campaign = target.kind == "campaign"
    third = [name for name, found in personal_recipients(target, context) if found.cpra_role == "third_party"]
    if not third:
        return
    offered = set(attrs.get("opt_out") or []) if campaign else set(_plan(context).get("opt_out") or [])
    accepted = options.get("accepted", ["do_not_sell_or_share_link", "gpc"])
    if offered & set(accepted):
        return
    where = "campaign" if campaign else "plan"
    yield Hit(
        f"personal information goes to {code_list(third)}, a third party under the CPRA: that is a sale or share, "
        f"and Californians may opt out of it (§1798.120, §1798.135); declare the opt-out the {where} honours "
        f"(`opt_out: [do_not_sell_or_share_link, gpc]`)"
    )
