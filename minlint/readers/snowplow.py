"""Snowplow self-describing JSON Schemas (Iglu), read in place.

A Snowplow schema is a JSON Schema with a ``self`` block naming it — ``{"vendor", "name",
"format", "version"}`` — and usually the ``$schema``
``http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#``. It is
recognised by that content, wherever it is: in an Iglu layout
(``schemas/<vendor>/<name>/jsonschema/<MODEL-REVISION-ADDITION>``, files without a suffix) or in
any ``.json`` file.

The mapping: the **plan is the vendor** (``com.snowplowanalytics.snowplow``) and **each schema
file is one event** of it, named ``<name> <version>`` (``link_click 1-0-1``) with the native id
``<name>``, so that a declarations file's ``events: {link_click: …}`` covers every version.
Entities (``geolocation_context``, ``client_session`` …) are events of their own too: a Snowplow
entity is attached to any event, so it is declared once, for itself. The fields are the schema's
``properties`` (nested objects, array ``items``, ``x-minlint``; local ``$ref`` followed and
``allOf``/``anyOf``/``oneOf`` properties merged in, see :func:`~minlint.readers.jsonschema.expanded`);
the root's ``x-minlint`` declares for the whole event. Declarations files are suggested outside
the Iglu tree: in the folder above ``schemas/`` (else beside the file).

A file that claims to be a Snowplow schema but cannot be one — a ``self`` block without vendor,
name or version, a version that is not SchemaVer, a ``self`` block that does not match the Iglu
path the file sits at, a schema that is not an object with ``properties`` — gets located ML902
findings (ML901 if it does not parse).
"""

from __future__ import annotations

import re

from minlint.loader.decode import wide_text
from minlint.loader.nodes import YMap
from minlint.readers import Document, Problem, ReadOptions
from minlint.readers.foreign import (
    Parsed,
    closed,
    event_defaults,
    event_fields,
    finish,
    located,
    new_event,
    new_plan,
    parse,
    put,
    schema_fields,
    text,
)
from minlint.readers.jsonschema import expanded, object_problem
from minlint.vocabulary import IGLU_FOLDER, SHAPE, TRACKING_PLAN

_META = "com.snowplowanalytics.self-desc/schema/"  # the $schema of every self-describing schema
# What a Snowplow schema has, in every encoding the loader decodes (UTF-8; UTF-16 and UTF-32 by
# their byte order mark): the key `"self"` — quoted, as JSON writes it, so that a YAML file saying
# "itself" is not parsed twice — or the self-describing meta-schema.
_MARKERS = tuple(
    marker.encode(encoding)
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
    for marker in ('"self"', "com.snowplowanalytics.self-desc")
)
_KEYS = ("vendor", "name", "format", "version")
# What Iglu's meta-schema allows for each part of a schema's name; the version is SchemaVer
# MODEL-REVISION-ADDITION, MODEL starting at 1 (as `minlint.vocabulary.walked_file` walks).
_PATTERNS = {
    "vendor": re.compile(r"[a-zA-Z0-9_.\-]+"),
    "name": re.compile(r"[a-zA-Z0-9_\-]+"),
    "format": re.compile(r"[a-zA-Z0-9_\-]+"),
    "version": re.compile(r"[1-9][0-9]*-(?:0|[1-9][0-9]*)-(?:0|[1-9][0-9]*)"),
}
_EXPECTED = {
    "vendor": "letters, digits, -, _ and .",
    "version": "a SchemaVer MODEL-REVISION-ADDITION such as `1-0-0`",
}


