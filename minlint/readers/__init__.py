"""Readers: the one seam between a file's bytes and the model.

A reader turns the bytes of one file into a :class:`Document` — whether the file is a spec at all,
its kind, the problems found while reading it (each with a line and column in *that* file), its
inline suppressions, and the :class:`~minlint.model.spec.Spec` every rule runs on. The run never
asks which format a file is in: it calls :func:`read`, which hands the file to the first reader in
:data:`READERS` that recognises it.

minlint's own format (:mod:`minlint.readers.native`) is the first reader, and the last resort: it
recognises every file and says "not a spec" quietly for anything without a top-level ``minlint``
key. A reader for another format (a RudderStack catalog, a Segment plan …) is a new module with a
``recognises`` that looks at the content, listed before it.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from minlint.loader.load import DEFAULT_LIMITS, Limits
from minlint.model.spec import Spec
from minlint.suppressions import Suppression
from minlint.taxonomy import Taxonomy


class Problem(NamedTuple):
    """Something wrong with a file as a spec (a code of the ``files`` pack), at a place in the file."""

    code: str
    line: int
    column: int
    message: str
    target: str = ""  # the offending place by its keys (``traits.email.purpse``), when known


class ReadOptions(NamedTuple):
    """How to read: the project's taxonomy (None while reading the context itself), parser and limits.

    ``validate=False`` skips the shape check, for a file read only as context for others, whose own
    findings nobody will see. ``only_kinds`` reads in full only documents of those kinds: of any
    other, only its kind is returned (the context pass needs no more of a plan).
    """

    taxonomy: Taxonomy | None = None
    pure_yaml: bool = False
    limits: Limits = DEFAULT_LIMITS
    validate: bool = True
    only_kinds: frozenset[str] | None = None
    named: bool = False  # named on the command line: meant as a spec (see minlint.loader.load.load_document)


class Document(NamedTuple):
    """One file as read: ``spec`` is None for a file that is not a spec, a broken one, or a rule pack."""

    is_spec: bool
    kind: str | None = None
    problems: tuple[Problem, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    spec: Spec | None = None


NOT_A_SPEC = Document(False)


class Reader(Protocol):
    """A file format minlint reads."""

    name: str

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` is in this reader's format (by content, never by file name)."""
        ...

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document:
        """The document in ``data``; never raises for bad content."""
        ...


def _readers() -> tuple[Reader, ...]:
    from minlint.readers.native import NATIVE

    return (NATIVE,)


def read(path: str, data: bytes, options: ReadOptions) -> Document:
    """Read ``data`` (the file ``path``) with the first reader that recognises it."""
    for reader in _readers():
        if reader.recognises(data):
            return reader.read(path, data, options)
    return NOT_A_SPEC
