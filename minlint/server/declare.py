"""The quick fix for a missing declaration: ``purpose`` (ML001), ``basis`` (ML002), ``retention`` (ML003).

The value offered is a starting point taken from the project: the most common one among the other
fields — for a basis, among fields kept for the same purpose and allowed for it by the registry;
for a retention, among fields with the same purposes first. A field of a minlint plan gets the key
itself, in the mapping's own style (block or flow). A plan in another format is declared in its
declarations file, and only when that file already has an entry for the field: the key goes into
that entry. Anything less certain offers nothing: the edit is checked to parse and to add exactly
the one key, or it is dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

from minlint.api import Project
from minlint.loader.nodes import YMap, YSeq
from minlint.loader.tree import parse_yaml
from minlint.model.spec import Target
from minlint.server.actions import Edit, Fix, line_break
from minlint.server.project import absolute
from minlint.server.text import Span, Text
from minlint.server.tokens import plain_or_quoted

DECLARED_BY: Final = {"ML001": "purpose", "ML002": "basis", "ML003": "retention"}


def flow_yaml(value: object) -> str | None:
    """``value`` (text, a number, a list or a mapping of them) as one line of flow YAML; None otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return plain_or_quoted(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        items = [flow_yaml(item) for item in value]
        return None if None in items else "[" + ", ".join(str(item) for item in items) + "]"
    if isinstance(value, dict):
        pairs = [(flow_yaml(str(key)), flow_yaml(item)) for key, item in value.items()]
        if any(item is None for _, item in pairs):
            return None
        return "{" + ", ".join(f"{key}: {item}" for key, item in pairs) + "}"
    return None


def _purposes(field: Target) -> list[str]:
    return [purpose for purpose in field.attrs.get("purposes") or () if isinstance(purpose, str)]


def _most_common(counter: Counter[str], allowed: tuple[str, ...] | None = None) -> str | None:
    return next((value for value, _ in counter.most_common() if allowed is None or value in allowed), None)


def _purpose(field: Target, project: Project) -> str | None:
    counts: Counter[str] = Counter()
    for other in project.fields():
        if other is not field:
            counts.update(_purposes(other))
    common = _most_common(counts)
    if common is None and project.registry:
        return project.registry.ids()[0]
    return common


def _basis(field: Target, project: Project) -> object:
    by_purpose: dict[str, Counter[str]] = {}
    overall: Counter[str] = Counter()
    for other in project.fields():
        if other is field:
            continue
        basis = other.attrs.get("basis")
        for purpose in _purposes(other):
            each = basis.get(purpose) if isinstance(basis, dict) else basis
            if isinstance(each, str):
                by_purpose.setdefault(purpose, Counter())[each] += 1
                overall[each] += 1
    purposes = _purposes(field)
    if not purposes:
        return _most_common(overall)
    chosen: dict[str, str] = {}
    for purpose in purposes:
        definition = project.registry.lookup(purpose)
        allowed = definition.bases if definition is not None else None
        pick = _most_common(by_purpose.get(purpose, Counter()), allowed) or _most_common(overall, allowed)
        if pick is None and allowed:
            pick = allowed[0]
        if pick is None:
            return None
        chosen[purpose] = pick
    values = set(chosen.values())
    return values.pop() if len(values) == 1 else chosen


def _retention(field: Target, project: Project) -> object:
    purposes = set(_purposes(field))
    tiers: list[Counter[str]] = [Counter(), Counter(), Counter()]
    written: dict[str, object] = {}
    for other in project.fields():
        value = other.attrs.get("retention")
        text = flow_yaml(value) if other is not field and value is not None else None
        if text is None:
            continue
        theirs = set(_purposes(other))
        per_purpose = isinstance(value, dict) and bool(set(value) & theirs)
        written[text] = value
        if theirs == purposes:
            tiers[0][text] += 1
        elif not per_purpose:
            tiers[1 if theirs & purposes else 2][text] += 1
    for tier in tiers:
        common = _most_common(tier)
        if common is not None:
            return written[common]
    return None


def starting_value(key: str, field: Target, project: Project) -> str | None:
    """The value to offer for ``key`` on ``field``, as flow YAML; None when the project suggests none."""
    value: object = {"purpose": _purpose, "basis": _basis, "retention": _retention}[key](field, project)
    return flow_yaml(value) if value is not None else None


def _mappings(node: object) -> Iterator[YMap]:
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, YMap):
            yield current
            pending.extend(current.values())
        elif isinstance(current, YSeq):
            pending.extend(current)


