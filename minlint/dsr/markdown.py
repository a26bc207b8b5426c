"""The ``markdown`` runbook: the steps, the identifiers to ask for, the gaps, where the data is, the recipients.

Spec text is untrusted: it goes through the inventory's escaping (:mod:`minlint.inventory.markdown`).
"""

from __future__ import annotations

from minlint.dsr.model import NO_CATEGORY, Runbook, Store
from minlint.dsr.text import INTRO, KINDS, NO_GAPS, NOTHING_HELD, STEPS, TITLE, role_text
from minlint.inventory.markdown import code, codes, message, table, text
from minlint.inventory.text import NONE


def _named(category: str, name: str) -> str:
    if category == NO_CATEGORY:
        return text(category)
    return f"{text(name)} {code(category)}" if name else code(category)


def _identifiers(runbook: Runbook) -> list[str]:
    rows = [
        [
            _named(identifier.category, identifier.name),
            "; ".join(f"{code(use.store)} by {code(use.ref)}" for use in identifier.uses),
        ]
        for identifier in runbook.identifiers
    ]
    if not rows:
        return ["## Identifiers to ask for", "", "None declared: see the gaps.", ""]
    return ["## Identifiers to ask for", "", *table(["Identifier", "Finds records in"], rows), ""]


def _gaps(runbook: Runbook) -> list[str]:
    lines = ["## Gaps", ""]
    if not runbook.gaps:
        return [*lines, text(NO_GAPS), ""]
    for gap in runbook.gaps:
        where = f" ({code(f'{gap.file}:{gap.line}')})" if gap.file else ""
        lines.append(f"- {message(gap.message)}{where}")
    return [*lines, ""]


def _store(store: Store) -> list[str]:
    lines = [
        f"### {code(store.name)}",
        "",
        f"A {KINDS.get(store.kind, store.kind)}, {code(f'{store.file}:{store.line}')}.",
        "",
    ]
    if store.subject_ids:
        keys = " or ".join(
            f"{code(key.ref)} ({text(key.category_name or key.category or 'no category')})" for key in store.subject_ids
        )
        lines += [f"Find the person's records by {keys}.", ""]
    elif store.declared_ids:
        lines += [f"**Its subject identifier names no field of it** ({codes(store.declared_ids)}): see the gaps.", ""]
    else:
        lines += [
            "**No subject identifier declared:** nobody can tell which field finds the person's records here.",
            "",
        ]
    rows = [
        [
            code(field.ref),
            _named(field.category, field.category_name) + (" (special category)" if field.special else ""),
            text(field.retention) if field.retention else NONE,
            codes(field.recipients),
            code(f"{field.file}:{field.line}"),
        ]
        for field in store.fields
    ]
    return [*lines, *table(["Field", "Data", "Kept", "Recipients", "Defined at"], rows), ""]


def _recipients(runbook: Runbook) -> list[str]:
    lines = ["## Recipients", ""]
    if not runbook.recipients:
        return [*lines, "No personal data goes to a recipient.", ""]
    rows = [
        [
            code(step.name),
            text(role_text(step.role, step.cpra_role)) if step.declared else "not in the recipients registry",
            text(step.country),
            text(step.erasure),
            text(step.export),
            codes(step.receives),
        ]
        for step in runbook.recipients
    ]
    return [*lines, *table(["Recipient", "Role", "Country", "Erases by", "Exports by", "Receives"], rows), ""]


def render_markdown(runbook: Runbook) -> str:
    """The runbook as GitHub-flavoured Markdown."""
    title = f"# {TITLE}: {text(runbook.generated_from)}" if runbook.generated_from else f"# {TITLE}"
    lines = [title, "", message(INTRO), ""]
    lines += [f"{number}. {step}" for number, step in enumerate(STEPS, 1)]
    lines.append("")
    if not runbook.stores:
        return "\n".join([*lines, NOTHING_HELD, ""])
    lines += _identifiers(runbook)
    lines += _gaps(runbook)
    lines += ["## Where the data is", ""]
    for store in runbook.stores:
        lines += _store(store)
    lines += _recipients(runbook)
    return "\n".join(lines).rstrip("\n") + "\n"
