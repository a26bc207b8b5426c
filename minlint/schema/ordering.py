"""Ordering errors by where the offending value sits in the document."""

from __future__ import annotations

from minlint.schema.errors import InstancePath, SchemaError
from minlint.schema.values import key_text


def document_order(instance: object, found: list[SchemaError]) -> list[SchemaError]:
    """Stable-sort errors by document position of their paths and drop duplicates.

    The position is the sequence of dict key indexes (insertion order) and list indexes along the
    path; a path naming an absent key sorts after the mapping's existing keys.  Equal positions keep
    the order the emitters produced (keyword order), so the result never depends on hashing.
    """
    if len(found) == 1:
        return found
    key_indexes: dict[int, dict[object, tuple[int, object]]] = {}

    def position(path: InstancePath) -> tuple[int, ...]:
        steps: list[int] = []
        current: object = instance
        for step in path:
            if isinstance(current, dict):
                indexes = key_indexes.get(id(current))
                if indexes is None:
                    indexes = {}
                    for index, key in enumerate(current):
                        indexes.setdefault(key, (index, key))
                        indexes.setdefault(key_text(key), (index, key))
                    key_indexes[id(current)] = indexes
                found_key = indexes.get(step)
                if found_key is None:
                    steps.append(len(current))
                    break
                steps.append(found_key[0])
                current = current[found_key[1]]
            elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
                steps.append(step)
                current = current[step]
            else:
                break
        return tuple(steps)

    ordered = sorted(found, key=lambda error: position(error.path))
    return list(dict.fromkeys(ordered))
