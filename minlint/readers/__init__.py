"""Readers: the one seam between a file's bytes and the model.

A reader turns the bytes of one file into a :class:`Document` — whether the file is a spec at all,
its kind, the problems found while reading it (each with a line and column in *that* file), its
inline suppressions, and the :class:`~minlint.model.spec.Spec` every rule runs on. The run never
asks which format a file is in: it calls :func:`read`, which hands the file to the first reader in
:data:`READERS` that recognises it.

Plans in other formats — RudderStack, Segment, Snowplow, Fides datasets, data contracts (DCS, ODCS), dbt
property files, plain JSON Schema —
are read in place:
their readers (one module each) build the same model as a minlint tracking plan, with every
position in the native file, and :mod:`minlint.readers.foreign` adds the declarations kept beside
them. A reader's ``recognises`` looks at the bytes cheaply; its ``read`` may still find the file is
not its format after all (``None``), and the next reader is asked. minlint's own format
(:mod:`minlint.readers.native`) is the last resort: it says "not a spec" quietly for anything
without a top-level ``minlint`` key.

Some files of other formats are context rather than plans (a RudderStack property catalog): their
documents have the kind :data:`~minlint.vocabulary.CATALOG` and carry a ``part`` that the context
pass hands, with the declarations files, to every reader as :class:`ForeignContext`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple, Protocol

from minlint.loader.decode import wide_text
from minlint.loader.load import DEFAULT_LIMITS, Limits
from minlint.loader.nodes import YMap
from minlint.model.spec import Spec
from minlint.suppressions import Suppression
from minlint.taxonomy import Taxonomy

if TYPE_CHECKING:
    from minlint.model.overlay import Overlay


class Problem(NamedTuple):
    """Something wrong with a file as a spec (a code of the ``files`` pack), at a place in the file."""

    code: str
    line: int
    column: int
    message: str
    target: str = ""  # the offending place by its keys (``traits.email.purpse``), when known
    path: str = ""  # the file it is in, when not the one being read (a declarations file)


class ForeignContext(NamedTuple):
    """What plans in other formats are read with: the project's declarations files, and the
    context parts other files contributed, by reader name (a RudderStack catalog's properties)."""

    overlays: tuple[Overlay, ...] = ()
    parts: Mapping[str, tuple[object, ...]] = {}  # never modified

    def overlays_for(self, plan: str) -> list[Overlay]:
        """The declarations files that name ``plan``, in path order."""
        return [overlay for overlay in self.overlays if plan in overlay.plans]


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
    foreign: ForeignContext = ForeignContext()
    plain_schema: bool = False  # the configuration names the file as a plain JSON Schema plan
    keep_tree: bool = False  # a plan in another format keeps its plan tree (``Document.tree``): `minlint import`


class Document(NamedTuple):
    """One file as read: ``spec`` is None for a file that is not a spec, a broken one, or a rule pack."""

    is_spec: bool
    kind: str | None = None
    problems: tuple[Problem, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    spec: Spec | None = None
    # What a context file gives the readers of other formats, by reader name (see ForeignContext);
    # a declarations file gives its Overlay under the name ``declarations``.
    part: tuple[str, object] | None = None
    # Each declarations-file entry this plan's reading looked at: (declarations file, line, column,
    # message — "" when it matched —, the entry's keys). The project stage reports those no file matched.
    declared: tuple[tuple[str, int, int, str, str], ...] = ()
    # A plan in another format as a minlint plan tree, declarations laid over (``ReadOptions.keep_tree``).
    tree: YMap | None = None


NOT_A_SPEC = Document(False)


class Reader(Protocol):
    """A file format minlint reads."""

    name: str

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` is in this reader's format (by content, never by file name)."""
        ...

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document | None:
        """The document in ``data``, or None if it is not in this format after all; never raises
        for bad content."""
        ...


# The readers of other formats, in the order they are asked: (module, its reader, words one of which
# the bytes of a file in that format always hold). A module is imported only when a file holds one
# of its words — most runs meet no file of another format and pay nothing for their readers.
# Text in UTF-16 or UTF-32 hides every word: such a file is shown to every reader.
_FOREIGN = (
    ("minlint.readers.rudderstack", "RUDDERSTACK", (b"rudder/",)),
    ("minlint.readers.segment", "SEGMENT", (b'"rules"',)),  # Segment exports JSON: the key is quoted
    ("minlint.readers.snowplow", "SNOWPLOW", (b"self",)),
    ("minlint.readers.fides", "FIDES", (b"fides_key",)),
    ("minlint.readers.datacontract", "DATA_CONTRACT", (b"dataContractSpecification",)),
    ("minlint.readers.odcs", "ODCS", (b"DataContract",)),
    ("minlint.readers.dbt", "DBT", (b"columns", b"-paths", b"profile", b"config-version")),
)
_LOADED: dict[str, Reader] = {}


def _reader(module: str, name: str) -> Reader:
    found = _LOADED.get(module)
    if found is None:
        from importlib import import_module

        found = _LOADED[module] = getattr(import_module(module), name)
    return found


def _readers(data: bytes, options: ReadOptions) -> Iterator[Reader]:
    """The readers to ask about ``data``, in order: those of other formats whose words it holds,
    the plain JSON Schema reader when the configuration names the file, minlint's own last."""
    wide = wide_text(data) or b"\x00" in data[:4]  # a NUL among the first bytes: UTF-16/32 without a mark
    for module, name, words in _FOREIGN:
        if wide or any(word in data for word in words):
            yield _reader(module, name)
    if options.plain_schema:
        yield _reader("minlint.readers.jsonschema", "JSON_SCHEMA")
    yield _reader("minlint.readers.native", "NATIVE")


def read(path: str, data: bytes, options: ReadOptions) -> Document:
    """Read ``data`` (the file ``path``) with the first reader that recognises it and claims it."""
    for reader in _readers(data, options):
        if reader.recognises(data):
            document = reader.read(path, data, options)
            if document is not None:
                return document
    return NOT_A_SPEC
