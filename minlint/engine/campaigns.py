"""Project checks: campaigns against tracking plans, and definitions across plans.

These need the whole project at once, so they run after every file has been read, over the
:class:`~minlint.model.project.ProjectIndex`. Findings about a campaign's ``uses`` entry point at
that list item.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from minlint.engine.rule import ProjectContext, ProjectHit
from minlint.engine.wording import code_list
from minlint.model.project import Definition, ProjectIndex, picker
from minlint.model.retention import RetentionError, parse_retention
from minlint.model.retention_by_purpose import declared_for
from minlint.model.spec import Spec, Use
from minlint.taxonomy import covers


def _uses(index: ProjectIndex) -> Iterator[tuple[Spec, Use, tuple[Definition, ...]]]:
    for campaign in index.campaigns:
        for use in campaign.uses:
            yield campaign, use, index.resolve(use.text, suggest=False).definitions


def _campaign_purposes(campaign: Spec) -> list[str]:
    target = next(target for target in campaign.targets if target.kind == "campaign")
    purposes: list[str] = target.attrs.get("purposes", [])
    return purposes


def unresolved_reference(
    index: ProjectIndex, options: Mapping[str, Any], context: ProjectContext
) -> Iterator[ProjectHit]:
    """Every reference in a campaign's ``uses`` names exactly one field of the project's plans."""
    for campaign, use, definitions in _uses(index):
        if len(definitions) == 1:
            continue
        if definitions and len({definition.plan for definition in definitions}) == 1:
            places = ", ".join(
                f"event `{d.attrs['event']}`" if d.attrs.get("event") else f"`{d.attrs.get('section')}`"
                for d in definitions
            )
            message = (
                f"`{use.text}` names {len(definitions)} different fields of plan `{definitions[0].plan}` "
                f"({places}): event names with dots make it ambiguous; rename one of them"
            )
        elif definitions:
            plans = sorted({definition.plan for definition in definitions})
            base = use.text.partition(":")[2] if ":" in use.text and use.text.partition(":")[0] in plans else use.text
            message = (
                f"`{use.text}` is defined by several plans ({code_list(plans)}); "
                f"say which with a plan prefix, e.g. `{plans[0]}:{base}`"
            )
        else:
            prefix, colon, _ = use.text.partition(":")
            if colon and "." not in prefix and prefix not in index.plans:
                known = code_list(sorted(index.plans)) or "none"
                message = f"`{use.text}`: no tracking plan is named `{prefix}` (plans: {known})"
            else:
                suggestion = index.resolve(use.text).suggestion
                hint = f" (did you mean `{suggestion}`?)" if suggestion else ""
                message = f"`{use.text}` is not defined by any tracking plan of the project{hint}"
        yield ProjectHit(campaign.path, use.line, use.column, message, f"uses.{use.text}", campaign.name)


def purpose_mismatch(index: ProjectIndex, options: Mapping[str, Any], context: ProjectContext) -> Iterator[ProjectHit]:
    """The campaign's purpose is among the purposes the used field was collected for.

    A declared purpose covers its sub-purposes (``marketing`` covers ``marketing.communications.email``),
    not the other way round.
    """
    for campaign, use, definitions in _uses(index):
        if len(definitions) != 1:
            continue
        declared: list[str] = definitions[0].attrs.get("purposes", [])
        for purpose in _campaign_purposes(campaign):
            if not any(covers(own, purpose) for own in declared):
                collected = code_list(declared) if declared else "no declared purpose"
                yield ProjectHit(
                    campaign.path,
                    use.line,
                    use.column,
                    f"campaign `{campaign.name}` uses `{use.text}` for `{purpose}`, but it was collected for "
                    f"{collected} (purpose limitation)",
                    f"uses.{use.text}",
                    campaign.name,
                )


def undeclared_recipient(
    index: ProjectIndex, options: Mapping[str, Any], context: ProjectContext
) -> Iterator[ProjectHit]:
    """Every recipient of the campaign is listed in the used field's ``shared_with``."""
    for campaign, use, definitions in _uses(index):
        if len(definitions) != 1:
            continue
        target = next(target for target in campaign.targets if target.kind == "campaign")
        shared = set(definitions[0].attrs.get("shared_with", []))
        for recipient in target.attrs.get("recipients", []):
            if recipient not in shared:
                yield ProjectHit(
                    campaign.path,
                    use.line,
                    use.column,
                    f"campaign `{campaign.name}` sends `{use.text}` to `{recipient}`, which the field's "
                    "`shared_with` does not list",
                    f"uses.{use.text}",
                    campaign.name,
                )


def _activation(purpose: str, context: ProjectContext) -> bool:
    definition = context.registry.lookup(purpose) if context.registry else None
    return bool(definition is not None and definition.options.get("activation"))


