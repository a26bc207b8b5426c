r"""Untrusted text made inert in Markdown that a code host renders: no markup, no HTML, no mention, no link.

A finding's message holds field, event and file names written by whoever can open a pull request, and
the ``markdown`` format puts it in a pull-request comment, a job summary or a merge-request note. There
a name such as ``<img src=x onerror=…>``, ``[x](javascript:…)``, ``**`` or ``|`` would be markup, and
``@team`` or ``#123`` would notify a team or link an issue. Every such text goes through :func:`text`
(prose), :func:`code` (a code span) or :func:`message` (prose whose ```backticked``` parts are code):

- control characters are made visible first (:func:`minlint.safetext.visible`): a line break in a name
  shows as ``\n`` and cannot end a list item or a table row;
- the characters that start inline markup in CommonMark or GitHub's and GitLab's dialects are
  backslash-escaped: ``\ ` * _ [ ] < > | ! ~ $`` (``$`` starts math on GitHub, ``~`` strike-through,
  ``|`` a table cell), and ``&`` becomes ``&amp;`` so no character reference is decoded;
- references a code host links after rendering, on the text itself, are broken by a zero-width space
  (``&#8203;``) as Renovate does (``renovatebot/renovate``, ``lib/util/markdown.ts``): after ``@``
  (mentions, e-mail addresses), after ``#``, ``!``, ``~``, ``%``, ``$`` and ``&`` followed by a letter
  or digit (GitHub's and GitLab's issue, merge-request, label, milestone, snippet and epic references),
  after ``GH-``, inside ``://`` and after ``www`` (GitHub's extended autolinks). The text reads the same;
  copied, it carries the invisible space.

A code span needs none of that (code hosts link nothing inside ``<code>``): only its fence is chosen
longer than any run of backticks inside. It is never put in a table cell, where a ``|`` would need a
backslash that shows everywhere else. Text never starts a line here (the format puts it after a list
marker or in a cell), so line-start markup (``#``, ``-``, ``1.``, ``>``) needs no escaping.
"""

from __future__ import annotations

import re
from typing import Final

from minlint.safetext import visible

_MARKUP: Final = re.compile(r"([\\`*_\[\]<>|!~$])")
# Where a code host would see a reference or an autolink: a zero-width space goes at each match's end.
_REFERENCE: Final = re.compile(r"@|[#!~%$&](?=\w)|\bGH-(?=\d)|:(?=//)|\bwww(?=\.)", re.IGNORECASE)
_BREAK: Final = "\u200b"
_BREAK_ENTITY: Final = "&#8203;"


def text(value: str) -> str:
    """``value`` as inline Markdown text that renders as exactly its characters (and zero-width spaces)."""
    broken = _REFERENCE.sub(lambda match: match.group() + _BREAK, visible(value))
    escaped = _MARKUP.sub(r"\\\1", broken.replace("&", "&amp;"))
    return escaped.replace(_BREAK, _BREAK_ENTITY)


def code(value: str) -> str:
    """``value`` as a code span (not for a table cell): a fence longer than any backtick run inside it."""
    shown = visible(value)
    if not shown:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each end when both ends have one, and a backtick at an end needs
    # a space to part it from the fence: pad in both cases so the content shows as it is.
    padded = f" {shown} " if shown.strip(" ") and (shown[0] in "` " or shown[-1] in "` ") else shown
    return f"{fence}{padded}{fence}"


def message(value: str) -> str:
    """A finding's message or a rule's hint: its ```backticked``` parts as code spans, the rest as :func:`text`.

    With an unpaired backtick nothing is a code span: the whole is text, its backticks escaped.
    """
    parts = value.split("`")
    if len(parts) % 2 == 0:
        return text(value)
    return "".join(code(part) if number % 2 else text(part) for number, part in enumerate(parts) if part)


def shorten(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` characters, ending with ``…`` when cut (before any escaping)."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


__all__ = ["code", "message", "shorten", "text"]
