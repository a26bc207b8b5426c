"""The read stage: a source's bytes — or why they cannot be had — and a first look at what they are.

A file over the size limit is never read whole (only its head, to tell a spec from a large YAML
data file), and nothing but a regular file is opened (a FIFO would block a read forever). The
first look (:func:`maybe_context`, :func:`may_be_campaign`) reads bytes only: it decides which
files the context pass loads, so it errs on the side of "maybe".
"""

from __future__ import annotations

import os
import re
import stat
from typing import NamedTuple

from minlint.loader.decode import decode
from minlint.loader.load import looks_like_spec
from minlint.run.discover import SourceFile
from minlint.vocabulary import DBT_PROJECT_KEYS

DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024
HEAD_SIZE = 64 * 1024


class ReadFailure(NamedTuple):
    """Why a file's bytes were not read. A file over the size limit is a finding, not an I/O error."""

    message: str
    too_large: bool = False
    head: bytes = b""  # the start of a file too large to read whole: is it meant to be a spec at all?

    def looks_like_spec(self) -> bool:
        """Whether a too-large file starts like a spec (a large YAML data file that is not one is skipped)."""
        text = decode(self.head)
        return looks_like_spec(text) if isinstance(text, str) else b"minlint" in self.head


class Source:
    """A source read once: its digest (``content``, "" without a cache), and its bytes if kept."""

    __slots__ = ("content", "data", "source")

    def __init__(self, source: SourceFile, content: str, data: bytes | None) -> None:
        self.source = source
        self.content = content
        self.data = data

    @property
    def display(self) -> str:
        """The path shown for this file."""
        return self.source.display


def human_size(size: int) -> str:
    """``16 MB``, ``512 KB``, ``300 bytes``."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} byte{'s' if size != 1 else ''}"


def _too_large(size: int, max_size: int) -> str:
    return f"the file is {human_size(size)}, over the {human_size(max_size)} limit"


def read_source(source: SourceFile, max_size: int) -> bytes | ReadFailure:
    """The file's bytes, or why they cannot be read (a file over ``max_size`` is never read at all)."""
    if source.data is not None:
        # ``size`` is only given for a file too large to be read whole: ``data`` is its start.
        size = len(source.data) if source.size is None else source.size
        if size > max_size or source.size is not None:
            return ReadFailure(_too_large(size, max_size), True, source.data[:HEAD_SIZE])
        return source.data
    try:
        descriptor = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return ReadFailure(f"cannot read: {(error.strerror or str(error)).lower()}")
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return ReadFailure("not a regular file (a FIFO, socket or device)")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            if info.st_size > max_size:
                return ReadFailure(_too_large(info.st_size, max_size), True, handle.read(HEAD_SIZE))
            # Ask for what the file holds, not for the limit: a raised limit must not reserve its
            # size in memory for every file. A file that grows meanwhile is read up to the limit.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(max_size + 1 - len(data))
    except OSError as error:
        return ReadFailure(f"cannot read: {(error.strerror or str(error)).lower()}")
    finally:
        os.close(descriptor)
    if len(data) > max_size:
        return ReadFailure(f"the file grew past the {human_size(max_size)} limit while being read", True)
    return data


# The words a context file must spell out in its `kind`: purposes, recipients, categories and
# declarations files, and the catalog files of a RudderStack project (`kind: properties`, `events`,
# `custom-types`). A `kind` key followed by one of them, or by anything that could give it a value
# in another way — a tag, an anchor, an alias, a block scalar, a comment before the value — makes a
# file maybe-context; so does an alias used as a key. The quantifiers are possessive and no class
# spans a `kind`: the search is linear.
_CONTEXT_WORDS = (b"purposes", b"recipients", b"categories", b"declarations", b"properties", b"events", b"custom-types")
_CONTEXT_KIND = re.compile(
    rb"kind[\"']?\s*+(?:#|:\s*+(?:[!&*|>#]|[\"']?"
    rb"(?:purposes|recipients|categories|declarations|properties|events|custom-types)\b))"
)
_ALIAS_KEY = re.compile(rb"\*[^\s,\[\]{}:*]++\s*+:")


# YAML 1.1 breaks lines at NEL, LS and PS too: `kind:` then one of them then `purposes`.
_UNICODE_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


def could_hide_words(data: bytes) -> bool:
    """Whether ``data``'s words may not be its bytes: escapes (only double-quoted scalars have
    them), NULs (UTF-16/32), text that is not UTF-8, or line breaks only YAML counts (NEL, LS, PS)."""
    if (b"\\" in data and b'"' in data) or b"\x00" in data or not _is_utf8(data):
        return True
    return not data.isascii() and any(each in data for each in _UNICODE_BREAKS)


def maybe_context(data: bytes, hidden: bool | None = None) -> bool:
    """Whether ``data`` may be a purposes or categories file (never False for one that is;
    ``tests/run/test_read.py`` tries every spelling YAML allows).

    Such a file spells ``purposes`` or ``categories`` in its text — unless its text could hide the
    word — and gives its ``kind`` that value in one of the ways :data:`_CONTEXT_KIND` matches.
    ``hidden`` is :func:`could_hide_words` of ``data`` when already known.
    """
    if could_hide_words(data) if hidden is None else hidden:
        return True
    if b"privacy_declarations" in data:
        return True  # a Fides system: its declarations are context for the project's datasets
    if DBT_PROJECT_KEYS.search(data) is not None:
        return True  # a dbt_project.yml: it names the plan its property files form
    if not any(word in data for word in _CONTEXT_WORDS):
        return False
    return _CONTEXT_KIND.search(data) is not None or _ALIAS_KEY.search(data) is not None


def may_be_campaign(data: bytes, hidden: bool | None = None) -> bool:
    """Whether ``data`` could be a campaign: it mentions one, or its text could hide the word.

    ``hidden`` is :func:`could_hide_words` of ``data`` when already known.
    """
    return b"campaign" in data or (could_hide_words(data) if hidden is None else hidden)


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 (ASCII, the common case, is checked without decoding)."""
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