def unused_field(index: ProjectIndex, options: Mapping[str, Any], context: ProjectContext) -> Iterator[ProjectHit]:
    """A field collected only for campaign (activation) purposes that no campaign uses.

    A field the plan shares directly with a recipient (``shared_with``: an advertising platform
    that runs the campaign itself) is used there.
    """
    if not context.registry:
        return
    for ref in sorted(index.by_ref):
        for definition in index.by_ref[ref]:
            purposes: list[str] = definition.attrs.get("purposes", [])
            if not purposes or not all(_activation(purpose, context) for purpose in purposes):
                continue
            if (definition.plan, ref) in index.used or definition.attrs.get("shared_with"):
                continue
            yield ProjectHit(
                definition.path,
                definition.line,
                definition.column,
                f"`{ref}` is collected only for campaign purposes ({code_list(purposes)}), but no campaign uses it",
                ref,
                definition.plan,
            )


_DECLARED = ("purpose", "basis", "category", "shared_with", "special_condition", "retention")
# Every attribute a signature is made of: fields equal in all of these are equal in their signature.
_RAW = picker(
    (
        "purposes",
        "purpose_bases",
        "basis",
        "category",
        "shared_with",
        "special_condition",
        "retention_days",
        "retention_after",
        "retention_indefinite",
        "retention",
    )
)


def _signature(definition: Definition) -> list[object]:
    """What is compared of a field's declarations, in the order of :data:`_DECLARED`."""
    attrs = definition.attrs
    return [
        sorted(attrs.get("purposes", [])),
        # Per purpose, so that `basis: contract` equals `{essential.service: contract, marketing: contract}`.
        _comparable(attrs.get("purpose_bases") or attrs.get("basis")),
        _comparable(attrs.get("category")),
        sorted(attrs.get("shared_with", [])),
        _comparable(attrs.get("special_condition")),
        _retention_signature(attrs),
    ]


def _retention_signature(attrs: Mapping[str, Any]) -> object:
    """A field's retention as compared: per purpose, so that `P1Y` equals `{a: P12M, b: 1 year}` for purposes a, b.

    Equal durations written differently (``P12M``, ``P1Y``) compare equal; anything else by its text.
    """
    written = attrs.get("retention")
    purposes = sorted(attrs.get("purposes", [])) or [""]
    return tuple((purpose, _comparable_retention(declared_for(written, purpose))) for purpose in purposes)


def _comparable_retention(written: object) -> object:
    if written is None:
        return None
    try:
        parsed = parse_retention(written)
    except RetentionError:
        return ("text", _comparable(written))
    return ("indefinite",) if parsed.days is None else (round(parsed.days, 6), parsed.after)


def _shown_declarations(definition: Definition) -> dict[str, str]:
    """How each of a field's declarations is shown in a message."""
    attrs = definition.attrs
    return {
        "purpose": _shown(sorted(attrs.get("purposes", []))),
        "basis": _shown(attrs.get("basis")),
        "category": _shown(attrs.get("category")),
        "shared_with": _shown(sorted(attrs.get("shared_with", []))),
        "special_condition": _shown(attrs.get("special_condition")),
        "retention": _shown(attrs.get("retention_text", attrs.get("retention"))),
    }


def _comparable(value: object) -> object:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def conflicting_definition(
    index: ProjectIndex, options: Mapping[str, Any], context: ProjectContext
) -> Iterator[ProjectHit]:
    """The same reference declares the same thing wherever it is defined.

    Purpose, basis, retention, category, recipients and special condition must agree; every
    definition that differs from another is reported, naming the first one it disagrees with.
    """
    for ref in sorted(index.by_ref):
        definitions = index.by_ref[ref]
        if len(definitions) < 2:
            continue
        ordered = sorted(definitions, key=lambda item: (item.path, item.line))
        # Each definition is reported against the first one that disagrees with it, so a change to
        # either side shows up wherever the check looks (pre-commit names only changed files). Two
        # definitions disagree when any declaration differs, so the first one disagreeing with a
        # definition is the first definition, or — for those agreeing with it — the first that does not.
        raw = [_RAW(definition.attrs) for definition in ordered]
        if raw.count(raw[0]) == len(raw):
            continue  # written the same everywhere (the common case): no need to compare further
        signatures = [_signature(definition) for definition in ordered]
        first_other = next((number for number, sig in enumerate(signatures) if sig != signatures[0]), None)
        if first_other is None:
            continue  # all agree
        for position, definition in enumerate(ordered):
            other_index = first_other if signatures[position] == signatures[0] else 0
            other = ordered[other_index]
            mine, theirs = signatures[position], signatures[other_index]
            differing = [key for key, value, their in zip(_DECLARED, mine, theirs, strict=True) if value != their]
            if "purpose" in differing and "basis" in differing:
                differing.remove("basis")  # bases are per purpose: different purposes, different bases
            shown_mine, shown_theirs = _shown_declarations(definition), _shown_declarations(other)
            details = "; ".join(f"{key} {shown_mine[key]} here, {shown_theirs[key]} there" for key in differing)
            yield ProjectHit(
                definition.path,
                definition.line,
                definition.column,
                f"`{ref}` is also defined in {other.path}:{other.line} (plan `{other.plan}`), differently: {details}",
                ref,
                definition.plan,
            )


def _shown(value: object) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, list):
        return code_list(str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"`{key}: {item}`" for key, item in value.items())
    return f"`{value}`"
