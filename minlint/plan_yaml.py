"""A plan tree written as a minlint tracking plan in YAML: stable key order, guessed categories marked.

:func:`plan_text` writes what a reader of another format built (see :mod:`minlint.readers.foreign`)
— every event and field with its facts, nesting and variants, and the declarations the plan itself
makes — in block YAML with keys in a fixed, readable order. A field whose category is not declared
but whose name or ``format`` makes it clear (the knowledge of rule ML101) gets ``category:``
followed by a comment saying it was guessed. Nothing else is invented: no purpose, basis or retention.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from minlint.loader.nodes import YMap

SCHEMA_URL = "https://minlint.dev/schemas/v1/tracking-plan.json"
GUESSED_NAME = "# guessed from the name; check it"
_PLAN_ORDER = ("minlint", "kind", "name", "description", "owner", "defaults", "properties", "context", "traits")
_EVENT_ORDER = ("description", "type", "version", "additionalProperties", "defaults", "properties", "variants")
_FIELD_ORDER = (
    "use",
    "description",
    "type",
    "nullable",
    "required",
    "format",
    "enum",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "additionalProperties",
    "category",
    "purpose",
    "basis",
    "retention",
    "shared_with",
    "special_condition",
    "items",
    "properties",
)
_DEFAULTS_ORDER = ("category", "purpose", "basis", "retention", "shared_with", "special_condition")
_PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_ ./@()-]*")
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})

Guess = Callable[[str, Mapping[str, Any], str | None], tuple[str, str] | None]


def scalar(value: object) -> str:
    """``value`` as a YAML scalar: plain when that reads back the same, else JSON's double-quoted form."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        written = repr(value)
        mantissa, e, exponent = written.partition("e")
        # YAML 1.1 reads `5e-324` as text: a float needs a dot (its exponent always has a sign).
        return f"{mantissa}.0e{exponent}" if e and "." not in mantissa else written
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.lower() not in _RESERVED:
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    """``text`` double-quoted, every character YAML does not print as itself escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _printable(code):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _printable(code: int) -> bool:
    """Whether YAML prints the character as itself in a double-quoted scalar (NEL, LS and PS break lines)."""
    return (
        0x20 <= code <= 0x7E
        or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or code >= 0x10000
    )


def _ordered(mapping: Mapping[str, Any], order: tuple[str, ...]) -> list[str]:
    known = [key for key in order if key in mapping and mapping[key] is not None]
    return known + [key for key in mapping if key not in order and mapping[key] is not None]


def _flow(items: list[Any]) -> str:
    return "[" + ", ".join(scalar(item) for item in items) + "]"


class _Writer:
    """Lines of YAML being written, with the category guesser."""

    def __init__(self, guess: Guess) -> None:
        self.lines: list[str] = []
        self.guess = guess

    def value(self, indent: str, key: str, value: object) -> None:
        """A key with a scalar, a list or an opaque mapping (a basis by purpose, a retention)."""
        if isinstance(value, list) and all(not isinstance(item, (dict, list)) for item in value):
            self.lines.append(f"{indent}{scalar(key)}: {_flow(value)}")
        elif isinstance(value, Mapping):
            self.lines.append(f"{indent}{scalar(key)}:")
            for inner in value:
                self.value(indent + "  ", inner, value[inner])
        elif isinstance(value, list):
            self.lines.append(f"{indent}{scalar(key)}: {json.dumps(value)}")
        else:
            self.lines.append(f"{indent}{scalar(key)}: {scalar(value)}")

    def fields(self, indent: str, fields: Mapping[str, Any], parent: str | None, skip: frozenset[str]) -> None:
        """Fields by name (those named in ``skip`` left out)."""
        for name, definition in fields.items():
            if name in skip:
                continue
            node = definition if isinstance(definition, Mapping) else {}
            if not _ordered(node, _FIELD_ORDER) and not self.guess(name, node, parent):
                self.lines.append(f"{indent}{scalar(name)}: {{}}")
                continue
            self.lines.append(f"{indent}{scalar(name)}:")
            self.field(indent + "  ", name, node, parent)

    def field(self, indent: str, name: str, node: Mapping[str, Any], parent: str | None) -> None:
        """One field's keys; a guessed category where it has none."""
        guessed = None if node.get("category") is not None else self.guess(name, node, parent)
        keys = _ordered(node, _FIELD_ORDER)
        if guessed is not None:
            keys = _ordered({**{key: True for key in keys}, "category": True}, _FIELD_ORDER)
        for key in keys:
            if key == "category" and guessed is not None:
                self.lines.append(f"{indent}category: {scalar(guessed[0])}  {guessed[1]}")
            elif key == "items" and isinstance(node[key], Mapping):
                self.lines.append(f"{indent}items:")
                self.field(indent + "  ", name, node[key], parent)
                if len(self.lines) and self.lines[-1] == f"{indent}items:":
                    self.lines[-1] += " {}"
            elif key == "properties" and isinstance(node[key], Mapping):
                self.lines.append(f"{indent}properties:")
                self.fields(indent + "  ", node[key], name, frozenset())
            else:
                self.value(indent, key, node[key])

    def event(self, indent: str, name: str, event: Mapping[str, Any]) -> None:
        """One event: its facts, defaults, own fields, then its variants (their fields only there)."""
        variants = event.get("variants")
        cases = variants.get("cases") if isinstance(variants, Mapping) else None
        in_cases = frozenset(
            field
            for case in (cases if isinstance(cases, list) else [])
            if isinstance(case, Mapping) and isinstance(case.get("properties"), Mapping)
            for field in case["properties"]
        )
        keys = _ordered(event, _EVENT_ORDER)
        if not keys:
            self.lines.append(f"{indent}{scalar(name)}: {{}}")
            return
        self.lines.append(f"{indent}{scalar(name)}:")
        inner = indent + "  "
        for key in keys:
            value = event[key]
            if key == "properties" and isinstance(value, Mapping):
                if set(value) - in_cases:
                    self.lines.append(f"{inner}properties:")
                    self.fields(inner + "  ", value, None, in_cases)
            elif key == "defaults" and isinstance(value, Mapping):
                self.defaults(inner, value)
            elif key == "variants" and isinstance(value, Mapping):
                self.variants(inner, value)
            else:
                self.value(inner, key, value)

    def variants(self, indent: str, variants: Mapping[str, Any]) -> None:
        """An event's ``variants``: the discriminator, then each case."""
        self.lines.append(f"{indent}variants:")
        inner = indent + "  "
        if variants.get("discriminator") is not None:
            self.value(inner, "discriminator", variants["discriminator"])
        self.lines.append(f"{inner}cases:")
        for case in variants.get("cases") or []:
            if not isinstance(case, Mapping):
                continue
            first = f"{inner}  - "
            rest = inner + "    "
            written = False
            for key in _ordered(case, ("match", "description", "properties")):
                prefix = first if not written else rest
                written = True
                if key == "properties" and isinstance(case[key], Mapping):
                    self.lines.append(f"{prefix}properties:")
                    self.fields(rest + "  ", case[key], None, frozenset())
                else:
                    self.value(prefix, key, case[key])
            if not written:
                self.lines.append(f"{first}{{}}")

    def defaults(self, indent: str, defaults: Mapping[str, Any]) -> None:
        """A ``defaults`` block (the plan's or an event's), if it declares anything."""
        keys = _ordered(defaults, _DEFAULTS_ORDER)
        if keys:
            self.lines.append(f"{indent}defaults:")
            for key in keys:
                self.value(indent + "  ", key, defaults[key])


def plan_text(tree: YMap, guess: Guess, source: str) -> str:
    """The plan ``tree`` as the text of a minlint tracking plan (imported from ``source``)."""
    writer = _Writer(guess)
    writer.lines += [f"# yaml-language-server: $schema={SCHEMA_URL}", f"# Imported by `minlint import` from {source}."]
    for key in _ordered(tree, _PLAN_ORDER):
        value = tree[key]
        if key in ("properties", "context", "traits") and isinstance(value, Mapping):
            if value:
                writer.lines.append(f"{key}:")
                writer.fields("  ", value, None, frozenset())
        elif key == "defaults" and isinstance(value, Mapping):
            writer.defaults("", value)
        elif key == "events" and isinstance(value, Mapping):
            if value:
                writer.lines.append("events:")
                for name, event in value.items():
                    writer.event("  ", name, event if isinstance(event, Mapping) else {})
        else:
            writer.value("", key, value)
    return "\n".join(writer.lines) + "\n"
