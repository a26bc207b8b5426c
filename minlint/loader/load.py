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
from minlint.vocabulary import JSON_SUFFIX, SHAPE, SPEC_KINDS, SYNTAX

FORMAT_VERSION = 1
_YAML_SYNTAX = "YAML syntax error: "

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


def json_syntax(problem: Problem) -> Problem:
    """A syntax problem of a ``.json`` file, said of JSON (it was read as YAML, which JSON is)."""
    if problem.code == SYNTAX and problem.message.startswith(_YAML_SYNTAX):
        return problem._replace(message="JSON syntax error: " + problem.message[len(_YAML_SYNTAX) :])
    return problem


def _not_a_spec(path: str) -> LoadedFile:
    return LoadedFile(path, None, None)


def _broken(path: str, problem: Problem) -> LoadedFile:
    return LoadedFile(path, None, None, [problem])


def _mistaken_spec(root: YMap) -> Problem | None:
    """Why a mapping without a ``minlint`` key looks meant as a spec, if it does: a top-level key
    that is ``minlint`` misspelt, or a ``kind`` that is a spec kind."""
    for key, marks in root.marks.items():
        folded = key.lower().replace("-", "").replace("_", "")
        if folded != "minlint" and _close(folded, "minlint"):
            message = f"`{key}` is not `minlint`: a spec starts with `minlint: 1`, so this file is not read as one"
            return Problem(SHAPE, marks[0], marks[1], message)
        if folded == "minlint":
            message = f"write the key as `minlint` (not `{key}`): a spec starts with `minlint: 1`"
            return Problem(SHAPE, marks[0], marks[1], message)
    kind = root.get("kind")
    # Another tool's file with a `kind` of the same name (RudderStack's `kind: tracking-plan` beside
    # `version: rudder/v1`) has keys no minlint spec has: it is not taken for a spec.
    if isinstance(kind, str) and kind in SPEC_KINDS and all(_top_level_key(key, kind) for key in root):
        line, column = root.marks["kind"][:2]
        message = (
            f"this file declares `kind: {kind}` but has no `minlint: 1` key, so it is not read as a spec; "
            "add `minlint: 1` at the top"
        )
        return Problem(SHAPE, line, column, message)
    return None


def _top_level_key(key: str, kind: str) -> bool:
    """Whether ``key`` may stand at the top of a spec of ``kind`` (its schema's keys, and ``x-`` ones)."""
    from minlint.schema import load_schema  # only for a named file that is not a spec

    return key.startswith("x-") or key in load_schema(kind).get("properties", {})


def _close(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with one letter added, removed or changed, or two swapped."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        differ = [index for index, (one, other) in enumerate(zip(word, target, strict=True)) if one != other]
        swapped = len(differ) == 2 and differ[1] == differ[0] + 1 and word[differ[0]] == target[differ[1]]
        return len(differ) == 1 or (swapped and word[differ[1]] == target[differ[0]])
    shorter, longer = sorted((word, target), key=len)
    return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))


def _spec_after_empty_document(path: str, text: str, start: tuple[int, int]) -> LoadedFile:
    """A file whose first YAML document is empty: a spec in the one after it is reported, not skipped."""
    line, column = start
    rest = "\n".join(_LINE_BREAK.split(text)[line - 1 :])
    if not looks_like_spec(rest):
        return _not_a_spec(path)
    message = (
        "the first YAML document of this file is empty and the spec starts here, in a second one, so it "
        "would not be read; a spec file holds one document: remove the `---` line(s) above it"
    )
    return _broken(path, Problem(SHAPE, line, column, message))


def load_document(
    path: str, data: bytes, *, pure: bool = False, limits: Limits = DEFAULT_LIMITS, named: bool = False
) -> LoadedFile:
    """Decode, parse and identify one file. Never raises for bad content.

    ``named``: the file was named on the command line, so it is meant to be checked — a file that
    cannot be decoded or parsed, or that looks like a spec but is not one (a spec ``kind`` without
    ``minlint: 1``, ``minlint`` misspelt), is then a located problem rather than quietly "not a spec".
    """
    decoded = decode(data)
    if isinstance(decoded, DecodeFailure):
        if named or decoded.binary or b"minlint" in data or has_bom(data):
            return _broken(path, Problem(SYNTAX, decoded.line, decoded.column, decoded.message))
        return _not_a_spec(path)
    text = decoded
    if "minlint" not in text and not named:
        return _not_a_spec(path)
    parsed = parse_yaml(text, pure=pure, max_depth=limits.max_depth, max_alias_nodes=limits.max_alias_nodes)
    if path.lower().endswith(JSON_SUFFIX):
        parsed.problems = [json_syntax(problem) for problem in parsed.problems]
    root = parsed.root
    if parsed.fatal:
        # A named file that does not parse is reported; one refused for its aliases or depth (not
        # a syntax error) only if it looks like a spec — the refusal protects, it does not check.
        syntax = any(problem.code == SYNTAX for problem in parsed.problems)
        if (named and syntax) or looks_like_spec(text):
            return LoadedFile(path, None, None, parsed.problems, scan(path, text))
        return _not_a_spec(path)
    if root is None and parsed.second_document is not None:
        return _spec_after_empty_document(path, text, parsed.second_document)
    if not isinstance(root, YMap):
        return _not_a_spec(path)
    if "minlint" not in root:
        mistaken = _mistaken_spec(root) if named else None
        return _broken(path, mistaken) if mistaken is not None else _not_a_spec(path)
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
