"""Glob patterns for ``exclude`` and ``per-path-ignores``, matched against root-relative paths.

``*`` matches within one path part, ``**`` across parts, ``?`` one character, ``[abc]`` a set.
A pattern without ``/`` matches any part of the path (``vendor`` excludes every ``vendor``
folder, ``*.generated.yaml`` every such file); a pattern with ``/`` matches from the project
root. A pattern matching a folder matches everything under it.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class GlobError(ValueError):
    """A glob that cannot be used; the message says why."""


def _translate(pattern: str) -> str:
    out: list[str] = []
    index = 0
    length = len(pattern)
    while index < length:
        char = pattern[index]
        if char == "*":
            if pattern.startswith("**", index):
                index += 2
                if index < length and pattern[index] == "/":
                    index += 1
                    out.append("(?:.*/)?")
                else:
                    out.append(".*")
                continue
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find(
                "]", index + 2 if pattern.startswith("[!", index) or pattern.startswith("[]", index) else index + 1
            )
            if end < 0:
                raise GlobError(f"`{pattern}`: `[` at position {index + 1} is never closed")
            body = pattern[index + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            if not body or body == "^":
                raise GlobError(f"`{pattern}`: `[]` is an empty set")
            out.append("[" + body.replace("\\", "\\\\") + "]")
            index = end
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


class Glob(NamedTuple):
    """A compiled glob; ``text`` is the pattern as written."""

    text: str
    regex: re.Pattern[str]

    def matches(self, path: str) -> bool:
        """Whether the root-relative POSIX ``path`` (or a folder containing it) matches."""
        return self.regex.match(path) is not None


def compile_glob(pattern: str) -> Glob:
    """Compile ``pattern``; raises GlobError if it is malformed (an unclosed ``[``, an empty pattern …)."""
    text = pattern.strip()
    if not text:
        raise GlobError("an empty pattern matches nothing")
    if text.startswith("/"):
        text = text[1:]
        anchored = True
    else:
        anchored = "/" in text.rstrip("/")
    text = text.rstrip("/")
    body = _translate(text)
    prefix = "" if anchored else "(?:.*/)?"
    try:
        return Glob(pattern, re.compile(f"{prefix}{body}(?:/.*)?$"))
    except re.error as error:
        raise GlobError(f"`{pattern}`: {error}") from None
