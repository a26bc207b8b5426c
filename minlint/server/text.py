"""A document's text as the Language Server Protocol counts it: lines, and positions in code units.

LSP lines end at CR, LF or CR LF only (``str.splitlines`` also breaks at form feeds, NEL, LS, PS …,
which editors do not), and a position's ``character`` counts code units of the negotiated encoding:
UTF-16 by default, UTF-8 or UTF-32 when the client prefers them. minlint counts the same lines (its
loader remaps YAML 1.1's extra breaks, see ``loader/places.py``) with 1-based columns in characters
(code points). Everything here is plain Python, so that it is tested without a client.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

UTF8: Final = "utf-8"
UTF16: Final = "utf-16"
UTF32: Final = "utf-32"
_BREAKS: Final = re.compile(r"\r\n|\r|\n")


def is_json(path: str, source: str) -> bool:
    """Whether a document is JSON (a ``.json`` file, or one starting with ``{`` or ``[``, as Snowplow's
    schemas do): flow style throughout, and no comments."""
    return path.lower().endswith(".json") or source.lstrip(" \t\r\n\ufeff")[:1] in ("{", "[")


class Place(NamedTuple):
    """A 0-based LSP position: ``line``, and ``character`` in code units of the document's encoding."""

    line: int
    character: int


class Span(NamedTuple):
    """A range of LSP positions, ``end`` exclusive."""

    start: Place
    end: Place


def split_lines(source: str) -> list[str]:
    """The lines of ``source`` without their breaks, as LSP counts them (a final break ends an empty line)."""
    return _BREAKS.split(source)


def units(text: str, encoding: str = UTF16) -> int:
    """The length of ``text`` in code units of ``encoding`` (a lone surrogate counts as one UTF-16 unit)."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def index_of(line: str, character: int, encoding: str = UTF16) -> int:
    """The code point index in ``line`` of the LSP ``character`` (clamped to the line; a position
    inside a character's code units is that character's)."""
    if character <= 0:
        return 0
    if encoding == UTF32:
        return min(character, len(line))
    count = 0
    for index, char in enumerate(line):
        count += units(char, encoding)
        if count > character:
            return index
        if count == character:
            return index + 1
    return len(line)


class Text:
    """A document's text split into LSP lines, with conversions to and from minlint's positions."""

    __slots__ = ("encoding", "lines", "source")

    def __init__(self, source: str, encoding: str = UTF16) -> None:
        self.source = source
        self.encoding = encoding
        self.lines = split_lines(source)

    def line(self, number: int) -> str:
        """Line ``number`` (0-based) without its break; ``""`` past the end."""
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def character(self, number: int, index: int) -> int:
        """The LSP character of code point ``index`` on line ``number``."""
        return units(self.line(number)[:index], self.encoding)

    def index(self, place: Place) -> int:
        """The code point index on its line of an LSP position."""
        return index_of(self.line(place.line), place.character, self.encoding)

    def place(self, number: int, index: int) -> Place:
        """The LSP position of code point ``index`` on line ``number`` (0-based)."""
        return Place(number, self.character(number, index))

    def from_minlint(self, line: int, column: int) -> tuple[int, int]:
        """A 1-based line and column in characters, as minlint gives them, as a 0-based line and code
        point index, kept inside the text (a finding at the end of a file may name the line after the last)."""
        number = min(max(line - 1, 0), len(self.lines) - 1)
        return number, min(max(column - 1, 0), len(self.line(number)))

    def offset(self, place: Place) -> int:
        """The code point offset in :attr:`source` of an LSP position (clamped to the text)."""
        if place.line >= len(self.lines):
            return len(self.source)
        breaks = _BREAKS.finditer(self.source)
        start = 0
        for _, found in zip(range(place.line), breaks, strict=False):
            start = found.end()
        return start + self.index(place)

    def replace(self, span: Span, new_text: str) -> str:
        """The source with ``span`` replaced by ``new_text`` (what a client does with a text edit)."""
        return self.source[: self.offset(span.start)] + new_text + self.source[self.offset(span.end) :]
