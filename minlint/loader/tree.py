"""Build plain Python values from YAML events, keeping every key's and value's position.

Why events and not PyYAML's constructor: the constructor loses positions, silently keeps the last
of two duplicate keys, constructs any tag it knows, and expands aliases as it goes. Reading the
event stream (libyaml's when present) lets minlint record positions nearly for free, report
duplicate keys, refuse tags, and count what aliases would expand to *before* anything expands,
in one iterative pass that no nesting depth can push into a RecursionError.

Mappings become :class:`YMap` (a ``dict``), sequences :class:`YSeq` (a ``list``); scalars are plain
``str``/``int``/``float``/``bool``/``None``. Lines and columns are 1-based.
"""

from __future__ import annotations

import re
from typing import Any, Final

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from minlint.loader.nodes import ParsedYaml, Problem, YMap, YSeq
from minlint.loader.places import UNICODE_BREAKS, offset_to_position, remap, syntax_problem
from minlint.loader.scalars import (
    ALLOWED_COLLECTION_TAGS,
    ALLOWED_SCALAR_TAGS,
    MERGE,
    ScalarError,
    construct_tagged,
    resolve_plain,
    short_tag,
)
from minlint.vocabulary import DUPLICATE, SHAPE, SYNTAX

try:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

    HAVE_LIBYAML: Final = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    HAVE_LIBYAML = False  # type: ignore[misc]


DEFAULT_MAX_DEPTH: Final = 200
DEFAULT_MAX_ALIAS_NODES: Final = 100_000
_LONE_CR = re.compile(r"\r(?!\n)")


class _Stop(Exception):
    """Reading must stop: the problem has been recorded."""


class _PureParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python event parser, for when libyaml is not available (or asked not to be used)."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


_NO_KEY: Final = object()


class _Frame:
    """An open mapping or sequence on the builder's stack."""

    __slots__ = ("anchor", "complex_key", "is_key", "key", "key_col", "key_line", "mapping", "merges", "node", "size")

    def __init__(self, node: YMap | YSeq, anchor: str | None, is_key: bool) -> None:
        self.node = node
        self.mapping = type(node) is YMap
        self.anchor = anchor
        self.size = 1
        self.key: object = _NO_KEY
        self.key_line = 0
        self.key_col = 0
        self.merges: list[tuple[object, int, int]] | None = None
        self.is_key = is_key  # this collection is itself being used as a mapping key
        self.complex_key = False  # the pending key was not text: drop the value that follows


def make_parser(text: str, *, pure: bool = False) -> Any:
    """An event parser over ``text``: libyaml's unless ``pure`` or libyaml is missing."""
    if HAVE_LIBYAML and not pure:
        return _CParser(text)
    return _PureParser(text)


