"""Checks of the ``principles`` pack (``rules/principles.yaml``): consent you can point to, and protection.

Minimisation asks whether data is needed; these ask whether what is declared about it can be
relied on: that consent is actually asked and recorded somewhere, that people can opt out of
direct marketing, that sensitive data is protected, and that pseudonymised data is not mistaken
for anonymous data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from minlint.engine.core import in_scope
from minlint.engine.names import words
from minlint.engine.rule import CheckContext, Hit, ProjectContext, ProjectHit
from minlint.engine.wording import did_you_mean
from minlint.model.basis import basis_for
from minlint.model.project import ProjectIndex
from minlint.model.recipients import RecipientDef
from minlint.model.spec import PurposeDef, Target
from minlint.taxonomy import NONE_CATEGORY, covers
from minlint.vocabulary import FORBIDS_IDENTIFYING, PSEUDONYMOUS_PROTECTIONS


def consent_mechanism(index: ProjectIndex, options: Mapping[str, Any], context: ProjectContext) -> Iterator[ProjectHit]:
    """Every registry purpose that fields or campaigns base on consent names how that consent is obtained.

    One finding per registry entry, at the entry (where the fix is made), naming the first use and
    how many more there are. Silent without a purposes registry, and for purposes the registry does
    not know (ML004's).
    """
    registry = context.registry
    if not registry:
        return
    uses: dict[str, list[str]] = {}
    entries: dict[str, PurposeDef] = {}
    for ref, path, line, attrs in sorted(_consenting(index), key=lambda use: (use[1], use[2], use[0])):
        for purpose in attrs.get("purposes", ()):
            if basis_for(attrs, purpose) != "consent":
                continue
            definition = registry.lookup(purpose)
            if definition is None or _mechanism(definition):
                continue
            if definition.bases is not None and "consent" not in definition.bases:
                continue  # consent is not allowed for it at all: ML009's to say
            entries.setdefault(definition.id, definition)
            uses.setdefault(definition.id, []).append(f"`{ref}` ({path}:{line})")
    for purpose_id in sorted(entries):
        definition = entries[purpose_id]
        first, *more = uses[purpose_id]
        others = f" and {len(more)} more" if more else ""
        yield ProjectHit(
            definition.path,
            definition.line,
            definition.column,
            f"consent is the basis of `{purpose_id}` for {first}{others}, but the registry does not say how that "
            f"consent is asked and recorded: declare `consent: {{mechanism: …}}` on `{purpose_id}`",
            purpose_id,
        )


def _consenting(index: ProjectIndex) -> Iterator[tuple[str, str, int, Mapping[str, Any]]]:
    """``(ref, path, line, attrs)`` of every plan field, campaign and campaign field, in path order."""
    for ref in sorted(index.by_ref):
        for definition in index.by_ref[ref]:
            yield ref, definition.path, definition.line, definition.attrs
    for campaign in index.campaigns:
        for target in campaign.targets:
            yield target.ref, campaign.path, target.line, target.attrs


def _mechanism(definition: PurposeDef) -> bool:
    consent = definition.options.get("consent")
    mechanism = consent.get("mechanism") if isinstance(consent, Mapping) else None
    return isinstance(mechanism, str) and bool(mechanism.strip())


def opt_out(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A campaign of direct marketing on consent or legitimate interests declares how people opt out.

    Options: ``purposes`` — the direct-marketing purposes (ids or prefixes; default ``[marketing]``).
    """
    attrs = target.attrs
    if attrs.get("opt_out"):
        return
    scope = options.get("purposes", ["marketing"])
    marketing = [
        (purpose, basis)
        for purpose in attrs.get("purposes", ())
        if in_scope(purpose, scope) and (basis := basis_for(attrs, purpose)) in ("consent", "legitimate_interests")
    ]
    if not marketing:
        return
    purpose, basis = marketing[0]
    right = "withdraw consent (GDPR Art. 7(3))" if basis == "consent" else "object (GDPR Art. 21(2)-(3))"
    yield Hit(
        f"campaign `{target.ref}` markets directly (`{purpose}`, on {basis.replace('_', ' ')}) but declares no way "
        f"to opt out: people must be able to {right} as easily as they were reached; declare `opt_out:` "
        "(`unsubscribe_link`, `preference_center` …)"
    )


def protection(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Special-category data, credentials, government identifiers and financial account data declare ``protection``.

    Options: ``categories`` — the categories (keys covering their descendants) that need protection
    besides special-category data.
    """
    attrs = target.attrs
    if attrs.get("protection"):
        return
    category = attrs.get("category")
    if not isinstance(category, str) or category == NONE_CATEGORY:
        return
    if attrs.get("special"):
        kind = f"special-category data (`{category}`)"
    elif any(covers(scope, category) for scope in options.get("categories", ())):
        kind = f"`{category}` data"
    else:
        return
    yield Hit(
        f"`{target.ref}` is {kind} with no declared protection: declare how it is kept safe "
        "(`protection: encrypted`, `hashed`, `tokenised`, `pseudonymised` or `masked`) and who may read it (`access:`)"
    )


def identifying_despite_limitations(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A plan whose ``limitations`` forbid identifying people holds no direct identifier in the clear.

    Options: ``categories`` — the direct identifiers (keys covering their descendants). A field
    declared ``hashed``, ``tokenised`` or ``pseudonymised`` no longer names anyone by itself.
    """
    attrs = target.attrs
    said = attrs.get("limitations")
    category = attrs.get("category")
    if not isinstance(said, str) or not isinstance(category, str) or category == NONE_CATEGORY:
        return
    if not any(covers(scope, category) for scope in options.get("categories", ())):
        return
    if any(item in PSEUDONYMOUS_PROTECTIONS for item in attrs.get("protection") or ()):
        return
    match = _forbidding(said)
    if match is None:
        return
    at = attrs.get("limitations_at")
    where = f" (line {at[0]})" if isinstance(at, tuple | list) and at else ""
    yield Hit(
        f"`{target.ref}` identifies a person directly (`{category}`), yet the plan's limitations{where} say "
        f'"{_excerpt(said, match.start(), match.end())}": a use that must not identify anyone does not need it; '
        "drop the field, or pseudonymise it (`protection: hashed`) if records must still be linked"
    )


@lru_cache(maxsize=64)
def _forbidding(limitations: str) -> re.Match[str] | None:
    """Where a plan's limitations forbid identifying people, if they do: searched once per plan, not per field."""
    return FORBIDS_IDENTIFYING.search(limitations)


def _excerpt(text: str, start: int, end: int, room: int = 30) -> str:
    """The words of ``text`` around ``start:end``, at most ``room`` characters either side, on one line."""
    left = max(0, start - room)
    right = min(len(text), end + room)
    shown = " ".join(text[left:right].split())
    return ("…" if left else "") + shown + ("…" if right < len(text) else "")


def pseudonymised_as_anonymous(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A hashed, tokenised or pseudonymised identifier is not declared ``category: none``.

    Pseudonymised by its declared ``protection`` or by its name (``hashed_email``, ``email_sha256``:
    ``markers`` together with one of ``identifiers``).
    """
    attrs = target.attrs
    if attrs.get("category") != NONE_CATEGORY:
        return
    declared = [item for item in attrs.get("protection") or () if item in PSEUDONYMOUS_PROTECTIONS]
    if declared:
        how = f"declared `protection: {declared[0]}`"
    else:
        name = str(attrs.get("name", ""))
        parts = set(words(name))
        if parts.isdisjoint(options.get("markers", ())) or parts.isdisjoint(options.get("identifiers", ())):
            return
        how = f"a hashed or tokenised identifier by its name (`{name}`)"
    yield Hit(
        f"`{target.ref}` is {how}, yet declared `category: none`: a hashed or pseudonymised identifier still "
        "singles out a person (GDPR Recital 26) — an ad platform matches it to the account it came from; "
        "declare the category of what was hashed"
    )


def purpose_described(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A registry purpose says, in words a customer could understand, what the data is used for."""
    description = target.attrs.get("description")
    text = " ".join(description.split()) if isinstance(description, str) else ""
    if not text:
        yield Hit(
            f"purpose `{target.ref}` has no description: the privacy notice must tell people in plain words "
            "why their data is used; declare `description:`"
        )
    elif _plain(text) == _plain(target.ref):
        yield Hit(
            f"the description of purpose `{target.ref}` only repeats its id: say in plain words what the data "
            "is used for"
        )


def _plain(text: str) -> str:
    return " ".join(text.lower().replace(".", " ").replace("_", " ").replace("-", " ").split())


def interest_stated(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A registry purpose that allows legitimate interests states the interest pursued (``interest:``)."""
    bases = target.attrs.get("bases")
    if not isinstance(bases, list) or "legitimate_interests" not in bases:
        return
    interest = target.attrs.get("interest")
    if isinstance(interest, str) and interest.strip():
        return
    yield Hit(
        f"purpose `{target.ref}` allows legitimate interests but states no interest pursued: the notice must "
        "name it, and the balancing test weighs it; declare `interest:`"
    )


def _recipients(target: Target) -> list[str]:
    """Who receives the target's data: a field's ``shared_with``, a campaign's ``recipients``."""
    key = "recipients" if target.kind == "campaign" else "shared_with"
    names = target.attrs.get(key) or []
    return [name for name in names if isinstance(name, str)]


def _personal(target: Target) -> bool:
    attrs = target.attrs
    return bool(attrs.get("uses_personal") if target.kind == "campaign" else attrs.get("personal"))


def recipient_declared(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Every recipient the target sends data to is in the recipients registry (when the project has one)."""
    registry = context.recipients
    if not registry:
        return
    for name in _recipients(target):
        if registry.lookup(name) is None:
            yield Hit(
                f"data is shared with `{name}`, which the recipients registry does not declare"
                f"{did_you_mean(name, registry.names())}: declare its role, country and how it erases a person's data"
            )


def personal_recipients(target: Target, context: CheckContext) -> Iterator[tuple[str, RecipientDef]]:
    """The declared recipients a field (a campaign) sends personal data to, with their declarations."""
    if not _personal(target):
        return
    for name in _recipients(target):
        definition = context.recipients.lookup(name)
        if definition is not None:
            yield name, definition


def transfer_mechanism(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Personal data sent to a recipient outside the EEA has a transfer mechanism declared for it."""
    for name, definition in personal_recipients(target, context):
        if definition.outside_eea and not definition.transfer:
            yield Hit(
                f"personal data goes to `{name}` in {definition.country}, outside the EEA, with no transfer "
                f"mechanism: declare `transfer:` (`adequacy`, `sccs`, `bcrs`) for `{name}` in the recipients "
                f"registry ({definition.path}:{definition.line})"
            )


def erasure_possible(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Personal data is not sent to a recipient that cannot erase it."""
    for name, definition in personal_recipients(target, context):
        if definition.erasure == "none":
            yield Hit(
                f"personal data goes to `{name}`, which cannot erase it: a person's request to erase their data "
                "could not be honoured there; stop sending it, or agree erasure with the recipient"
            )
