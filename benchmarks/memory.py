"""Peak memory of ``minlint check`` on one large tracking plan, as a multiple of the plan's size.

    python benchmarks/memory.py                  # plans of 10 MB and 50 MB
    python benchmarks/memory.py --mb 10 --mb 100

For each size, writes one tracking plan of about that many megabytes (see generate.py: events of
ten fields, every field declaring purpose, basis and retention, 10 % missing one), with a
``.minlint.yaml`` raising ``max-file-size`` above it, runs the installed ``minlint check --no-cache
--format json`` on it in a fresh process, and prints that process's peak resident memory (its
``ru_maxrss``, from ``wait4``) and the factor peak / plan size. The baseline, a run on a plan of a
few fields, is printed too: the interpreter and minlint's own modules, paid once whatever the plan.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Counts, write_plan

BYTES_PER_FIELD = 136  # what generate.py writes for a field in the explicit style, on average


def project(folder: Path, megabytes: float) -> int:
    """One plan of about ``megabytes`` MB in ``folder``, and a configuration allowing it; its size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    fields = max(1, int(megabytes * 1024 * 1024 / BYTES_PER_FIELD))
    plan = folder / "plan.yaml"
    write_plan(plan, 0, fields, random.Random(20261129), 0.10, True, Counts())
    size = plan.stat().st_size
    (folder / ".minlint.yaml").write_text(f"max-file-size: {size + 1024 * 1024}\n", encoding="utf-8")
    return size


def peak(minlint: str, folder: Path) -> tuple[int, float, int]:
    """Peak resident bytes, wall seconds and exit status of ``minlint check`` on ``folder``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [minlint, "check", "--no-cache", "--format", "json", "--quiet", "."],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    maxrss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux
    return maxrss, time.perf_counter() - start, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, action="append", help="plan size in MB (repeatable; default 10 and 50)")
    args = parser.parse_args()
    sizes = args.mb or [10.0, 50.0]
    minlint = shutil.which("minlint", path=str(Path(sys.executable).parent)) or "minlint"
    mb = 1024 * 1024
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        project(root / "baseline", 0.0001)
        base, _, _ = peak(minlint, root / "baseline")
        print(f"baseline (a plan of one field): peak {base / mb:.0f} MB")
        print("| plan | peak RSS | factor (peak / plan) | factor without baseline | wall time | exit |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for megabytes in sizes:
            folder = root / f"plan-{megabytes:g}mb"
            size = project(folder, megabytes)
            rss, seconds, code = peak(minlint, folder)
            if code not in (0, 1):
                raise SystemExit(f"minlint exited {code} on the {megabytes:g} MB plan")
            print(
                f"| {size / mb:.1f} MB | {rss / mb:.0f} MB | {rss / size:.1f} | {(rss - base) / size:.1f} "
                f"| {seconds:.1f} s | {code} |"
            )
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
