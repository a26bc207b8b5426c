"""Which other files a run must read when it reports on a few files only (the pre-commit case).

A hook names the staged files, yet their findings depend on the rest of the project: the
purposes and categories files (always read first), every campaign (``unused-field`` reports a
plan field no campaign uses), and every plan that defines one of the same references
(``conflicting-definition``; a campaign's reference is ambiguous if two plans define it). A
reported campaign reaches every plan — its unresolved references get suggestions from all of them —
and a reported purposes registry every plan and campaign (``consent-mechanism`` reports at a
registry entry what any of them bases on consent).

A tracking plan that defines none of the reported references is the one file that can be left
unread, and it is left unread only when its bytes prove it: ``kind`` appears once in it, on a
top-level line ``kind: tracking-plan``, and for each reported reference some word of it (``traits``,
``email``) appears nowhere in its text as a whole word (``id`` in ``paid`` does not count; ``id``
between quotes, spaces, dots or YAML's brackets and commas does). A file whose text could hide a
word or a kind — escapes, another encoding, a second ``kind`` — is read.

:data:`READS` records what each project check reads; a test keeps it in step with the checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from minlint.run.read import could_hide_words

# What each project check reads besides the reported files, in the words above.
READS = {
    "unresolved-reference": "every plan (for suggestions), from a reported campaign",
    "purpose-mismatch": "the plans defining a reported campaign's references",
    "undeclared-recipient": "the plans defining a reported campaign's references",
    "unused-field": "every campaign, for a reported plan",
    "conflicting-definition": "every plan defining a reported field's reference",
    "consent-mechanism": "every plan and campaign, for a reported purposes registry",
}

# A single-quoted key doubles its quotes (`'it''s'`): the pieces between quotes are certain, not the word.
_WORDS = re.compile(r"[.\s']+")
_PLAN_KIND = re.compile(rb"^kind[ \t]*:[ \t]*([\"']?)tracking-plan\1[ \t]*(?:#[^\n]*)?\r?$", re.MULTILINE)


def probe(ref: str) -> tuple[bytes, ...]:
    """The words any file defining field ``ref`` must contain, as UTF-8.

    A reference joins literal keys with dots (``traits.email``, ``Order Completed.items.sku``), so
    each dot-separated part is text of some key; a multi-line key folds its line breaks into
    spaces, and a single-quoted one doubles its quotes, so only single words between quotes are
    certain. ``()`` when nothing is certain.
    """
    return tuple(word.encode("utf-8") for word in _WORDS.split(ref) if word)


def probes(refs: Iterable[str]) -> frozenset[tuple[bytes, ...]]:
    """The probes of ``refs``."""
    return frozenset(probe(ref) for ref in refs)


def can_skip(data: bytes, wanted: frozenset[tuple[bytes, ...]]) -> bool:
    """Whether ``data`` is surely a tracking plan defining none of the references ``wanted`` probes."""
    if () in wanted or could_hide_words(data):
        return False  # an escape could spell a name; NUL bytes mean UTF-16 or UTF-32
    # One `kind` in the whole text, on a line of its own: any other way of writing the real kind
    # (quoted, `? kind`, in a flow mapping) behind a decoy line would need a second one.
    if data.count(b"kind") != 1 or _PLAN_KIND.search(data) is None:
        return False
    present = {word for word in {word for words in wanted for word in words} if _has_word(data, word)}
    return not any(all(word in present for word in words) for words in wanted)


# What can stand next to a word of a key in the file: the key's own separators (white space, dots,
# quotes), YAML's syntax around a scalar (quotes, flow brackets and commas, `?`, `:`, `#`), and —
# to be safe — any byte of a multi-byte character (non-ASCII white space, a byte order mark).
_SPACE = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_BEFORE = frozenset(_SPACE + b".'\"{[,?:" + bytes(range(0x80, 0x100)))
_AFTER = frozenset(_SPACE + b".'\":,}]#" + bytes(range(0x80, 0x100)))


def _has_word(data: bytes, word: bytes) -> bool:
    """Whether ``word`` occurs in ``data`` as a whole word of a key (``id`` is not in ``paid``)."""
    start = data.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or data[start - 1] in _BEFORE) and (end == len(data) or data[end] in _AFTER):
            return True
        start = data.find(word, start + 1)
    return False
