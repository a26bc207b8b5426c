r"""Untrusted text made safe to show: the one way minlint escapes control characters.

File names, field and event names, configuration values, suppression reasons and git's messages are
written by whoever controls the repository being checked. Printed raw, an ESC starts a terminal
escape sequence (colours, cursor moves, a window title, a clipboard write), a line break or a
carriage return forges a line of a CI log (a ``::error::`` workflow command, a fake "No findings"),
and a bidirectional override reorders what a reviewer reads. Every output that a terminal or a CI
log shows passes such text through :func:`visible`, which writes each of these characters as a
visible escape of its own:

- tab, line feed and carriage return become ``\t``, ``\n`` and ``\r``;
- every other C0 control, DEL and the C1 controls become ``\xNN`` (``\x1b`` ESC, ``\x07`` BEL,
  ``\x9b`` CSI);
- the line and paragraph separators (U+2028, U+2029) and the bidirectional formatting characters
  (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) become ``\uNNNN``;
- a byte of a file name that is not UTF-8, which Python holds as a lone surrogate U+DC80 to U+DCFF
  (:func:`os.fsdecode`), becomes ``\xNN`` with the byte's value, as
  :func:`minlint.paths.display_path` shows it; any other lone surrogate becomes ``\uNNNN``.

Everything else is kept as it is, backslashes included: names and messages stay readable and
copyable, and :func:`~minlint.paths.display_path`'s ``\xNN`` keeps its meaning. The one thing a
reader cannot tell apart is a backslash sequence typed literally (a field named ``a\x1bb``) from an
escaped character — harmless, since nothing raw reaches the terminal either way.

Formats with an escaping of their own keep it and add this one: JSON escapes the same characters as
``\uNNNN`` (:mod:`minlint.formatters.jsontext`), CSV cells also get :func:`csv_cell`'s guard against
formulas, GitHub workflow commands their ``%0A``-style encoding.

Tools that open a file by its name (SARIF viewers, code hosts) need the real name, not the shown one:
:func:`real_name` undoes :func:`~minlint.paths.display_path`'s ``\xNN``, :func:`name_bytes` gives
the bytes and :func:`host_name` the name as a code host reads it.
"""

from __future__ import annotations

import re
from typing import Final

# Every character visible() rewrites, as ranges of code points: C0 controls; DEL and the C1 controls;
# the Arabic letter mark; the left-to-right and right-to-left marks; the line and paragraph separators
# with the bidirectional embeddings and overrides; the bidirectional isolates; the surrogates.
_RANGES: Final = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x2028, 0x202E),
    (0x2066, 0x2069),
    (0xD800, 0xDFFF),
)
UNSAFE: Final = frozenset(code for low, high in _RANGES for code in range(low, high + 1))
# The same set as a pattern, to find out quickly that a text holds none of them (the usual case).
UNSAFE_PATTERN: Final = re.compile("[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _RANGES) + "]")


def _escape(code: int) -> str:
    if code in (0x09, 0x0A, 0x0D):
        return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}[code]
    if code < 0xA0:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


_TABLE: Final = {code: _escape(code) for code in UNSAFE}


def visible(text: str) -> str:
    """``text`` with every control character written as a visible escape (the rules are in the module docstring).

    The result holds no control character, so it is safe on a terminal and stays on one line;
    applying it twice changes nothing more.
    """
    return text.translate(_TABLE) if UNSAFE_PATTERN.search(text) else text


def prose(text: str) -> str:
    r"""A description or other free text shown on one line: its whitespace runs, line breaks included,
    folded to one space (as a Markdown or HTML reader shows them anyway), then :func:`visible`.

    Names and paths are never folded: there a line break shows as ``\n``, so that ``a\nb`` and
    ``a b`` stay two different names.
    """
    return visible(" ".join(text.split()))


FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str, *, fold: bool = False) -> str:
    """A text cell for CSV that a terminal and a spreadsheet can both show safely.

    Control characters are made :func:`visible` (a line break inside a quoted cell is legal CSV, but
    ``cat`` shows it raw), or with ``fold`` the cell is :func:`prose`; a cell a spreadsheet would run
    as a formula (starting with ``=``, ``+``, ``-`` or ``@``) gets a leading ``'``, the usual defence
    against CSV injection.
    """
    shown = prose(text) if fold else visible(text)
    return "'" + shown if shown.startswith(FORMULA_STARTS) else shown


_BYTE_ESCAPE: Final = re.compile(r"\\x([89a-f][0-9a-f])")


def real_name(shown: str) -> str:
    r"""The file name a path shown by :func:`~minlint.paths.display_path` stands for.

    ``display_path`` writes each byte of a name that is not UTF-8 as ``\xNN``; here each such escape
    becomes the byte again, held as :func:`os.fsdecode` holds it (a lone surrogate). An escape is
    undone only when showing the result again gives ``shown`` exactly, so a name that merely
    contains ``\xc3\xa9`` keeps it. A UTF-8 name that literally contains ``\x`` and two hex digits
    from ``80`` to ``ff`` cannot be told from an escape: the shown path does not say which it was.
    """
    if "\\x" not in shown:
        return shown
    candidate = _BYTE_ESCAPE.sub(lambda match: chr(0xDC00 + int(match.group(1), 16)), shown)
    data = candidate.encode("utf-8", "surrogateescape")
    return candidate if data.decode("utf-8", "backslashreplace") == shown else shown


def name_bytes(shown: str) -> bytes:
    """The bytes of the file name a shown path stands for (see :func:`real_name`)."""
    return real_name(shown).encode("utf-8", "surrogateescape")


def host_name(shown: str) -> str:
    """The file name as a code host reads it: UTF-8, with each byte that is not UTF-8 as U+FFFD.

    A workflow command or a JSON report is UTF-8 text and cannot carry such a byte; GitHub's runner
    and code hosts decode a name's bytes this way, so this is the form they can match.
    """
    return name_bytes(shown).decode("utf-8", "replace")


__all__ = [
    "FORMULA_STARTS",
    "UNSAFE",
    "UNSAFE_PATTERN",
    "csv_cell",
    "host_name",
    "name_bytes",
    "prose",
    "real_name",
    "visible",
]
