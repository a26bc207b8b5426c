"""Small helpers for finding messages."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` for the closest choice (or one that starts with ``value``), else ``""``."""
    options = list(choices)
    from difflib import get_close_matches  # only when a suggestion is needed

    close = get_close_matches(value, options, n=1, cutoff=0.6)
    if not close and len(value) >= 3:
        close = [choice for choice in options if choice.startswith(value.lower())][:1]
    return f" (did you mean `{close[0]}`?)" if close else ""


def code_list(values: Iterable[str]) -> str:
    """``a``, ``b`` as ```a`, `b```."""
    return ", ".join(f"`{value}`" for value in values)