class SnowplowReader:
    """The reader of Snowplow self-describing JSON Schemas (see the module docstring)."""

    name = "snowplow"

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` may be a Snowplow schema: it has a ``"self"`` key or the self-describing meta-schema."""
        if _MARKERS[0] in data or _MARKERS[1] in data:
            return True
        return wide_text(data) and any(marker in data for marker in _MARKERS[2:])

    def read(self, path: str, data: bytes, options: ReadOptions) -> Document | None:
        """The one-event plan in ``data``, or None when it is not a Snowplow schema after all."""
        layout = iglu_layout(path)
        parsed = parse(path, data, options)
        if not isinstance(parsed, Parsed):
            # A file that cannot be parsed is claimed only when it surely is a Snowplow schema.
            return parsed if parsed is None or layout is not None or _META.encode() in data else None
        root = parsed.root
        block = root.get("self")
        meta = text(root, "$schema")
        claimed = (meta is not None and _META in meta) or (block is not None and layout is not None)
        if isinstance(block, YMap):
            claimed = claimed or sum(key in block for key in _KEYS) >= 2
        if not claimed:
            return None
        problems = parsed.problems
        name = _identity(root, layout, problems)
        schema = expanded(root, options.limits)
        problem = object_problem(schema, "a Snowplow schema")
        if problem is not None:
            problems.append(problem)
        if name is None or problem is not None:
            return Document(True, TRACKING_PLAN, tuple(problems), parsed.suppressions)
        assert isinstance(block, YMap)  # _identity found a name in it
        vendor, event_name, version = name
        tree = new_plan(vendor, *located(block, "vendor"))
        line, column = located(block, "name")
        event = new_event(
            tree, f"{event_name} {version}", line, column, ident=event_name, description=text(root, "description")
        )
        assert event is not None  # the plan is new: it has no event yet
        event_defaults(event, root, problems)
        put(event, "version", version, *located(block, "version"))
        closed(event, schema)
        schema_fields(schema, event_fields(event), problems)
        return finish(
            self.name,
            path,
            tree,
            Parsed(root, problems, parsed.suppressions),
            options,
            declarations_folder(path, layout),
        )


def iglu_layout(path: str) -> tuple[str, ...] | None:
    """The parts of ``path`` when it is in an Iglu layout (``…/<vendor>/<name>/jsonschema/<version>``):
    everything before the vendor folder, then vendor, name, format and version; None otherwise."""
    parts = tuple(path.replace("\\", "/").split("/"))
    if len(parts) < 4 or parts[-2] != IGLU_FOLDER or _PATTERNS["version"].fullmatch(parts[-1]) is None:
        return None
    return parts


def declarations_folder(path: str, layout: tuple[str, ...] | None) -> str | None:
    """Where a declarations file for the schema at ``path`` belongs: outside the Iglu tree (the
    folder above ``schemas/``, or above the vendor folders), else beside the file (None)."""
    if layout is None:
        return None
    above = list(layout[:-4])
    if above and above[-1] == "schemas":
        above.pop()
    if above == [""]:  # the tree starts at the filesystem's root
        return "/"
    return "/".join(above)


def _identity(root: YMap, layout: tuple[str, ...] | None, problems: list[Problem]) -> tuple[str, str, str] | None:
    """The schema's vendor, name and version from its ``self`` block, every fault in it a problem;
    None when the block cannot name the schema at all."""
    block = root.get("self")
    if not isinstance(block, YMap):
        line, column = located(root, "self") if "self" in root else (root.line, root.column)
        message = "a Snowplow schema names itself in a `self` object: {vendor, name, format, version}"
        problems.append(Problem(SHAPE, line, column, message, "self"))
        return None
    values: dict[str, str] = {}
    for key in _KEYS:
        value = block.get(key)
        if not isinstance(value, str) or not value:
            line, column = located(block, key) if key in block else located(root, "self")
            problems.append(
                Problem(SHAPE, line, column, f"`self` needs `{key}`: a text naming the schema's {key}", f"self.{key}")
            )
            continue
        values[key] = value
        line, column = located(block, key)
        if _PATTERNS[key].fullmatch(value) is None:
            expected = _EXPECTED.get(key, "letters, digits, - and _")
            problems.append(Problem(SHAPE, line, column, f"`self.{key}` must be {expected}", f"self.{key}"))
        elif layout is not None and value != layout[-4 + _KEYS.index(key)]:
            where = "/".join(layout[-4:])
            message = (
                f"`self.{key}` does not match the Iglu path the file is at (`{where}`): Iglu finds a schema by its "
                "path, so one of them is wrong"
            )
            problems.append(Problem(SHAPE, line, column, message, f"self.{key}"))
    if not all(key in values for key in ("vendor", "name", "version")):
        return None
    return values["vendor"], values["name"], values["version"]


SNOWPLOW = SnowplowReader()
