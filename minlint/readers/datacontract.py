"""Data contracts of the Data Contract Specification (``dataContractSpecification:``), read in place.

A contract describes the data a team publishes: ``models`` (tables) of ``fields``, keyed by name,
nested through ``fields`` and an array's ``items``; a field may take its definition from
``definitions`` through ``$ref: '#/definitions/<name>'`` (the field's own keys win). Privacy shows in
three places, which minlint reads where they are:

- a field's ``pii: true`` says it is personal data: with no data category declared, that is
  undeclared personal data (ML101), as a name like ``customer_email`` is;
- a field's ``classification`` (``sensitive``, ``restricted`` …) is kept as a fact of the field;
- ``terms.limitations`` (or ``terms.usage`` when it forbids identifying people) is the plan's
  ``limitations``: a direct identifier it forbids is ML311;
- ``servicelevels.retention`` is how long the contract's data is kept: ``period`` (``P1Y``, ``1 year``,
  ``30d``) becomes every field's default retention, ``unlimited: true`` an indefinite one (ML007).

The contract is a plan named by its ``id``, each model an event. Purpose and lawful basis have no
slot in the format: they are declared in a declarations file beside it, like any plan's.
"""

from __future__ import annotations

import os

from minlint.loader.nodes import ForeignMap, YMap, foreign_child
from minlint.model.retention import RetentionError, parse_retention
from minlint.readers import Document, Problem, ReadOptions
from minlint.readers.foreign import (
    Parsed,
    event_fields,
    finish,
    limitations,
    located,
    new_event,
    new_field,
    new_plan,
    parse,
    put,
    text,
)
from minlint.vocabulary import SHAPE

READER = "datacontract"

# The specification's field types as a minlint field's `type`.
_TYPES = {
    **dict.fromkeys(("string", "text", "varchar"), "string"),
    **dict.fromkeys(("int", "integer", "long", "bigint"), "integer"),
    **dict.fromkeys(("number", "decimal", "numeric", "float", "double"), "number"),
    **dict.fromkeys(("timestamp", "timestamp_tz", "timestamp_ntz", "date", "time"), "datetime"),
    **dict.fromkeys(("object", "record", "struct", "map", "json", "variant"), "object"),
    "boolean": "boolean",
    "array": "array",
}
_FACTS = ("description", "format", "enum", "pattern", "maxLength", "minLength", "minimum", "maximum", "required")


