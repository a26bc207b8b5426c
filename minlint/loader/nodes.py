"""The values the YAML reader builds: positioned mappings and sequences, and problems found reading."""

from __future__ import annotations

from typing import Any, NamedTuple


class YMap(dict[str, Any]):
    """A YAML mapping. ``marks[key]`` is ``(key_line, key_column, value_line, value_column)``."""

    __slots__ = ("column", "line", "marks")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.marks: dict[str, tuple[int, int, int, int]] = {}


class ForeignMap(YMap):
    """A mapping minlint made from a file in another format (a RudderStack catalog, a Segment plan …).

    Its ``marks`` point into that file. ``paths[key]`` names the file a key was written in when it
    is not that one (a declaration from a ``kind: declarations`` file); ``ident`` is the native id
    of the field it describes (a RudderStack property id), when it has one besides its name.
    """

    __slots__ = ("ident", "paths")

    def __init__(self, line: int, column: int, ident: str | None = None) -> None:
        super().__init__(line, column)
        self.paths: dict[str, str] = {}
        self.ident = ident


def foreign_child(parent: YMap, key: str) -> ForeignMap:
    """``parent[key]`` as a :class:`ForeignMap`, made at the parent's place when missing (a plain
    mapping found there keeps its entries and their positions)."""
    child = parent.get(key)
    if isinstance(child, ForeignMap):
        return child
    made = ForeignMap(parent.line, parent.column)
    if isinstance(child, YMap):
        for name, value in child.items():
            made[name] = value
            made.marks[name] = child.marks[name]
    parent[key] = made
    parent.marks.setdefault(key, (parent.line, parent.column, parent.line, parent.column))
    return made


class YSeq(list[Any]):
    """A YAML sequence. ``marks[i]`` is ``(line, column)`` of item ``i``."""

    __slots__ = ("column", "line", "marks")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.marks: list[tuple[int, int]] = []


class Problem(NamedTuple):
    """Something wrong with the YAML itself, found while building the tree."""

    code: str
    line: int
    column: int
    message: str


class ParsedYaml:
    """The first document of a YAML text, and what went wrong reading it.

    ``fatal`` means reading stopped early: ``root`` is then ``None`` or incomplete and must not be
    checked further. ``second_document`` is where a second document starts, if one does (reading
    stops there).
    """

    __slots__ = ("fatal", "problems", "root", "second_document")

    def __init__(
        self, root: object, problems: list[Problem], fatal: bool, second_document: tuple[int, int] | None
    ) -> None:
        self.root = root
        self.problems = problems
        self.fatal = fatal
        self.second_document = second_document
