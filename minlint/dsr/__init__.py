"""``minlint dsr``: the runbook for a data-subject request, generated from the checked specs.

:func:`minlint.dsr.build.build_runbook` turns a checked project (through its record of processing)
into a :class:`~minlint.dsr.model.Runbook`; each output format is a pure function ``(runbook) -> str``
found through :data:`RENDERERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from minlint.renderers import load_renderer

if TYPE_CHECKING:
    from minlint.dsr.model import Runbook

Renderer = Callable[["Runbook"], str]

RENDERERS: dict[str, str] = {
    "markdown": "minlint.dsr.markdown:render_markdown",
    "json": "minlint.dsr.json:render_json",
}


def get_renderer(name: str) -> Renderer:
    """The renderer for format ``name`` (imported on first use)."""
    return load_renderer(RENDERERS, name)


__all__ = ["RENDERERS", "Renderer", "get_renderer"]
