"""Output formats. Each is a pure function ``(report, options) -> str`` in a module of its own.

The table :data:`FORMATS` maps a format name to where its function lives, so that choosing ``json`` never
imports rich, and the command line's ``--format`` choices come from one place.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple

from minlint.report import Report


class FormatOptions(NamedTuple):
    """How to render: colour (text only), quiet (findings only), whether to list suppressed findings,
    and (text only) counts per rule instead of the findings themselves."""

    color: bool = False
    quiet: bool = False
    show_suppressed: bool = False
    statistics: bool = False


Formatter = Callable[[Report, FormatOptions], str]

FORMATS: dict[str, str] = {
    "text": "minlint.formatters.text:format_text",
    "json": "minlint.formatters.json:format_json",
    "sarif": "minlint.formatters.sarif:format_sarif",
    "junit": "minlint.formatters.junit:format_junit",
    "github": "minlint.formatters.github:format_github",
    "gitlab": "minlint.formatters.gitlab:format_gitlab",
}


def get_formatter(name: str) -> Formatter:
    """The formatter function for format ``name`` (imported on first use)."""
    module_name, function = FORMATS[name].split(":")
    formatter: Formatter = getattr(importlib.import_module(module_name), function)
    return formatter
