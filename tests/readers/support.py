"""What the reader tests share: a purposes registry for clean projects, and a walk of parsed JSON."""

from __future__ import annotations

from typing import Any

PURPOSES = """\
minlint: 1
kind: purposes
purposes:
  analytics.reporting:
    description: Reports on how the product is used.
    bases: [legitimate_interests, consent]
    interest: Knowing which features work.
    max_retention: P25M
    consent: {mechanism: cmp}
  essential.service: {description: The service itself., bases: [contract], max_retention: P6Y}
"""


def containers(node: Any, found: list[Any]) -> list[Any]:
    """Every dict of ``node`` (parsed JSON), ``node`` included, added to ``found`` in document order."""
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            containers(value, found)
    elif isinstance(node, list):
        for value in node:
            containers(value, found)
    return found
