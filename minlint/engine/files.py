"""Checks of the ``files`` pack (``rules/files.yaml``): findings about files themselves (ML901 to ML907).

They are found while reading a file (:mod:`minlint.readers`) or applying inline suppressions
(:mod:`minlint.run.gates`), never by looking at a target: the pack's rules name the ``loader``
check, which finds nothing, so that the engine knows them (codes, names, severities) and can stamp
what the reader and the gates report.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from minlint.engine.rule import CheckContext, Hit
from minlint.model.spec import Target


def loader(target: Target, options: Mapping[str, Any], context: CheckContext) -> Iterator[Hit]:
    """Findings of ``loader`` rules come from reading the file, not from a target: nothing to do here."""
    return iter(())
