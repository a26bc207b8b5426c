"""Renderers found by name: each report (inventory, notice, runbook) keeps a table from format name to
``module:function``, and a format's module is imported only when it is asked for — choosing ``csv``
imports nothing the HTML report needs, and ``--format`` choices come from one place per report."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def load_renderer(table: Mapping[str, str], name: str) -> Callable[[Any], str]:
    """The renderer of format ``name`` in ``table`` (``{"html": "minlint.notice.html:render_html"}``)."""
    module_name, function = table[name].split(":")
    renderer: Callable[[Any], str] = getattr(importlib.import_module(module_name), function)
    return renderer