def _field_mapping(root: object, line: int, column: int) -> YMap | None:
    """The mapping of the field whose key is at ``line``:``column`` (a minlint plan)."""
    for mapping in _mappings(root):
        for key, marks in mapping.marks.items():
            if marks[:2] == (line, column):
                value = mapping[key]
                return value if isinstance(value, YMap) else None
    return None


def _entry_of_value(root: object, line: int, column: int) -> YMap | None:
    """The mapping holding the value at ``line``:``column`` (a declarations file's entry)."""
    for mapping in _mappings(root):
        if any(marks[2:] == (line, column) for marks in mapping.marks.values()):
            return mapping
    return None


def _insertion(mapping: YMap, key: str, value: str, text: Text) -> Edit | None:
    """Where and what to insert to add ``key: value`` to ``mapping``, in its own style."""
    if key in mapping:
        return None
    line, index = text.from_minlint(mapping.line, mapping.column)
    opener = text.line(line)[index : index + 1]
    if not mapping.marks:
        if opener != "{":
            return None
        at = text.place(line, index + 1)
        return Edit(Span(at, at), f"{key}: {value}")
    first_line, first_column = min(marks[:2] for marks in mapping.marks.values())
    line, index = text.from_minlint(first_line, first_column)
    before = text.line(line)[:index].rstrip(" \t")
    at = text.place(line, index)
    if opener == "{" or before.endswith(("{", ",")):
        return Edit(Span(at, at), f"{key}: {value}, ")
    if (mapping.line, mapping.column) != (first_line, first_column) or before.strip("- \t"):
        return None  # an anchor, a tag or anything else before the first key: not a plain block mapping
    return Edit(Span(at, at), f"{key}: {value}{line_break(text.source)}{' ' * index}")


def _count(root: object, key: str, value: object) -> int:
    return sum(1 for mapping in _mappings(root) if key in mapping and mapping[key] == value)


def declaration_fix(
    rule: str,
    ref: str,
    scope: str,
    document: Path,
    root: Path,
    project: Project,
    read: Callable[[Path], str | None],
    encoding: str,
) -> Fix | None:
    """The fix adding the declaration ``rule`` finds missing on field ``ref`` of plan ``scope``
    (in ``document``), or None when there is no safe one. ``read`` gives a file's current text."""
    key = DECLARED_BY.get(rule)
    plan = next((spec for spec in project.plans if spec.name == scope and absolute(root, spec.path) == document), None)
    field = next((target for target in plan.fields() if target.ref == ref), None) if plan is not None else None
    if key is None or plan is None or field is None:
        return None
    value = starting_value(key, field, project)
    if value is None:
        return None
    if plan.format == "minlint":
        path, place, by_key = document, (field.line, field.column), True
    else:
        path = absolute(root, plan.declared_in) if plan.declared_in else document
        origin = next(
            (
                declared
                for declared in field.origins.values()
                if declared.owner == ref and declared.path and absolute(root, declared.path) == path
            ),
            None,
        )
        if origin is None or path == document:
            return None
        place, by_key = (origin.line, origin.column), False
    source = read(path)
    if source is None:
        return None
    parsed = parse_yaml(source)
    if parsed.fatal:
        return None
    mapping = (_field_mapping if by_key else _entry_of_value)(parsed.root, *place)
    text = Text(source, encoding)
    edit = _insertion(mapping, key, value, text) if mapping is not None else None
    if edit is None or not _adds_one(parsed.root, text.replace(edit.span, edit.new_text), key, value):
        return None
    where = "" if path == document else f" in {path.name}"
    title = f"Declare `{key}: {value}`{where} (the project's most common; review it)"
    return Fix(title, path, (edit,), preferred=path == document)


def _adds_one(before: Any, after_text: str, key: str, value: str) -> bool:
    """Whether the edited text parses and has exactly one more mapping with ``key: value``."""
    wanted = parse_yaml(f"{key}: {value}\n").root
    after = parse_yaml(after_text)
    if after.fatal or not isinstance(wanted, YMap):
        return False
    return _count(after.root, key, wanted[key]) == _count(before, key, wanted[key]) + 1
