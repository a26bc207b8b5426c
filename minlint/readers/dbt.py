"""dbt property files (``schema.yml``: ``version: 2`` with ``models``, ``sources`` …), read in place.

A dbt project describes its tables in property files: ``models``, ``seeds`` and ``snapshots`` are
lists of nodes with ``columns``; ``sources`` list ``tables`` with ``columns``. minlint reads every
node as an event — a source's table as ``<source>.<table>``, the way dbt's ``source()`` names it —
and every column as a field at its ``name:``. Privacy shows in ``meta`` (or ``config.meta``, dbt 1.10's
place for it; both are read, ``config.meta`` winning), where minlint reads it:

- ``meta: {minlint: {purpose: …, basis: …, retention: …, category: …}}`` declares, as a declarations
  file does: on a column for that column, on a model or table for each of its columns, on a source
  for each of its tables;
- the common flags ``contains_pii``, ``pii`` and ``is_pii`` (``true``, or a value naming the kind of
  personal data), and a ``pii`` tag, mark a column as personal data: with no data category, that is
  undeclared personal data (ML101);
- ``classification`` (or ``data_classification``) is kept as a fact of the column.

A column ``address.city`` (a nested column, as BigQuery writes a struct's) is nested under
``address`` when the node lists it. A ``not_null`` test or constraint makes the column required.

The plan is the dbt project: every property file of it forms one plan, named by its
``dbt_project.yml`` (a context file: the nearest one above the file), or ``dbt`` when no project
file is checked with it; a declarations file beside ``dbt_project.yml`` declares what ``meta`` does not.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import NamedTuple

from minlint.loader.nodes import ForeignMap, YMap, YSeq, foreign_child
from minlint.readers import Document, Problem, ReadOptions
from minlint.readers.foreign import (
    Parsed,
    declare,
    event_fields,
    finish,
    located,
    new_event,
    new_field,
    new_plan,
    parse,
    put,
    text,
)
from minlint.vocabulary import CATALOG, DBT_PROJECT_KEYS, SHAPE

READER = "dbt"
PLAN = "dbt"  # the plan of property files no checked dbt_project.yml claims
BLOCK = "minlint"  # the meta key minlint's declarations sit under
NODES = ("models", "seeds", "snapshots")
GROUPS = (*NODES, "sources")
# What a property file that does not parse must hold for dbt's reader to report it: a list of nodes at the top.
_PROPERTY_FILE = re.compile(rb"(?m)^(?:models|sources|seeds|snapshots):[ \t]*(?:#.*)?\r?\n[ \t]*- ")
PII_FLAGS = ("contains_pii", "pii", "is_pii")
_CLASSIFICATIONS = ("classification", "data_classification")
_NOT_PII = frozenset({"false", "no", "none", "0", "n"})
_TYPE_WORD = re.compile(r"[a-z_ ]+")
# Warehouse column types (their first word, lower case, sizes dropped) as a minlint field's `type`.
_TYPES = {
    **dict.fromkeys(
        ("string", "text", "varchar", "char", "character", "nvarchar", "nchar", "character varying", "uuid"), "string"
    ),
    **dict.fromkeys(("int", "integer", "bigint", "smallint", "tinyint", "int64", "int32", "byteint"), "integer"),
    **dict.fromkeys(
        ("number", "numeric", "decimal", "float", "float64", "double", "double precision", "real", "bignumeric"),
        "number",
    ),
    **dict.fromkeys(("bool", "boolean"), "boolean"),
    **dict.fromkeys(
        ("date", "datetime", "time", "timestamp", "timestamp_tz", "timestamp_ntz", "timestamp_ltz", "timestamptz"),
        "datetime",
    ),
    **dict.fromkeys(("struct", "record", "object", "variant", "json", "jsonb", "map", "super"), "object"),
    "array": "array",
}


class Project(NamedTuple):
    """A dbt project, from its ``dbt_project.yml``: the folder it sits in and its name (a context part)."""

    folder: str
    name: str


class DbtReader:
    """The reader of dbt property files and project files (see the module docstring)."""

    name = READER

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` may be a dbt property file (it lists columns) or a ``dbt_project.yml``:
        YAML both, never JSON (the ``manifest.json`` dbt writes into ``target/`` lists columns too)."""
        if data.lstrip()[:1] in (b"{", b"["):
            return False
        return b"columns" in data or DBT_PROJECT_KEYS.search(data) is not None

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document | None:
        """The property file in ``data`` as a plan, a project file as context; None when neither."""
        parsed = parse(path, data, options)
        if not isinstance(parsed, Parsed):
            # A file that does not parse is dbt's to report only when it plainly is a property file.
            return parsed if parsed is None or _PROPERTY_FILE.search(data) else None
        root = parsed.root
        if isinstance(root.get("name"), str):
            return _project(path, root, data, parsed)  # property files have no top-level name
        # `version: 2` was required before dbt 1.5 and may be left out since: without it, a list of
        # nodes says it is a property file; with it, any of their keys (of the wrong shape: a problem).
        if "version" in root:
            if root["version"] not in (2, "2") or not any(key in root for key in GROUPS):
                return None
        elif not any(isinstance(root.get(key), YSeq) for key in GROUPS):
            return None
        project = _project_of(path, options)
        tree = new_plan(project.name if project else PLAN, root.line, root.column)
        problems = parsed.problems
        for group in NODES:
            for node in _listed(root, group, problems):
                _node(tree, node, node["name"], problems)
        for source in _listed(root, "sources", problems):
            tables = _listed(source, "tables", problems, f"sources.{source['name']}.")
            defaults = _meta(source)
            for table in tables:
                _node(tree, table, f"{source['name']}.{table['name']}", problems, defaults, source)
        folder = project.folder if project else None
        document = finish(self.name, path, tree, Parsed(root, problems, parsed.suppressions), options, folder)
        if document.spec is not None:
            document.spec.declare_also = "a column's `meta: {minlint: …}`"
        return document


