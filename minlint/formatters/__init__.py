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
    and (text only) counts per rule instead of the findings themselves.

    What the run's verdict rests on, for formats that state it (markdown): ``fail_on``, the
    ``--fail-on`` severity (empty when the projects of a monorepo set different ones); ``failed``,
    whether the check fails (None: whether a finding reaches ``fail_on``); ``new_since``, the
    ``--new-since`` revision, when only findings new since it are reported. ``source_url`` is the
    code host's address of the checked commit's files, ending in ``/``
    (``https://github.com/OWNER/REPO/blob/SHA/``), to which a path relative to the repository is added;
    empty, a finding's file is linked relative to the working directory.
    """

    color: bool = False
    quiet: bool = False
    show_suppressed: bool = False
    statistics: bool = False
    fail_on: str = "error"
    failed: bool | None = None
    new_since: str | None = None
    source_url: str = ""


Formatter = Callable[[Report, FormatOptions], str]

FORMATS: dict[str, str] = {
    "text": "minlint.formatters.text:format_text",
    "json": "minlint.formatters.json:format_json",
    "sarif": "minlint.formatters.sarif:format_sarif",
    "junit": "minlint.formatters.junit:format_junit",
    "github": "minlint.formatters.github:format_github",
    "gitlab": "minlint.formatters.gitlab:format_gitlab",
    "markdown": "minlint.formatters.markdown:format_markdown",
}


def get_formatter(name: str) -> Formatter:
    """The formatter function for format ``name`` (imported on first use)."""
    module_name, function = FORMATS[name].split(":")
    formatter: Formatter = getattr(importlib.import_module(module_name), function)
    return formatter
