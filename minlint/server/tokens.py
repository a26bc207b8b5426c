"""The token at a place on a line of YAML or JSON: a key, a scalar value, a quoted string, a collection.

A finding names a line and column, the start of what it is about; an editor underlines a range.
The range is the token starting there — a key up to its ``:``, a plain value up to a comment or the
end of the line (in a flow collection, up to ``,``, ``]`` or ``}``), a quoted string with its
quotes, a one-line flow collection to its closing bracket. Lines are read one at a time: nothing
here parses YAML, so it works on text that does not parse.
"""

from __future__ import annotations

import json
import re
from typing import Final, NamedTuple

_FLOW_ENDS: Final = ",[]{}"
_OPENERS: Final = "[{"
_CLOSERS: Final = "]}"
_TOKEN_BEFORE: Final = " \t[{,:"  # what may precede the start of a quoted scalar
# A value written without quotes stays one plain scalar: ids, keys, dotted names, ISO durations.
_SAFE_PLAIN: Final = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$")
_NAME_CHARS: Final = re.compile(r"[\w.\-/]")
# Plain scalars YAML reads as something other than text (YAML 1.1 booleans, null, numbers).
_NOT_TEXT: Final = re.compile(r"^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?[0-9][0-9_.eE+\-]*)$", re.IGNORECASE)


class Token(NamedTuple):
    """A token on a line: code point indices ``start`` (its opening quote included) to ``end``
    (exclusive), its text without quotes, and the quote it is written with (``"``, ``'`` or none)."""

    start: int
    end: int
    value: str
    quote: str = ""


def _quoted_end(line: str, start: int) -> int:
    """The index after the closing quote of the quoted scalar opening at ``start`` (the line's end if none)."""
    quote = line[start]
    index = start + 1
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and line[index + 1 : index + 2] == "'":
                index += 2  # '' is a quote inside a single-quoted scalar
                continue
            return index + 1
        index += 1
    return len(line)


def _starts_quoted(line: str, index: int) -> bool:
    return line[index] in "\"'" and (index == 0 or line[index - 1] in _TOKEN_BEFORE)


def flow_depth(line: str, end: int) -> int:
    """How many flow collections (``[``, ``{``) opened on ``line`` before ``end`` are still open."""
    depth = 0
    index = 0
    while index < end:
        char = line[index]
        if _starts_quoted(line, index):
            index = _quoted_end(line, index)
            continue
        if char == "#" and (index == 0 or line[index - 1] in " \t"):
            break
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        index += 1
    return depth


def _collection_end(line: str, start: int) -> int:
    depth = 0
    index = start
    while index < len(line):
        char = line[index]
        if _starts_quoted(line, index):
            index = _quoted_end(line, index)
            continue
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(line)


def _plain_end(line: str, start: int, in_flow: bool) -> int:
    index = start
    while index < len(line):
        char = line[index]
        after = line[index + 1 : index + 2]
        if char == "#" and index > start and line[index - 1] in " \t":
            break
        if char == ":" and (after in ("", " ", "\t") or (in_flow and after in _FLOW_ENDS)):
            break
        if in_flow and char in _FLOW_ENDS:
            break
        index += 1
    return start + len(line[start:index].rstrip(" \t"))


def token_at(line: str, index: int, *, flow: bool = False) -> Token:
    """The token starting at code point ``index`` of ``line``; empty at the end of the line or on blanks.

    ``flow``: the whole text is flow style (JSON), so ``,``, ``]`` and ``}`` always end a plain token.
    """
    if index >= len(line) or line[index] in " \t":
        return Token(index, index, "")
    char = line[index]
    if char in "\"'":
        end = _quoted_end(line, index)
        inner_end = end - 1 if end > index + 1 and line[end - 1] == char else end
        return Token(index, end, line[index + 1 : inner_end], char)
    if char in _OPENERS:
        end = _collection_end(line, index)
        return Token(index, end, line[index:end])
    if char == "-" and line[index + 1 : index + 2] in ("", " ", "\t"):
        return Token(index, index + 1, "-")  # a sequence entry's indicator
    end = _plain_end(line, index, flow or flow_depth(line, index) > 0)
    return Token(index, max(end, index + 1), line[index : max(end, index + 1)])


def occurrences(line: str, word: str) -> list[int]:
    """Where ``word`` stands on ``line`` as a whole name (not inside a longer id or key)."""
    found: list[int] = []
    start = line.find(word)
    while word and start >= 0:
        before = line[start - 1 : start]
        after = line[start + len(word) : start + len(word) + 1]
        if not (before and _NAME_CHARS.match(before)) and not (after and _NAME_CHARS.match(after)):
            found.append(start)
        start = line.find(word, start + 1)
    return found


def written_as(value: str, quote: str) -> str:
    """``value`` as it must be written in place of a token quoted with ``quote`` (the quotes themselves
    stay); a plain token whose replacement could not stay plain is written double-quoted."""
    if quote == '"':
        return json.dumps(value, ensure_ascii=False)[1:-1]
    if quote == "'":
        return value.replace("'", "''")
    plain = _SAFE_PLAIN.match(value) is not None and _NOT_TEXT.match(value) is None
    return value if plain else json.dumps(value, ensure_ascii=False)


def plain_or_quoted(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same text, else double-quoted."""
    return written_as(value, "")