class _Builder:
    """Consumes events for one document; see :func:`parse_yaml`."""

    def __init__(self, max_depth: int, max_alias_nodes: int) -> None:
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[object, int]] = {}
        self.stack: list[_Frame] = []
        self.root: object = None
        self.alias_budget = max_alias_nodes
        self.max_alias_nodes = max_alias_nodes
        self.max_depth = max_depth
        self.memo: dict[str, object] = {}
        self.second_document: tuple[int, int] | None = None
        self.scalar_text: str | None = None  # the source text of the scalar being attached, for messages

    # -- problems -------------------------------------------------------------------------------
    def problem(self, code: str, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(code, line, column, message))

    def stop(self, code: str, line: int, column: int, message: str) -> _Stop:
        self.problem(code, line, column, message)
        return _Stop()

    # -- values ---------------------------------------------------------------------------------
    def scalar_value(self, event: ScalarEvent, line: int, column: int) -> object:
        text: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if event.implicit[0]:
                memo = self.memo
                value = memo.get(text, memo)
                if value is memo:
                    value = memo[text] = resolve_plain(text)
                return value
            return text
        if tag in ALLOWED_SCALAR_TAGS:
            try:
                return construct_tagged(tag, text)
            except ScalarError as error:
                self.problem(SHAPE, line, column, f"{error} (tagged `{short_tag(tag)}`)")
                return text
        self.problem(
            SHAPE,
            line,
            column,
            f"YAML tag `{short_tag(tag)}` is not allowed in a spec; remove it "
            "(minlint never constructs tagged objects)",
        )
        return text

    def attach(self, value: object, size: int, line: int, column: int) -> None:
        """Put a finished value into the open collection on top of the stack (or make it the root)."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        node = frame.node
        if isinstance(node, YSeq):
            node.append(value)
            node.marks.append((line, column))
            return
        if frame.key is _NO_KEY:
            self.take_key(frame, value, line, column)
            return
        key = frame.key
        frame.key = _NO_KEY
        if frame.complex_key:
            frame.complex_key = False
            return
        if key is MERGE:
            if frame.merges is None:
                frame.merges = []
            frame.merges.append((value, line, column))
            return
        assert isinstance(key, str)
        if key in node:
            first = node.marks[key]
            self.problem(
                DUPLICATE,
                frame.key_line,
                frame.key_col,
                f"duplicate key `{key}` (first defined at line {first[0]}); "
                "YAML keeps only one of them, so one declaration is silently lost",
            )
            return
        node[key] = value
        node.marks[key] = (frame.key_line, frame.key_col, line, column)

    def take_key(self, frame: _Frame, key: object, line: int, column: int) -> None:
        frame.key_line = line
        frame.key_col = column
        if type(key) is str or key is MERGE:
            frame.key = key
            return
        if isinstance(key, (YMap, YSeq)):
            self.problem(SHAPE, line, column, "a mapping key must be a name, not a list or mapping")
            frame.key = "<complex key>"
            frame.complex_key = True
            return
        frame.key = "<complex key>"
        frame.complex_key = True
        shown = self.scalar_text
        if shown is None:
            shown = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
        self.problem(
            SHAPE,
            line,
            column,
            f"key `{shown}` is read as {_describe(key)}, not as a name; quote it (`'{shown}':`)",
        )

    def finish_mapping(self, frame: _Frame) -> None:
        node = frame.node
        assert type(node) is YMap
        for source, line, column in frame.merges or ():
            sources = source if type(source) is YSeq else [source]
            for item in sources:
                if type(item) is not YMap:
                    self.problem(SHAPE, line, column, "a merge key (`<<`) takes a mapping or a list of mappings")
                    continue
                for key, value in item.items():
                    if key not in node:
                        node[key] = value
                        node.marks[key] = item.marks[key]

    def register_anchor(self, anchor: str | None, value: object, size: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)

    # -- the loop -------------------------------------------------------------------------------
    def run(self, parser: Any) -> None:
        """Consume events up to the end of the first document.

        One loop over every event of every file, long on purpose: it is the hottest code of a run,
        so each event kind is handled inline with locals rather than through a method call each.
        """
        documents = 0
        stack = self.stack
        max_depth = self.max_depth
        memo = self.memo
        get_event = parser.get_event
        anchored = 0  # open collections with an anchor: only then do sizes matter (alias budget)
        # Every position on one line shares one int for its line number (the key's and the value's
        # of `key: value` above all): a line past 256 is an object of its own, and positions are
        # most of the memory a large tree takes.
        raw_line = -1
        shared_line = 0
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent and stack and event.tag is None and event.anchor is None:
                # The fast path: an untagged, unanchored scalar in an open collection — nearly
                # every event of a spec. Anything unusual takes the general path below.
                mark = event.start_mark
                if mark.line != raw_line:
                    raw_line = mark.line
                    shared_line = raw_line + 1
                line = shared_line
                column = mark.column + 1
                text = event.value
                if event.implicit[0]:
                    value = memo.get(text, memo)
                    if value is memo:
                        value = memo[text] = resolve_plain(text)
                else:
                    value = text
                frame = stack[-1]
                if anchored:
                    frame.size += 1
                if frame.mapping:
                    key = frame.key
                    if key is _NO_KEY:
                        if type(value) is str:
                            frame.key = value
                            frame.key_line = line
                            frame.key_col = column
                            continue
                    elif type(key) is str and not frame.complex_key:
                        mapping: Any = frame.node
                        if key not in mapping:
                            mapping[key] = value
                            mapping.marks[key] = (frame.key_line, frame.key_col, line, column)
                            frame.key = _NO_KEY
                            continue
                else:
                    sequence: Any = frame.node
                    sequence.append(value)
                    sequence.marks.append((line, column))
                    continue
                if anchored:
                    frame.size -= 1  # the general path counts it
                self.scalar_text = text
                self.attach(value, 1, line, column)
                self.scalar_text = None
            elif cls is ScalarEvent:
                mark = event.start_mark
                if mark.line != raw_line:
                    raw_line = mark.line
                    shared_line = raw_line + 1
                line = shared_line
                column = mark.column + 1
                value = self.scalar_value(event, line, column)
                if event.anchor is not None:
                    self.register_anchor(event.anchor, value, 1)
                self.scalar_text = event.value
                self.attach(value, 1, line, column)
                self.scalar_text = None
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                if mark.line != raw_line:
                    raw_line = mark.line
                    shared_line = raw_line + 1
                line = shared_line
                column = mark.column + 1
                if len(stack) >= max_depth:
                    raise self.stop(SHAPE, line, column, f"nested more than {max_depth} levels deep")
                tag = event.tag
                if tag is not None and tag != "!" and tag not in ALLOWED_COLLECTION_TAGS:
                    self.problem(
                        SHAPE,
                        line,
                        column,
                        f"YAML tag `{short_tag(tag)}` is not allowed in a spec; remove it "
                        "(minlint never constructs tagged objects)",
                    )
                is_key = bool(stack) and stack[-1].key is _NO_KEY and stack[-1].mapping
                collection: YMap | YSeq = YMap(line, column) if cls is MappingStartEvent else YSeq(line, column)
                if event.anchor is not None:
                    anchored += 1
                stack.append(_Frame(collection, event.anchor, is_key))
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    anchored -= 1
                if cls is MappingEndEvent:
                    self.finish_mapping(frame)
                self.register_anchor(frame.anchor, frame.node, frame.size)
                self.attach(frame.node, frame.size, frame.node.line, frame.node.column)
            elif cls is AliasEvent:
                mark = event.start_mark
                if mark.line != raw_line:
                    raw_line = mark.line
                    shared_line = raw_line + 1
                line = shared_line
                column = mark.column + 1
                found = self.anchors.get(event.anchor)
                if found is None:
                    raise self.stop(
                        SYNTAX,
                        line,
                        column,
                        f"alias `*{event.anchor}` refers to no anchor defined before it "
                        "(an anchor must be complete before it is used)",
                    )
                value, size = found
                self.alias_budget -= size
                if self.alias_budget < 0:
                    raise self.stop(
                        SHAPE,
                        line,
                        column,
                        f"aliases here would expand to more than {self.max_alias_nodes:,} values "
                        "(an alias bomb such as 'billion laughs'); refusing to expand them",
                    )
                self.attach(value, size, line, column)
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    self.second_document = (mark.line + 1, mark.column + 1)
                    return
            elif cls is StreamEndEvent:
                return


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__


def parse_yaml(
    text: str,
    *,
    pure: bool = False,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_alias_nodes: int = DEFAULT_MAX_ALIAS_NODES,
) -> ParsedYaml:
    """Read the first YAML document of ``text`` into positioned values.

    Never raises for bad input: syntax errors, alias bombs and excessive nesting end reading and
    are returned as fatal problems; duplicate keys, non-text keys and tags are reported and reading
    goes on.
    """
    if "\r" in text:
        # Old Mac line endings: libyaml's error marks do not count a lone CR as a line break.
        # An LF in its place keeps every offset, line and column as editors show them.
        text = _LONE_CR.sub("\n", text)
    builder = _Builder(max_depth, max_alias_nodes)
    located: set[int] = set()
    parser: Any = None
    fatal = False
    try:
        parser = make_parser(text, pure=pure)
        builder.run(parser)
    except _Stop:
        fatal = True
    except yaml.YAMLError as error:
        problem = syntax_problem(error, text, pure, HAVE_LIBYAML)
        builder.problems.append(problem)
        if isinstance(error, yaml.reader.ReaderError):
            located.add(id(problem))  # located from an offset: already where an editor shows it
        fatal = True
    except UnicodeEncodeError as error:  # libyaml takes UTF-8: a lone surrogate cannot be encoded
        line, column = offset_to_position(text, error.start, in_bytes=False)
        problem = Problem(SYNTAX, line, column, "the text contains an invalid character (a lone surrogate)")
        builder.problems.append(problem)
        located.add(id(problem))
        fatal = True
    except (ValueError, OverflowError) as error:
        # PyYAML's pure scanner lets some errors out as plain exceptions (an escape such as
        # "\U00110000" beyond Unicode): still a syntax error, located where the scanner stopped.
        mark = parser.get_mark() if hasattr(parser, "get_mark") else None
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        builder.problems.append(Problem(SYNTAX, line, column, f"YAML syntax error: {error}"))
        fatal = True
    finally:
        if parser is not None and hasattr(parser, "dispose"):
            parser.dispose()
    parsed = ParsedYaml(None if fatal else builder.root, builder.problems, fatal, builder.second_document)
    if any(character in text for character in UNICODE_BREAKS):
        remap(parsed, text, located)
    return parsed
