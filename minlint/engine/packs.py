"""Rule packs: YAML files of rules (``kind: rules``), the built-in ones and an organisation's own.

The built-in packs live in the repository's top-level ``rules/`` folder and ship inside the wheel
as ``minlint/rules``. A pack that cannot be read is a configuration problem: :class:`PackError`
carries the file, line and column, and the command line turns it into exit code 2.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from minlint.engine.names import merge_options
from minlint.engine.rule import Example, RuleDef
from minlint.errors import SetupError
from minlint.loader.load import load_document
from minlint.loader.nodes import YMap
from minlint.package_data import package_file
from minlint.schema import shape_errors


class PackError(SetupError):
    """A rule pack that cannot be used; ``str()`` is one ``path:line:column: message`` line."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message


def builtin_pack_dir() -> Path:
    """Where the built-in packs are: inside the installed package, or the source checkout's ``rules/``."""
    installed = package_file("rules")
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent.parent / "rules"


def _examples(rule: YMap) -> tuple[Example, ...]:
    examples: list[Example] = []
    block = rule.get("examples")
    if not isinstance(block, YMap):
        return ()
    for bad in (True, False):
        for item in block.get("bad" if bad else "good") or ():
            files = {"spec.yaml": item["spec"], **dict(item.get("context") or {})}
            expect = tuple(
                (int(line), int(column)) for line, column in (place.split(":") for place in item.get("expect") or ())
            )
            examples.append(Example(item["title"], bad, files, expect))
    return tuple(examples)


_PLACEHOLDER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _check_message(path: str, rule: YMap) -> None:
    template = rule.get("message")
    if not isinstance(template, str):
        return
    line, column = rule.marks["message"][2:]
    try:
        fields = [
            (name, conversion) for _, name, _, conversion in string.Formatter().parse(template) if name is not None
        ]
    except ValueError as error:
        raise PackError(path, line, column, f"`message` is not a valid template: {error}") from None
    for name, conversion in fields:
        if conversion not in (None, "r", "s", "a"):
            raise PackError(
                path, line, column, f"`message` is not a valid template: unknown conversion `!{conversion}`"
            )
        if not _PLACEHOLDER.match(name):
            raise PackError(
                path,
                line,
                column,
                f"`message` placeholder `{{{name}}}` must be a plain attribute name, e.g. `{{ref}}`",
            )


def _rule(path: str, pack: str, rule: YMap, line: int) -> RuleDef:
    _check_message(path, rule)
    target = rule["target"]
    return RuleDef(
        id=rule["id"],
        name=rule["name"],
        severity=rule["severity"],
        targets=tuple(target) if isinstance(target, list) else (target,),
        summary=" ".join(rule["summary"].split()),
        rationale=rule["rationale"].strip(),
        fix=rule["fix"].strip(),
        message=rule.get("message"),
        hint=rule.get("hint"),
        when=rule.get("when"),
        require=rule.get("require"),
        check=rule.get("check"),
        options=dict(rule.get("options") or {}),
        location=rule.get("location"),
        declares=rule.get("declares", False),
        folds_nested=rule.get("folds_nested", False),
        jurisdiction=rule.get("jurisdiction", "gdpr"),
        enabled=rule.get("enabled", True),
        examples=_examples(rule),
        pack=pack,
        source=path,
        line=line,
    )


class Extension(NamedTuple):
    """Options a pack adds to a rule defined elsewhere (``extends:`` in the pack)."""

    rule: str
    options: Mapping[str, Any]
    source: str
    line: int
    column: int


class Pack(NamedTuple):
    """A loaded rule pack: its rules and its extensions of other packs' rules."""

    name: str
    source: str
    rules: tuple[RuleDef, ...]
    extends: tuple[Extension, ...] = ()


def load_pack(path: Path, display: str | None = None, *, validate: bool = True) -> Pack:
    """The pack at ``path``; raises PackError if it is unreadable or malformed.

    ``validate=False`` skips the shape check against the rules schema: for the built-in packs,
    which ship with the code and are checked by its tests.
    """
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PackError(shown, 1, 1, f"cannot read rule pack: {error.strerror or error}") from None
    return parse_pack(data, shown, path.stem, validate=validate)


