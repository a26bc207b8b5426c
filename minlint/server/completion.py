"""Completion of the values a declaration names: purpose ids, lawful bases, data categories, recipients.

Offered when the cursor is on the value of ``purpose:``, ``basis:``, ``category:`` or ``shared_with:``
(and Fides's ``data_use:``, ``data_categories:``), written plain, quoted, in a flow list, as a block
list's item, or — for a basis — as a value of a per-purpose mapping. The words come from the
project: its purposes registry (else the Fides data uses), its taxonomy (the ``minlint categories``
list: Fides's categories and the project's own), its recipients registry; the bases are the six of
GDPR Art. 6(1).
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from minlint.api import Project
from minlint.model.recipients import RecipientRegistry
from minlint.server.text import Place, Text
from minlint.taxonomy import NONE_CATEGORY, Taxonomy

PURPOSE: Final = "purpose"
BASIS: Final = "basis"
CATEGORY: Final = "category"
RECIPIENT: Final = "recipient"
_KINDS: Final = {
    "purpose": PURPOSE,
    "purposes": PURPOSE,
    "data_use": PURPOSE,
    "basis": BASIS,
    "category": CATEGORY,
    "data_categories": CATEGORY,
    "shared_with": RECIPIENT,
}
_KEY: Final = re.compile(r"(?<![\w.\-])[\"']?(?P<key>" + "|".join(_KINDS) + r")[\"']?\s*:(?![^\s\[{\"'])")
_WORD: Final = r"[\"']?(?P<partial>[\w.\-/]*)$"
_SCALAR: Final = re.compile(r"^(?:\s+|\s*(?=[\"']))" + _WORD)
_LIST: Final = re.compile(r"^\s*\[(?:[^\[\]{}]*,)?\s*" + _WORD)
_PER_PURPOSE: Final = re.compile(r"^\s*\{(?:[^{}]*,)?\s*[\"']?[\w.\-/]+[\"']?\s*:\s*" + _WORD)
_ITEM: Final = re.compile(r"^(?P<indent>\s*)-\s+" + _WORD)
_PARENT: Final = re.compile(r"^(?P<indent>\s*)(?:-\s+)?[\"']?(?P<key>[\w.\-]+)[\"']?\s*:\s*(?:#.*)?$")
BASES: Final = (
    ("consent", "Art. 6(1)(a): the person gave consent for this purpose"),
    ("contract", "Art. 6(1)(b): needed for a contract with the person, or to enter one"),
    ("legal_obligation", "Art. 6(1)(c): needed to comply with a legal obligation"),
    ("vital_interests", "Art. 6(1)(d): needed to protect someone's vital interests"),
    ("public_task", "Art. 6(1)(e): needed for a task in the public interest or official authority"),
    ("legitimate_interests", "Art. 6(1)(f): needed for legitimate interests that the person's rights do not override"),
)


class Item(NamedTuple):
    """A word to offer: the word, a short detail, and its description."""

    label: str
    detail: str
    documentation: str


class Vocabulary(NamedTuple):
    """The words of a project, by kind (:data:`PURPOSE`, :data:`BASIS`, :data:`CATEGORY`, :data:`RECIPIENT`)."""

    words: dict[str, tuple[Item, ...]]


class Context(NamedTuple):
    """What the cursor is completing: the kind of word, and where the word typed so far starts
    (a code point index on the cursor's line)."""

    kind: str
    start: int


def completion_context(text: Text, place: Place) -> Context | None:
    """What kind of word belongs at ``place``, if the cursor is on a declaration's value."""
    content = text.line(place.line)
    index = text.index(place)
    before = content[:index]
    keys = list(_KEY.finditer(before))
    if keys:
        key, rest = keys[-1]["key"], before[keys[-1].end() :]
        found = _SCALAR.match(rest) or _LIST.match(rest) or (_PER_PURPOSE.match(rest) if key == "basis" else None)
        if found is not None:
            return Context(_KINDS[key], index - len(found["partial"]))
    item = _ITEM.match(before)
    if item is None:
        return None
    parent = _parent_key(text, place.line, len(item["indent"]))
    return Context(_KINDS[parent], index - len(item["partial"])) if parent in _KINDS else None


def _parent_key(text: Text, line: int, indent: int) -> str | None:
    """The key of the block list whose item is on ``line`` at ``indent``."""
    for number in range(line - 1, -1, -1):
        content = text.line(number)
        stripped = content.strip()
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(content) - len(content.lstrip(" "))
        if stripped.startswith("- ") and depth == indent:
            continue  # an earlier item of the same list
        parent = _PARENT.match(content)
        if parent is None or len(parent["indent"]) > indent:
            return None
        return parent["key"]
    return None


def vocabulary(project: Project | None) -> Vocabulary:
    """The words to offer in ``project`` (without one — it cannot be set up — the built-in ones)."""
    from minlint.inventory.describe import fides_uses

    purposes: tuple[Item, ...] = ()
    taxonomy = Taxonomy.builtin()
    recipients: tuple[Item, ...] = ()
    if project is not None:
        taxonomy = project.taxonomy
        registry = project.registry
        found = [registry.lookup(purpose) for purpose in registry.ids()]
        purposes = tuple(
            Item(definition.id, "purpose", definition.description or "") for definition in found if definition
        )
        declared = RecipientRegistry.of_specs(project.specs)
        recipients = tuple(Item(name, "recipient", _described(declared, name)) for name in declared.names())
    if not purposes:
        purposes = tuple(Item(key, f"Fides data use: {name}", text) for key, (name, text) in fides_uses().items())
    categories = [Item(NONE_CATEGORY, "not personal data", "The field holds no personal data.")]
    for category in taxonomy.categories():
        if category.deprecated:
            continue
        flags = "special category (Art. 9)" if category.special else "personal" if category.personal else "category"
        categories.append(Item(category.key, f"{category.name} · {flags}", category.description))
    bases = tuple(Item(name, "lawful basis", words) for name, words in BASES)
    return Vocabulary({PURPOSE: purposes, BASIS: bases, CATEGORY: tuple(categories), RECIPIENT: recipients})


def _described(registry: RecipientRegistry, name: str) -> str:
    found = registry.lookup(name)
    return (found.description or "") if found is not None else ""