def _project(path: str, root: YMap, data: bytes, parsed: Parsed) -> Document | None:
    """A ``dbt_project.yml`` as context (its folder and name); None when ``root`` is not one."""
    name = text(root, "name")
    if name is None or DBT_PROJECT_KEYS.search(data) is None:
        return None
    part = (READER, Project(os.path.dirname(os.path.normpath(path)), name))
    return Document(True, CATALOG, tuple(parsed.problems), parsed.suppressions, None, part)


def _project_of(path: str, options: ReadOptions) -> Project | None:
    """The checked project whose folder holds ``path`` most closely, if any."""
    here = os.path.abspath(path)
    best: tuple[int, Project] | None = None
    for part in options.foreign.parts.get(READER, ()):
        if not isinstance(part, Project):
            continue
        folder = os.path.join(os.path.abspath(part.folder), "")
        if here.startswith(folder) and (best is None or len(folder) > best[0]):
            best = (len(folder), part)
    return best[1] if best else None


def _listed(holder: YMap, key: str, problems: list[Problem], prefix: str = "") -> list[YMap]:
    """The named entries of the list ``holder[key]``; a list of another shape, or an entry with no
    name, is a problem."""
    value = holder.get(key)
    if value is None:
        return []
    if not isinstance(value, YSeq):
        line, column = located(holder, key)
        problems.append(Problem(SHAPE, line, column, f"`{prefix}{key}`: expected a list", f"{prefix}{key}"))
        return []
    found: list[YMap] = []
    for index, entry in enumerate(value):
        if isinstance(entry, YMap) and isinstance(entry.get("name"), str) and entry["name"]:
            found.append(entry)
            continue
        line, column = value.marks[index]
        said = "an entry with no `name`" if isinstance(entry, YMap) else "expected an entry with a `name`"
        problems.append(Problem(SHAPE, line, column, f"`{prefix}{key}[{index}]`: {said}", f"{prefix}{key}"))
    return found


def _meta(node: YMap) -> list[tuple[YMap, str]]:
    """The node's ``meta`` and ``config.meta`` mappings, with the words that name them, in reading order."""
    found: list[tuple[YMap, str]] = []
    if isinstance(node.get("meta"), YMap):
        found.append((node["meta"], "meta"))
    config = node.get("config")
    if isinstance(config, YMap) and isinstance(config.get("meta"), YMap):
        found.append((config["meta"], "config.meta"))
    return found


def _declare(target: ForeignMap, metas: list[tuple[YMap, str]], where: str, problems: list[Problem]) -> None:
    """The ``minlint`` blocks of ``metas`` onto ``target`` (later ones win)."""
    for meta, label in metas:
        if BLOCK in meta and meta[BLOCK] is not None:
            declare(target, meta, BLOCK, f"`{where}{label}.{BLOCK}`", problems)


