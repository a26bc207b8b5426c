"""Fides's words as the export writes them: keys, legal bases, special-category bases, data uses.

The bases are the reverse of what :mod:`minlint.readers.fides` reads, in the spellings fideslang's
enums accept, so that reading an export back gives each field the basis it was exported with.
"""

from __future__ import annotations

import re
from functools import cache

from minlint.inventory.describe import fides_uses
from minlint.readers.fides import FIDES_BASES, FIDES_SPECIAL_BASES, LEGAL_BASES, SPECIAL_BASES
from minlint.taxonomy import covers

# fideslang's FidesKey: what a dataset, a category, a data use or a system may be called.
_FIDES_KEY = re.compile(r"[A-Za-z0-9_.<>-]+")
_NOT_IN_KEY = re.compile(r"[^a-z0-9_.-]+")

# minlint's lawful bases and special-category conditions in Fides's spelling.
BASES: dict[str, str] = {LEGAL_BASES[fides.lower()]: fides for fides in FIDES_BASES}
SPECIAL: dict[str, str] = {SPECIAL_BASES[fides.lower()]: fides for fides in FIDES_SPECIAL_BASES}

# Whom a privacy declaration's data is about: minlint's specs do not say, and tracking plans describe
# the customers (and visitors) of a product — Fides's default data subject `customer`.
DATA_SUBJECT = "customer"


def is_key(text: str) -> bool:
    """Whether ``text`` is a valid Fides key (letters, digits, ``_``, ``.``, ``<``, ``>``, ``-``)."""
    return _FIDES_KEY.fullmatch(text) is not None


def key_for(name: str, taken: set[str], fallback: str) -> str:
    """``name`` as a Fides key not in ``taken`` (which it joins): itself when valid, else in lower case
    with ``_`` for what a key cannot hold (``fallback`` when nothing is left); ``_2``, ``_3`` … when taken."""
    base = name if is_key(name) else _NOT_IN_KEY.sub("_", name.lower()).strip("_.-") or fallback
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}_{number}"
    taken.add(key)
    return key


def builtin_use(key: str) -> bool:
    """Whether ``key`` is one of Fides's own data uses."""
    return key in fides_uses()


def fides_ancestor(key: str) -> str | None:
    """The nearest of Fides's data uses that is ``key`` or above it (``marketing.communications`` for
    ``marketing.communications.push``); None when ``key`` is below none of them."""
    candidate = key
    while True:
        if builtin_use(candidate):
            return candidate
        if "." not in candidate:
            return None
        candidate = candidate.rsplit(".", 1)[0]


@cache
def top_uses() -> tuple[str, ...]:
    """Fides's top-level data uses, sorted (what a message offers when nothing is close)."""
    return tuple(sorted(key for key in fides_uses() if "." not in key))


def closest_use(purpose: str) -> str | None:
    """The Fides data use whose last part is closest to the last part of ``purpose`` (or shares a word
    of it, ``fraud`` in ``fraud_screening``), if any is close."""
    from difflib import SequenceMatcher

    wanted = purpose.rsplit(".", 1)[-1].lower()
    words = {word for word in re.split(r"[_-]", wanted) if len(word) >= 4}
    best: tuple[float, str] | None = None
    for key in sorted(fides_uses()):
        last = key.rsplit(".", 1)[-1]
        score = SequenceMatcher(None, wanted, last).ratio()
        if words & set(re.split(r"[_-]", last)):
            score = max(score, 0.7)
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, key)
    return best[1] if best is not None else None


def identity_of(category: str | None, name: str) -> str:
    """The Fides identity a field that finds a person's data stands for: ``email`` and ``phone_number``
    as Fides's privacy requests name them, else the field's own name."""
    if category is not None and covers("user.contact.email", category):
        return "email"
    if category is not None and covers("user.contact.phone_number", category):
        return "phone_number"
    return name
