"""Maintainer tool: derive ``minlint/data/*.json`` from fideslang's default taxonomy files.

Usage::

    python -m minlint.taxonomy.convert PATH/TO/fideslang/data_files [--out DIR]

reads ``data_categories.yml`` and ``data_uses.yml`` (fideslang's ``data_files/`` folder) and rewrites
``categories.json`` and ``data_uses.json`` in ``minlint/data/`` (or ``--out``), each file replaced
atomically. What changes on the way — and must stay described in ``minlint/data/NOTICE.md`` and
``docs/taxonomy.md`` (CC BY 4.0 asks for it):

* YAML becomes JSON, one object per entry, sorted by key;
* fideslang's ``version_added``, ``is_default``, ``organization_fides_key`` and ``tags`` are dropped,
  ``fides_key``/``parent_key`` become ``key``/``parent``; ``version_deprecated``/``replaced_by``
  become ``deprecated``/``replaced_by``, written only when set;
* categories gain ``personal``, ``special`` and ``regime`` flags and ``"source": "fideslang"``;
* the GDPR Art. 9 categories fideslang lacks are added with ``"source": "minlint"``.

After a conversion, update the commit named in ``NOTICE.md`` and ``docs/taxonomy.md``. Tests never
run this module against real data: they check the JSON it produced.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from minlint.taxonomy.categories import ART8, ART9, ART10, FIDESLANG, MINLINT, covers, default_parent

# GDPR Art. 9(1) special categories, as fideslang keys; each covers its descendants.
SPECIAL_ROOTS: Final[Mapping[str, str]] = {
    "user.health_and_medical": "health",
    "user.biometric.health": "health",
    "user.health_and_medical.genetic": "genetic",
    "user.biometric": "biometric",
    "user.authorization.biometric": "biometric (used to identify a person)",
    "user.demographic.race_ethnicity": "racial or ethnic origin",
    "user.demographic.religious_belief": "religious beliefs",
    "user.demographic.political_opinion": "political opinions",
    "user.demographic.sexual_orientation": "sexual orientation",
}

# Categories with a regime of their own that are not Art. 9.
OTHER_REGIMES: Final[Mapping[str, str]] = {
    "user.childrens": ART8,
    "user.criminal_history": ART10,
}

PERSONAL_ROOT: Final = "user"

# Art. 9(1) categories fideslang has no key for.
ADDITIONS: Final[Sequence[dict[str, Any]]] = (
    {
        "key": "user.demographic.philosophical_belief",
        "name": "Philosophical Belief",
        "description": "Philosophical beliefs of the data subject.",
    },
    {
        "key": "user.demographic.sex_life",
        "name": "Sex Life",
        "description": "Data concerning the sex life of the data subject.",
    },
    {
        "key": "user.demographic.trade_union_membership",
        "name": "Trade Union Membership",
        "description": "Trade union membership of the data subject.",
    },
)

CATEGORIES_FILE: Final = "categories.json"
DATA_USES_FILE: Final = "data_uses.json"


class ConversionError(Exception):
    """The fideslang files are not what this converter expects."""


def _text(record: Mapping[str, Any], name: str) -> str:
    value = record.get(name)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _base(record: Mapping[str, Any]) -> dict[str, Any]:
    key = record.get("fides_key")
    if not isinstance(key, str) or not key:
        raise ConversionError(f"an entry without a fides_key: {dict(record)!r}")
    parent = record.get("parent_key")
    return {"key": key, "parent": parent if isinstance(parent, str) and parent else None}


def _deprecation(record: Mapping[str, Any]) -> dict[str, Any]:
    if record.get("version_deprecated") in (None, ""):
        return {}
    replaced_by = record.get("replaced_by")
    return {"deprecated": True, **({"replaced_by": replaced_by} if replaced_by else {})}


def _flags(key: str) -> dict[str, Any]:
    special = any(covers(root, key) for root in SPECIAL_ROOTS) or any(covers(a["key"], key) for a in ADDITIONS)
    regime = ART9 if special else next((r for root, r in OTHER_REGIMES.items() if covers(root, key)), None)
    return {"personal": covers(PERSONAL_ROOT, key), "special": special, "regime": regime}


def _check_tree(entries: Sequence[dict[str, Any]], what: str) -> None:
    keys = [entry["key"] for entry in entries]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ConversionError(f"duplicate {what} keys: {', '.join(duplicates)}")
    known = set(keys)
    for entry in entries:
        if entry["parent"] is not None and entry["parent"] not in known:
            raise ConversionError(f"{what} `{entry['key']}` has an unknown parent `{entry['parent']}`")
        if entry["parent"] != default_parent(entry["key"]):
            raise ConversionError(f"{what} `{entry['key']}`: parent `{entry['parent']}` is not its key's prefix")
        replaced_by = entry.get("replaced_by")
        if replaced_by is not None and replaced_by not in known:
            raise ConversionError(f"{what} `{entry['key']}` is replaced by unknown `{replaced_by}`")


def convert_categories(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The category entries minlint ships: fideslang's ``data_category`` records, flagged, plus the additions."""
    entries: list[dict[str, Any]] = []
    for record in records:
        base = _base(record)
        entries.append(
            {
                **base,
                "name": _text(record, "name"),
                "description": _text(record, "description"),
                **_flags(base["key"]),
                "source": FIDESLANG,
                **_deprecation(record),
            }
        )
    known = {entry["key"] for entry in entries}
    missing = sorted(set(SPECIAL_ROOTS) - known) + sorted(set(OTHER_REGIMES) - known)
    if missing:
        raise ConversionError(f"fideslang no longer has these keys minlint maps to GDPR: {', '.join(missing)}")
    for addition in ADDITIONS:
        if addition["key"] in known:
            # fideslang now has it: keep fideslang's entry (already flagged Art. 9 by _flags).
            continue
        key = addition["key"]
        entries.append(
            {
                "key": key,
                "parent": default_parent(key),
                "name": addition["name"],
                "description": addition["description"],
                **_flags(key),
                "source": MINLINT,
            }
        )
    entries.sort(key=lambda entry: entry["key"])
    _check_tree(entries, "category")
    return entries


