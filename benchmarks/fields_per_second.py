"""Fields per second of ``minlint check`` on a generated project (whole process, median of runs).

    python benchmarks/fields_per_second.py --fields 100000

Generates the corpus in a temporary folder (see generate.py), runs the installed ``minlint check
--format json`` on it ``--runs`` times, verifies the finding count against the generator's, and
prints the median wall time and fields per second.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fields", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fields-per-file", type=int, default=2000)
    args = parser.parse_args()
    minlint = shutil.which("minlint", path=str(Path(sys.executable).parent)) or "minlint"
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder)
        counts = generate(corpus, args.fields, args.fields_per_file, 0.10, True, 20261129)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run(
                [minlint, "check", "--no-cache", "--format", "json", str(corpus)],
                capture_output=True,
                text=True,
                check=False,
            )
            times.append(time.perf_counter() - start)
            findings = json.loads(result.stdout)["findings"]
            if len(findings) != counts.total:
                raise SystemExit(f"minlint reported {len(findings)} findings, the generator wrote {counts.total}")
        median = statistics.median(times)
        print(f"fields: {counts.fields}  files: {len(list(corpus.glob('plan-*.yaml')))}  runs: {args.runs}")
        print(f"median wall time: {median:.3f} s  ->  {counts.fields / median:,.0f} fields/s")


if __name__ == "__main__":
    main()
