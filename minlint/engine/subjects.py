"""The subject identifier (ML310): which field finds a person's data when they ask for it.

A person may ask to see, correct, take away or erase their data (GDPR Art. 15-17, 20; CPRA
§1798.105, .106, .110). Answering means finding every record of that person, so a plan holding
personal data declares ``subject_id:`` — the field, or fields, each record can be looked up by.
``minlint dsr`` builds its runbook from these declarations.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from minlint.engine.names import words
from minlint.engine.rule import CheckContext, Hit
from minlint.engine.wording import code_list, did_you_mean
from minlint.model.campaigns import uses_reference
from minlint.model.spec import Target
from minlint.taxonomy import covers

# Categories whose fields are likely subject identifiers, most likely first (the suggestion in a message).
IDENTIFIER_CATEGORIES = (
    "user.unique_id",
    "user.contact.email",
    "user.device.cookie_id",
    "user.device.device_id",
    "user.contact.phone_number",
)
# Where a person-level identifier usually sits: traits and context before an event's properties.
_SECTION_RANK = {"traits": 0, "context": 1, "collects": 2}
# Words that make a used reference look like an identifier (a campaign's suggestion).
_IDENTIFIER_WORDS = frozenset({"email", "user", "customer", "account", "member", "subscriber"})


def likely_identifier(fields: list[Target]) -> Target | None:
    """The field most likely to find a person's data: by category, then section, then document order."""
    ranked = []
    for order, target in enumerate(fields):
        declared = target.attrs.get("category")
        if not isinstance(declared, str):
            continue
        rank = next((rank for rank, key in enumerate(IDENTIFIER_CATEGORIES) if covers(key, declared)), None)
        if rank is not None:
            section = _SECTION_RANK.get(str(target.attrs.get("section")), 3)
            ranked.append((rank, section, target.attrs.get("depth", 0), order, target))
    return min(ranked, key=lambda item: item[:4])[4] if ranked else None


def _suggestion(target: Target, personal: list[Target]) -> str:
    """A ``subject_id`` to suggest: a likely identifier of the plan, else (a campaign) a used reference."""
    likely = likely_identifier(personal)
    if likely is not None:
        return likely.ref
    for use in target.attrs.get("uses") or []:
        if isinstance(use, str) and _IDENTIFIER_WORDS & set(words(use.rpartition(".")[2])):
            return use
    return "traits.user_id"


def subject_identifier(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """A plan (a campaign that collects data) holding personal data names its subject identifier.

    Runs when the project has a recipients registry, i.e. declares how people's requests are
    served. A campaign may name a collected field or a plan field it ``uses``. Also reports a
    ``subject_id`` naming no field of the plan, or a field declared not personal (a field that
    finds a person is personal data).
    """
    if not context.recipients:
        return
    fields = context.spec.fields()
    personal = [field for field in fields if field.attrs.get("personal") is True]
    attrs = target.attrs
    names = [name if isinstance(name, str) else "" for name in attrs.get("subject_id") or []]
    where = "campaign" if target.kind == "campaign" else "plan"
    if not any(names):
        if not personal:
            return
        example = _suggestion(target, personal)
        shown = code_list([field.ref for field in personal[:3]])
        more = f" and {len(personal) - 3} more" if len(personal) > 3 else ""
        yield Hit(
            f"`{target.ref}` holds personal data ({shown}{more}) but declares no `subject_id`: nobody can tell "
            f"which field finds a person's data when they ask to see or erase it; declare it on the {where}, "
            f"e.g. `subject_id: {example}`",
            target.line,
            target.column,  # at the plan's (campaign's) name, not at a campaign's basis
        )
        return
    by_ref = {field.ref: field for field in fields}
    used = [use for use in attrs.get("uses") or [] if isinstance(use, str)]  # a campaign's plan fields
    places = attrs.get("subject_id_at") or []
    # Declared in a declarations file: its positions are in that file, so report at the plan.
    declared_elsewhere = bool(attrs.get("subject_id_in"))
    seen: set[str] = set()
    for index, name in enumerate(names):
        if not name or name in seen:
            continue  # an empty entry is ML902's; a repeated one says nothing new
        seen.add(name)
        line, column = places[index] if index < len(places) and not declared_elsewhere else (None, None)
        field = by_ref.get(name)
        if field is None and target.kind == "campaign" and uses_reference(attrs, name):
            continue  # a plan field the campaign uses: whether it resolves is ML201's to say
        if field is None and declared_elsewhere:
            continue  # a declarations file's entry: ML908 reports it once if no file of the plan has it
        if field is None:
            yield Hit(
                f"`subject_id` names `{name}`, which the {where} does not define"
                f"{did_you_mean(name, [*by_ref, *used])}: name the field that finds a person's data, by its "
                "reference as minlint shows it (`traits.email`, `context.user_id`)",
                line,
                column,
            )
        elif field.attrs.get("personal") is False:
            yield Hit(
                f"`subject_id` names `{name}`, declared not personal (`category: "
                f"{field.attrs.get('category')}`): a field that finds a person's data is personal data; "
                "declare its category (e.g. `user.unique_id`)",
                line,
                column,
            )
