"""The floor yardstick: only load every YAML file of a folder with PyYAML's libyaml loader.

    python benchmarks/floor.py FOLDER [--part I/N]

What any PyYAML-based tool must pay at least once. Used by benchmarks/run.py. ``--part I/N`` loads
only every N-th file starting at the I-th (0-based): N such processes side by side are the floor
of a tool that uses N processes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> None:
    files = sorted(Path(sys.argv[1]).glob("*.yaml"))
    if len(sys.argv) == 4 and sys.argv[2] == "--part":
        index, count = (int(number) for number in sys.argv[3].split("/"))
        files = files[index::count]
    for path in files:
        with path.open(encoding="utf-8") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    main()
