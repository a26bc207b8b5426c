"""JSON text exactly as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, in less memory.

The standard encoder writes indented JSON in pure Python, from one small string per token (and a
fresh set of closures per call) before joining them: for ten thousand findings, tens of megabytes
for a moment. Here the layout is written directly and only scalars go through the C encoder, so
the peak stays near the size of the text itself.
"""

from __future__ import annotations

import json
from types import GeneratorType
from typing import Any

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def dumps(value: Any, level: int = 0) -> str:
    """``value`` as indented JSON text (two spaces per level, UTF-8 characters kept)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "  " * (level + 1)
        parts = [f"{inner}{_ENCODE(str(key))}: {dumps(item, level + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + "  " * level + "}"
    if isinstance(value, (list, tuple, GeneratorType)):
        # A generator is written as a list, item by item: its items never all exist at once.
        inner = "  " * (level + 1)
        parts = [inner + dumps(item, level + 1) for item in value]
        return "[\n" + ",\n".join(parts) + "\n" + "  " * level + "]" if parts else "[]"
    return _ENCODE(value)
