"""The floor yardstick: only load every YAML file of a folder with PyYAML's libyaml loader.

    python benchmarks/floor.py FOLDER

What any PyYAML-based tool must pay at least once. Used by benchmarks/run.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> None:
    for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    main()
