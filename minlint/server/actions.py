"""Quick fixes that need only the document's text: apply a "did you mean", record a suppression.

A fix is an edit computed on the text as it is now, at the place the client shows the diagnostic
(it moves the diagnostic as the text is edited); when the text there is no longer what the finding
was about, no fix is offered — never a wrong edit. YAML edits are kept only if the text still
parses as well as before. The third kind of fix, adding a missing declaration, needs the project
model: :mod:`minlint.server.declare`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final, NamedTuple

from minlint.loader.tree import parse_yaml
from minlint.server.text import Place, Span, Text
from minlint.server.tokens import occurrences, token_at, written_as
from minlint.suppressions import SUPPRESSION_RULES, scan

# `(did you mean `X`?)`, `; did you mean `X`?` — what every suggesting message of minlint says.
_SUGGESTION: Final = re.compile(r"did you mean `(?P<word>[^`]+)`\?")
_QUOTED: Final = re.compile(r"`([^`]+)`")
_NAME: Final = re.compile(r"^[\w.\-/]+$")
REASON_PLACEHOLDER: Final = "<why this is acceptable, and who decided>"


class Edit(NamedTuple):
    """Replace ``span`` of a document with ``new_text``."""

    span: Span
    new_text: str


class Fix(NamedTuple):
    """A quick fix: its title, the file it edits and the edits, and whether it is the fix to prefer."""

    title: str
    path: Path
    edits: tuple[Edit, ...]
    preferred: bool = False


def line_break(source: str) -> str:
    """The line break a document uses (CR LF, CR or LF), for inserted lines."""
    if "\r\n" in source:
        return "\r\n"
    return "\r" if "\r" in source and "\n" not in source else "\n"


def still_parses(before: str, after: str) -> bool:
    """Whether YAML ``after`` parses at least as well as ``before`` did: an edit must not break a file."""
    return parse_yaml(after).fatal <= parse_yaml(before).fatal


def suggestion(message: str) -> tuple[str, list[str]] | None:
    """The value a message suggests, and what it names before the suggestion (where the word to
    replace is); a named ``key: value`` names its value too."""
    found = _SUGGESTION.search(message)
    if found is None:
        return None
    named: list[str] = []
    for chunk in _QUOTED.findall(message[: found.start()]):
        tail = chunk.rpartition(": ")[2]  # `use: X` names X
        named.extend((chunk, tail) if tail != chunk else (chunk,))
    return found["word"], named


def did_you_mean(message: str, path: Path, text: Text, at: Place, flow: bool) -> Fix | None:
    """Replace the word a finding is about with the value its message suggests.

    The word is the token at ``at`` when the message names it; else the first word the message
    names, when it stands exactly once on that line.
    """
    suggested = suggestion(message)
    if suggested is None:
        return None
    new, named = suggested
    content = text.line(at.line)
    token = token_at(content, text.index(at), flow=flow)
    start: int | None = None
    old = token.value
    if token.value and token.value in named:
        start = token.start + (1 if token.quote else 0)
    elif named:
        first = named[0] if _NAME.match(named[0]) else named[0].rpartition(": ")[2]  # a `key: value`: its value
        places = occurrences(content, first) if _NAME.match(first) else []
        if len(places) == 1:
            start, old = places[0], first
            before = content[start - 1 : start]
            token = token._replace(quote=before if before in ("'", '"') else "")
    if start is None or (flow and token.quote != '"'):
        return None
    prefix, colon, tail = old.rpartition(":")
    if colon and ":" not in new:
        start, old = start + len(prefix) + 1, tail  # `#property:frist_name`: the suggestion is the id after the prefix
    if old == new:
        return None
    span = Span(text.place(at.line, start), text.place(at.line, start + len(old)))
    replacement = written_as(new, token.quote)
    fixed = text.replace(span, replacement)
    if not flow and not still_parses(text.source, fixed):
        return None
    return Fix(f"Replace `{old}` with `{new}`", path, (Edit(span, replacement),), preferred=True)


def suppression(rule: str, path: Path, text: Text, at: Place, flow: bool) -> Fix | None:
    """Silence ``rule`` on the line at ``at`` with a ``# minlint: ignore`` comment above it, its
    reason a placeholder to replace. YAML only: JSON has no comments."""
    if flow or rule in SUPPRESSION_RULES:
        return None
    content = text.line(at.line)
    stripped = content.lstrip(" \t")
    if not stripped or stripped.startswith("#"):
        return None
    indent = content[: len(content) - len(stripped)]
    if "\t" in indent:
        indent = indent.replace("\t", " ")
    comment = f"{indent}# minlint: ignore {rule} -- {REASON_PLACEHOLDER}{line_break(text.source)}"
    span = Span(Place(at.line, 0), Place(at.line, 0))
    fixed = text.replace(span, comment)
    # The comment must be read as a suppression of this rule for the finding's line, now one lower.
    works = any(
        found.applies_to == at.line + 2 and rule in found.codes and found.problem is None
        for found in scan(str(path), fixed)
    )
    if not works or not still_parses(text.source, fixed):
        return None
    return Fix(
        f"Suppress {rule} on this line (# minlint: ignore, with a reason to write)", path, (Edit(span, comment),)
    )
