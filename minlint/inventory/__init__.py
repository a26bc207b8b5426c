"""``minlint inventory``: the record of processing (GDPR Art. 30), generated from the checked specs.

:func:`build_inventory` turns a checked project into an :class:`Inventory`; each output format is a
pure function ``(inventory) -> str`` in a module of its own, found through :data:`RENDERERS` so that
choosing ``csv`` imports nothing the HTML report needs, and ``--format`` choices come from one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from minlint.renderers import load_renderer

if TYPE_CHECKING:
    from minlint.inventory.model import Inventory

Renderer = Callable[["Inventory"], str]

RENDERERS: dict[str, str] = {
    "markdown": "minlint.inventory.markdown:render_markdown",
    "html": "minlint.inventory.html:render_html",
    "csv": "minlint.inventory.csv:render_csv",
    "json": "minlint.inventory.json:render_json",
}


def get_renderer(name: str) -> Renderer:
    """The renderer for format ``name`` (imported on first use)."""
    return load_renderer(RENDERERS, name)


__all__ = ["RENDERERS", "Renderer", "get_renderer"]