def convert_data_uses(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The data-use entries minlint ships, made from fideslang's ``data_use`` records."""
    entries = [
        {
            **_base(record),
            "name": _text(record, "name"),
            "description": _text(record, "description"),
            **_deprecation(record),
        }
        for record in records
    ]
    entries.sort(key=lambda entry: entry["key"])
    _check_tree(entries, "data use")
    return entries


def dumps(entries: Sequence[Mapping[str, Any]]) -> str:
    """The JSON text minlint ships: an array, one compact object per line."""
    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
    return f"[\n{lines}\n]\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates 0600 files; shipped data must stay readable: keep the old mode, else 0644.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _records(path: Path, section: str) -> list[Mapping[str, Any]]:
    import yaml

    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConversionError(f"{path}: not readable YAML: {error}") from error
    records = document.get(section) if isinstance(document, dict) else None
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        raise ConversionError(f"{path}: expected a top-level `{section}` list of mappings")
    return records


def default_output() -> Path:
    """``minlint/data/`` of this source tree."""
    return Path(__file__).resolve().parent.parent / "data"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m minlint.taxonomy.convert",
        description="Rewrite minlint/data/*.json from fideslang's data_files folder.",
    )
    parser.add_argument("data_files", type=Path, help="fideslang's data_files/ folder")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: minlint/data/)")
    arguments = parser.parse_args(argv)
    source: Path = arguments.data_files
    out: Path = arguments.out or default_output()
    try:
        categories = convert_categories(_records(source / "data_categories.yml", "data_category"))
        uses = convert_data_uses(_records(source / "data_uses.yml", "data_use"))
    except (OSError, ConversionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    write_atomically(out / CATEGORIES_FILE, dumps(categories))
    write_atomically(out / DATA_USES_FILE, dumps(uses))
    added = sum(entry["source"] == MINLINT for entry in categories)
    deprecated = sum(bool(entry.get("deprecated")) for entry in [*categories, *uses])
    print(
        f"wrote {len(categories)} categories ({len(categories) - added} from fideslang, {added} added), "
        f"{len(uses)} data uses, {deprecated} deprecated, to {out}\n"
        "remember to update the fideslang commit in minlint/data/NOTICE.md and docs/taxonomy.md"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