def parse_pack(data: bytes, shown: str, stem: str, *, validate: bool = True) -> Pack:
    """The pack in ``data`` (named ``shown`` in errors, ``stem`` when it has no name); see :func:`load_pack`."""
    loaded = load_document(shown, data)
    if loaded.problems:
        problem = loaded.problems[0]
        raise PackError(shown, problem.line, problem.column, problem.message)
    if loaded.root is None:
        raise PackError(shown, 1, 1, "not a rule pack: it needs `minlint: 1` and `kind: rules` at the top")
    if loaded.kind != "rules":
        line, column = loaded.root.marks["kind"][2:]
        raise PackError(shown, line, column, f"expected `kind: rules` in a rule pack, found `kind: {loaded.kind}`")
    errors = shape_errors(loaded.root, "rules") if validate else []
    if errors:
        line, column, message, _ = errors[0]
        raise PackError(shown, line, column, message)
    pack = loaded.root.get("name") or stem
    rules = loaded.root["rules"]
    result: list[RuleDef] = []
    seen: dict[str, int] = {}
    for index, rule in enumerate(rules):
        line = rules.marks[index][0]
        for key in ("id", "name"):
            if rule[key] in seen:
                raise PackError(
                    shown, line, rules.marks[index][1], f"rule {key} `{rule[key]}` is used twice in this pack"
                )
            seen[rule[key]] = line
        result.append(_rule(shown, str(pack), rule, line))
    extends = loaded.root.get("extends")
    extensions = (
        tuple(
            Extension(rule_id, dict(options), shown, *extends.marks[rule_id][:2])
            for rule_id, options in extends.items()
        )
        if isinstance(extends, YMap)
        else ()
    )
    return Pack(str(pack), shown, tuple(result), extensions)


def builtin_pack_files() -> list[tuple[str, bytes]]:
    """The built-in packs' files as ``(shown name, bytes)``, in file name order."""
    return [(f"rules/{path.name}", path.read_bytes()) for path in sorted(builtin_pack_dir().glob("*.yaml"))]


@cache
def builtin_packs() -> tuple[Pack, ...]:
    """The built-in packs, in file name order."""
    return parse_builtin_packs(builtin_pack_files())


def parse_builtin_packs(files: list[tuple[str, bytes]]) -> tuple[Pack, ...]:
    """The built-in packs from their files (see :func:`builtin_pack_files`)."""
    return tuple(parse_pack(data, shown, Path(shown).stem, validate=False) for shown, data in files)


@cache
def builtin_rules() -> tuple[RuleDef, ...]:
    """All rules of the built-in packs, ordered by code."""
    return tuple(sorted(combine(builtin_packs()), key=lambda rule: rule.id))


def combine(packs: Iterable[Pack]) -> list[RuleDef]:
    """Rules from several packs, with every pack's ``extends`` applied.

    Raises PackError when two rules share an id or a name, or a pack extends a rule that no pack defines.
    """
    packs = list(packs)
    by_id: dict[str, RuleDef] = {}
    by_name: dict[str, RuleDef] = {}
    result: list[RuleDef] = []
    for pack in packs:
        for rule in pack.rules:
            for index, key in ((by_id, rule.id), (by_name, rule.name)):
                other = index.get(key)
                if other is not None:
                    raise PackError(
                        rule.source,
                        rule.line,
                        1,
                        f"rule `{key}` is already defined by {other.source}"
                        + (" (a built-in rule; choose another code)" if other.source.startswith("rules/") else ""),
                    )
                index[key] = rule
            result.append(rule)
    for pack in packs:
        for extension in pack.extends:
            if extension.rule not in by_id:
                raise PackError(
                    extension.source,
                    extension.line,
                    extension.column,
                    f"`extends` names no known rule `{extension.rule}`",
                )
            base = by_id[extension.rule]
            by_id[extension.rule] = base._replace(options=merge_options(base.options, extension.options))
    return [by_id[rule.id] for rule in result]
