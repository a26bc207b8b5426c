"""From a file's bytes to a checked-shape spec document, or a quiet "not a spec".

pre-commit hands minlint every YAML file of a repository, so a file is a spec only if its top
level has a ``minlint`` key; anything else is skipped without a word. A file that tries to be a
spec and fails — undecodable, unparseable, the wrong shape — gets located findings instead
(ML901 for what cannot be decoded or parsed, ML902 for what parses but cannot be accepted).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from minlint.loader.decode import DecodeFailure, decode, has_bom
from minlint.loader.nodes import Problem, YMap
from minlint.loader.tree import DEFAULT_MAX_ALIAS_NODES, DEFAULT_MAX_DEPTH, parse_yaml
from minlint.suppressions import Suppression, scan
from minlint.vocabulary import SHAPE, SPEC_KINDS, SYNTAX

FORMAT_VERSION = 1

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TOP_MINLINT = re.compile(r"[\"']?minlint[\"']?[ \t]*:")
_FLOW_MINLINT = re.compile(r"[{,][ \t]*[\"']?minlint[\"']?[ \t]*:")


def looks_like_spec(text: str) -> bool:
    """Whether a file that cannot be parsed was meant to be a spec: its top level has a ``minlint`` key.

    Top level means: at the indentation of the document's first key (a document may be indented,
    or start with ``---``), or in a flow mapping opening the document. A ``minlint:`` nested deeper
    (a label in a docker-compose file) does not count.
    """
    top: str | None = None
    for line in _LINE_BREAK.split(text):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "%")) or stripped in ("---", "..."):
            continue
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        body = stripped[3:].lstrip() if stripped.startswith("--- ") else stripped
        if top is None:
            top = indent
            if body.startswith("{"):
                return _FLOW_MINLINT.search(body) is not None
        if indent == top and _TOP_MINLINT.match(body):
            return True
    return False


class Limits(NamedTuple):
    """Bounds that keep hostile files from costing unbounded time or memory."""

    max_depth: int = DEFAULT_MAX_DEPTH
    max_alias_nodes: int = DEFAULT_MAX_ALIAS_NODES


DEFAULT_LIMITS = Limits()


class LoadedFile(NamedTuple):
    """A file after loading.

    ``kind`` is ``None`` for a file that is not a spec (and has no problems) or for a spec too broken
    to know its kind; ``root`` is set only when the document can be checked.
    """

    path: str
    kind: str | None
    root: YMap | None
    problems: list[Problem] = []  # noqa: RUF012  # never modified: a new list is built when there are problems
    suppressions: list[Suppression] = []  # noqa: RUF012  # never modified

    @property
    def is_spec(self) -> bool:
        """Whether the file is a minlint spec (possibly a broken one)."""
        return self.kind is not None or bool(self.problems)


def _not_a_spec(path: str) -> LoadedFile:
    return LoadedFile(path, None, None)


def _broken(path: str, problem: Problem) -> LoadedFile:
    return LoadedFile(path, None, None, [problem])


def load_document(path: str, data: bytes, *, pure: bool = False, limits: Limits = DEFAULT_LIMITS) -> LoadedFile:
    """Decode, parse and identify one file. Never raises for bad content."""
    decoded = decode(data)
    if isinstance(decoded, DecodeFailure):
        if decoded.binary or b"minlint" in data or has_bom(data):
            return _broken(path, Problem(SYNTAX, decoded.line, decoded.column, decoded.message))
        return _not_a_spec(path)
    text = decoded
    if "minlint" not in text:
        return _not_a_spec(path)
    parsed = parse_yaml(text, pure=pure, max_depth=limits.max_depth, max_alias_nodes=limits.max_alias_nodes)
    root = parsed.root
    if parsed.fatal:
        if looks_like_spec(text):
            return LoadedFile(path, None, None, parsed.problems, scan(path, text))
        return _not_a_spec(path)
    if not isinstance(root, YMap) or "minlint" not in root:
        return _not_a_spec(path)
    problems = list(parsed.problems)
    if parsed.second_document is not None:
        line, column = parsed.second_document
        problems.append(
            Problem(
                SHAPE,
                line,
                column,
                "a spec file holds one YAML document, but a second one starts here; split it into its own file",
            )
        )
    version = root["minlint"]
    if type(version) is not int or version != FORMAT_VERSION:
        line, column = root.marks["minlint"][2:]
        shown = f"'{version}'" if isinstance(version, str) else "null" if version is None else str(version).lower()
        problems.append(
            Problem(
                SHAPE,
                line,
                column,
                f"`minlint: {shown}` is not a format version this minlint reads; write `minlint: 1`",
            )
        )
        return LoadedFile(path, None, None, problems, scan(path, text))
    kind = root.get("kind")
    if kind not in SPEC_KINDS:
        if "kind" in root:
            line, column = root.marks["kind"][2:]
            message = f"unknown kind `{kind}`; a spec's kind is one of: {', '.join(SPEC_KINDS)}"
        else:
            line, column = root.marks["minlint"][:2]
            message = f"missing required key `kind` (one of: {', '.join(SPEC_KINDS)})"
        problems.append(Problem(SHAPE, line, column, message))
        return LoadedFile(path, None, None, problems, scan(path, text))
    return LoadedFile(path, str(kind), root, problems, scan(path, text))
