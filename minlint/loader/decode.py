"""Turn a file's bytes into text, or say precisely why that is impossible.

YAML allows UTF-8, UTF-16 and UTF-32, told apart by a byte order mark. Without one minlint expects
UTF-8 (what editors and git produce). A file that is not text at all is told apart from a file
in a legacy encoding, so that a stray binary ``.yaml`` is reported while a Latin-1 config file that
is not a spec can be skipped quietly.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
# Every byte that is not a control byte, for ``bytes.translate`` to delete.
_NOT_CONTROL = bytes(byte for byte in range(256) if byte >= 32 or byte in _TEXT_CONTROLS)


class DecodeFailure(NamedTuple):
    """Why bytes are not readable text; ``binary`` when they do not look like text at all."""

    line: int
    column: int
    message: str
    binary: bool


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` looks like a binary file rather than text (git's NUL test, plus control bytes)."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = len(head.translate(None, _NOT_CONTROL))  # deletes all but the control bytes, in C
    return controls * 10 > len(head)


def wide_text(data: bytes) -> bool:
    """Whether ``data`` starts with a UTF-16 or UTF-32 byte order mark: text in which no word can be
    found by its UTF-8 bytes."""
    return any(data.startswith(bom) for bom, encoding in _BOMS if encoding != "utf-8")


def has_bom(data: bytes) -> bool:
    """Whether ``data`` starts with a Unicode byte order mark (so it means to be text)."""
    return any(data.startswith(bom) for bom, _ in _BOMS)


def _position(prefix: str) -> tuple[int, int]:
    """Line and column just after ``prefix`` (YAML's line breaks: CR LF, CR, LF)."""
    lines = prefix.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return len(lines), len(lines[-1]) + 1


def _decode(data: bytes, encoding: str) -> str | DecodeFailure:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line, column = _position(data[: error.start].decode(encoding, "replace"))
        name = encoding.upper()
        byte = f"byte {data[error.start]:#04x}" if error.start < len(data) else "the end of the file"
        return DecodeFailure(line, column, f"the file is not valid {name} ({byte}); save it as UTF-8", binary=False)


def decode(data: bytes) -> str | DecodeFailure:
    """Decode a YAML file's bytes to text (the BOM removed), or describe the failure with its position."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding)
    if looks_binary(data):
        return DecodeFailure(1, 1, "this is a binary file, not YAML text", binary=True)
    return _decode(data, "utf-8")