class DataContractReader:
    """The reader of Data Contract Specification files (see the module docstring)."""

    name = READER

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` may be a data contract: it names the specification."""
        return b"dataContractSpecification" in data

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document | None:
        """The contract in ``data`` as a plan, or None when it is not a data contract after all."""
        parsed = parse(path, data, options)
        if not isinstance(parsed, Parsed):
            return parsed
        root = parsed.root
        if "dataContractSpecification" not in root:
            return None
        info = root.get("info")
        title = text(info, "title") if isinstance(info, YMap) else None
        name = text(root, "id") or title or os.path.splitext(os.path.basename(path))[0]
        tree = new_plan(name, root.line, root.column)
        problems = parsed.problems
        models = root.get("models")
        definitions = root.get("definitions")
        known: set[str] = set()
        if models is not None and not isinstance(models, YMap):
            line, column = located(root, "models")
            problems.append(Problem(SHAPE, line, column, "`models`: expected models by name (a mapping)", "models"))
        if isinstance(models, YMap):
            for model, body in models.items():
                if not isinstance(body, YMap):
                    continue
                line, column = models.marks[model][:2]
                event = new_event(tree, model, line, column, description=text(body, "description"))
                fields = body.get("fields")
                if fields is not None and not isinstance(fields, YMap):
                    at = located(body, "fields")
                    message = f"`models.{model}.fields`: expected fields by name (a mapping)"
                    problems.append(Problem(SHAPE, at[0], at[1], message, f"models.{model}.fields"))
                if event is not None and isinstance(fields, YMap):
                    _fields(event_fields(event), fields, definitions if isinstance(definitions, YMap) else None)
                    known.update(f"{model}.{field}" for field in fields)
        _retention(tree, root, known, problems)
        limitations(tree, root.get("terms"))
        return finish(self.name, path, tree, Parsed(root, problems, parsed.suppressions), options)


def _resolved(body: YMap, definitions: YMap | None) -> YMap:
    """``body`` with the definition its ``$ref`` names underneath it (the field's own keys win)."""
    reference = body.get("$ref")
    prefix = "#/definitions/"
    if not isinstance(reference, str) or not reference.startswith(prefix) or definitions is None:
        return body
    definition = definitions.get(reference[len(prefix) :])
    if not isinstance(definition, YMap):
        return body
    merged = YMap(body.line, body.column)
    for source in (definition, body):
        for key, value in source.items():
            merged[key] = value
            merged.marks[key] = source.marks[key]
    return merged


def _fields(target: ForeignMap, fields: YMap, definitions: YMap | None) -> None:
    for name, raw in fields.items():
        line, column = fields.marks[name][:2]
        node = new_field(target, name, line, column)
        if node is None or not isinstance(raw, YMap):
            continue
        body = _resolved(raw, definitions)
        for key in _FACTS:
            if body.get(key) is not None:
                put(node, key, body[key], *located(body, key))
        kind = body.get("type")
        if isinstance(kind, str) and kind.lower() in _TYPES:
            put(node, "type", _TYPES[kind.lower()], *located(body, "type"))
        if body.get("pii") is True:
            put(node, "pii", True, *located(body, "pii"))
        if isinstance(body.get("classification"), str):
            put(node, "classification", body["classification"], *located(body, "classification"))
        nested = body.get("fields")
        holder: ForeignMap = node
        items = body.get("items")
        if isinstance(items, YMap):
            # An array's elements: their type, and their fields nested under the element as in a minlint plan.
            element = _resolved(items, definitions)
            holder = ForeignMap(*located(body, "items"))
            put(node, "items", holder, *located(body, "items"))
            kind = element.get("type")
            if isinstance(kind, str) and kind.lower() in _TYPES:
                put(holder, "type", _TYPES[kind.lower()], *located(element, "type"))
            nested = element.get("fields") if not isinstance(nested, YMap) else nested
        if isinstance(nested, YMap):
            children = ForeignMap(line, column)
            put(holder, "properties", children, line, column)
            _fields(children, nested, definitions)


def _retention(tree: ForeignMap, root: YMap, known: set[str], problems: list[Problem]) -> None:
    """``servicelevels.retention`` as every field's default retention; what cannot be read is a problem."""
    levels = root.get("servicelevels")
    retention = levels.get("retention") if isinstance(levels, YMap) else None
    if not isinstance(retention, YMap):
        return
    defaults = foreign_child(tree, "defaults")
    if retention.get("unlimited") is True:
        put(defaults, "retention", "forever", *located(retention, "unlimited"))
    elif retention.get("period") is not None:
        period = retention["period"]
        line, column = located(retention, "period")
        try:
            parse_retention(period)
        except RetentionError:
            message = (
                f"`servicelevels.retention.period`: `{period}` is not a period minlint can read; "
                "write `P1Y`, `1 year` or `30d`"
            )
            problems.append(Problem(SHAPE, line, column, message, "servicelevels.retention.period"))
        else:
            put(defaults, "retention", period, line, column)
    field = retention.get("timestampField")
    if isinstance(field, str) and field not in known:
        line, column = located(retention, "timestampField")
        message = (
            f"`servicelevels.retention.timestampField`: `{field}` names no field of the contract's models "
            "(write `model.field`)"
        )
        problems.append(Problem(SHAPE, line, column, message, "servicelevels.retention.timestampField"))


DATA_CONTRACT = DataContractReader()