def _node(
    tree: ForeignMap,
    node: YMap,
    name: str,
    problems: list[Problem],
    inherited: list[tuple[YMap, str]] | None = None,
    source: YMap | None = None,
) -> None:
    """A model, seed, snapshot or source table as an event of ``tree``, its columns as fields."""
    line, column = located(node, "name")
    event = new_event(tree, name, line, column, description=text(node, "description"))
    if event is None:
        message = f"`{name}` is described twice in this file; minlint reads the first"
        problems.append(Problem(SHAPE, line, column, message))
        return
    own = _meta(node)
    if any(BLOCK in meta for meta, _ in (*(inherited or ()), *own)):
        defaults = foreign_child(event, "defaults")
        if inherited and source is not None:
            _declare(defaults, inherited, f"sources.{source['name']}.", problems)
        _declare(defaults, own, f"{name}.", problems)
    columns = _listed(node, "columns", problems, f"{name}.")
    fields = event_fields(event)
    for entry in columns:
        _column(fields, entry, f"{name}.", problems)


def _column(fields: ForeignMap, entry: YMap, prefix: str, problems: list[Problem]) -> None:
    """One column as a field (nested under its parent when its name is dotted and the parent listed)."""
    name: str = entry["name"]
    line, column = located(entry, "name")
    target, key = fields, name
    head, dot, rest = name.rpartition(".")
    parent = _nested(fields, head) if dot else None
    if parent is not None:
        target, key = foreign_child(parent, "properties"), rest
    node = new_field(target, key, line, column)
    if node is None:
        message = f"column `{prefix}{name}` is listed twice; minlint reads the first"
        problems.append(Problem(SHAPE, line, column, message))
        return
    if text(entry, "description"):
        put(node, "description", entry["description"], *located(entry, "description"))
    kind = entry.get("data_type")
    if isinstance(kind, str):
        mapped = _type_of(kind)
        if mapped is not None:
            put(node, "type", mapped, *located(entry, "data_type"))
    if _not_null(entry):
        put(node, "required", True, line, column)
    metas = _meta(entry)
    for meta, _ in metas:
        for flag in PII_FLAGS:
            if _says_pii(meta.get(flag)):
                put(node, "pii", True, *located(meta, flag))
        for key in _CLASSIFICATIONS:
            if text(meta, key):
                put(node, "classification", meta[key], *located(meta, key))
    if "pii" not in node and _tagged_pii(entry):
        put(node, "pii", True, line, column)
    _declare(node, metas, prefix + name + ".", problems)


def _nested(fields: ForeignMap, dotted: str) -> ForeignMap | None:
    """The field the dotted name ``dotted`` (``address`` or ``address.geo``) names in ``fields``, if listed."""
    current: ForeignMap | None = None
    holder: object = fields
    for part in dotted.split("."):
        found = holder.get(part) if isinstance(holder, ForeignMap) else None
        if not isinstance(found, ForeignMap):
            return None
        current = found
        holder = found.get("properties")
    return current


@cache
def _type_of(data_type: str) -> str | None:
    """A warehouse column type as a minlint field's ``type`` (a project repeats few types: kept once each)."""
    word = _TYPE_WORD.match(data_type.strip().lower())
    return _TYPES.get(word.group().strip()) if word else None


def _says_pii(value: object) -> bool:
    """Whether a flag's value marks personal data: ``true``, or a value naming its kind (``pii: email``)."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() not in _NOT_PII and bool(value.strip())


def _tagged_pii(entry: YMap) -> bool:
    """Whether the column's ``tags`` (or ``config.tags``) include ``pii``."""
    if "tags" not in entry and "config" not in entry:
        return False
    config = entry.get("config")
    for tags in (entry.get("tags"), config.get("tags") if isinstance(config, YMap) else None):
        listed = tags if isinstance(tags, list) else [tags]
        if any(isinstance(tag, str) and tag.lower() in PII_FLAGS for tag in listed):
            return True
    return False


def _not_null(entry: YMap) -> bool:
    """Whether a ``not_null`` test (``tests`` or ``data_tests``) or constraint holds the column."""
    if "tests" not in entry and "data_tests" not in entry and "constraints" not in entry:
        return False
    for key in ("tests", "data_tests"):
        tests = entry.get(key)
        if isinstance(tests, list) and any(
            test == "not_null" or (isinstance(test, YMap) and "not_null" in test) for test in tests
        ):
            return True
    constraints = entry.get("constraints")
    return isinstance(constraints, list) and any(
        isinstance(item, YMap) and item.get("type") == "not_null" for item in constraints
    )


DBT = DbtReader()
