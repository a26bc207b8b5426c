"""``minlint export``: a checked project written in another tool's format.

An exporter takes the project model — the very specs ``minlint check`` checked, inheritance resolved,
the registry and taxonomy applied — and returns an :class:`~minlint.export.model.Export`: the files
to write as plain data, what it could not carry over exactly, and what keeps it from being written at
all. It knows nothing of YAML; :mod:`minlint.export.writer` turns the data into text, and the command
(:mod:`minlint.commands.export`) writes the files, all or none.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minlint.export.model import Export, Project

Exporter = Callable[["Project"], "Export"]

# Each format's exporter as ``module:function``, imported only when chosen; ``--format`` offers these.
EXPORTERS: dict[str, str] = {
    "fides": "minlint.export.fides:export_fides",
}


def get_exporter(name: str) -> Exporter:
    """The exporter of format ``name`` (imported on first use)."""
    module_name, function = EXPORTERS[name].split(":")
    exporter: Exporter = getattr(importlib.import_module(module_name), function)
    return exporter


__all__ = ["EXPORTERS", "Exporter", "get_exporter"]
