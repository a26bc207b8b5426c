"""``minlint notice``: the "what we collect and why" part of a privacy notice, from the checked specs.

:func:`minlint.notice.build.build_notice` turns a checked project (through its record of
processing) into a :class:`~minlint.notice.model.Notice`, in plain words; each output format is a
pure function ``(notice) -> str`` found through :data:`RENDERERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from minlint.renderers import load_renderer

if TYPE_CHECKING:
    from minlint.notice.model import Notice

Renderer = Callable[["Notice"], str]

RENDERERS: dict[str, str] = {
    "markdown": "minlint.notice.markdown:render_markdown",
    "html": "minlint.notice.html:render_html",
}


def get_renderer(name: str) -> Renderer:
    """The renderer for format ``name`` (imported on first use)."""
    return load_renderer(RENDERERS, name)


__all__ = ["RENDERERS", "Renderer", "get_renderer"]
