"""The pre-commit case: one named file in a project, against the interpreter's own start-up.

    python benchmarks/precommit.py [--runs 15] [--minlint PATH]

Two projects of 30 tracking plans of 50 fields each (benchmarks/generate.py's shape):

- ``distinct``: every plan names its own events (the project benchmarks/run.py measures), so a
  named plan reaches no other plan;
- ``shared``: every plan defines the same events and properties (a web and an app plan of one
  product), so a named plan reaches every other one (``conflicting-definition`` compares them).

For each, minlint checks the first plan by name, as a hook does, in three ways: ``cold`` (no
cache), ``hook`` (the cache filled by an earlier run, then the named file edited — what a commit
hook meets), and ``unchanged`` (nothing edited since the last run). Each is the median wall time of
--runs runs, divided by the median of ``python -c "import yaml"`` measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import count
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

# Children must be able to write byte-code, or every run pays for compiling minlint again.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
EDITS = count()  # each edit of the named file makes new bytes
EVENTS = ["Order Completed", "Product Viewed", "Checkout Started", "Signed Up", "Page Viewed"]
PROPERTIES = ["order_id", "total", "currency", "email", "coupon", "sku", "name", "price", "quantity", "url"]


def shared_project(folder: Path, plans: int = 30) -> None:
    """``plans`` plans defining the same 5 events of 10 properties, each fully declared."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(plans):
        lines = ["minlint: 1", "kind: tracking-plan", f"name: app-{number:02d}", "events:"]
        for event in EVENTS:
            lines += [f"  {event}:", "    properties:"]
            for index, prop in enumerate(PROPERTIES):
                lines += [
                    f"      {prop}:",
                    "        type: string",
                    "        purpose: [analytics.reporting]",
                    "        basis: legitimate_interests",
                    f"        retention: P{13 + (index % 3)}M",
                ]
        (folder / f"plan-{number:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def median_seconds(command: list[str], runs: int, cwd: Path, before: Callable[[], None] | None = None) -> float:
    """The median wall time of ``command`` over ``runs`` runs (``before`` runs untimed before each)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--minlint", help="the minlint executable [default: the one on PATH]")
    args = parser.parse_args()
    minlint = args.minlint or shutil.which("minlint")
    if minlint is None:
        raise SystemExit("minlint is not installed in this environment (pip install .)")
    work = Path(tempfile.mkdtemp(prefix="minlint-precommit-"))
    distinct = work / "distinct"
    generate(distinct, 1500, 50, 0.10, True, 7)
    (distinct / "expected.json").unlink()
    shared = work / "shared"
    shared_project(shared)
    interpreter = median_seconds([sys.executable, "-c", "import yaml"], args.runs, work)
    print(f"interpreter (python -c 'import yaml'): {interpreter * 1000:.1f} ms")
    print()
    print("| project | case | median ms | x interpreter |")
    print("| --- | --- | ---: | ---: |")
    for name, folder in (("distinct", distinct), ("shared", shared)):
        named = folder / sorted(path.name for path in folder.glob("plan-*.yaml"))[0]
        original = named.read_bytes()

        def edit(named: Path = named, original: bytes = original) -> None:
            named.write_bytes(original + f"# edit {next(EDITS)}\n".encode())

        command = [minlint, "check", "--format", "text", named.name]
        cases = {
            "cold (--no-cache)": median_seconds([*command, "--no-cache"], args.runs, folder),
            "hook (cache warm, named file edited)": median_seconds(command, args.runs, folder, before=edit),
            "unchanged (cache warm)": median_seconds(command, args.runs, folder),
        }
        named.write_bytes(original)
        for case, seconds in cases.items():
            print(f"| {name} | {case} | {seconds * 1000:.1f} | {seconds / interpreter:.2f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
