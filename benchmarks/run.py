"""minlint against its yardsticks, side by side, in one run — as ratios (absolute times drift here).

    python benchmarks/run.py --sizes 1000,10000,100000 [--runs 5]

For each size N, a corpus of N fields is generated (benchmarks/generate.py, explicit declarations,
~10 % of fields missing one) and every tool checks the same thing: each field declares a purpose,
a lawful basis (one of the six) and a retention. The yardsticks:

- floor: a separate process loading every file with PyYAML's libyaml loader (benchmarks/floor.py),
  and the same on two processes side by side (half the files each): the floor of a tool that uses
  both cores of the machine;
- interpreter: ``python3 -c "import yaml"``;
- peers: ``check-jsonschema`` with benchmarks/peers/tracking-plan.schema.json and Spectral
  (``@stoplight/spectral-cli``) with benchmarks/peers/spectral-ruleset.yaml. Nothing is installed
  here: a peer not found (on PATH, or with --check-jsonschema / --spectral) is skipped with a line
  saying so. Every tool's violation count must equal the generator's, or the run stops.

Times are whole-process wall times, the median of --runs runs; memory is the peak, over the run, of
the summed resident size of the process and its children (sampled every 5 ms from /proc).
minlint runs cold (``--no-cache``; with its default jobs, with ``--jobs 1``, and with every rule rather
than the four the peers check) and warm (its cache filled by a previous run), and the
pre-commit case — one 50-field file named inside a 30-file project — is measured against the
interpreter.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import Counts, generate  # noqa: E402

SELECT = "ML001,ML002,ML003,ML005"
# Two floor processes side by side, each on every other file ($0: python, $1: floor.py, $2: the folder).
TWO_FLOORS = '"$0" "$1" "$2" --part 0/2 & "$0" "$1" "$2" --part 1/2; wait'
# Children must be able to write byte-code, or every run pays for compiling minlint again.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def ignore(_: str) -> None:
    """A tool whose output is not counted."""


@dataclass
class Measure:
    """The median wall time, peak memory and violation count of one tool on one corpus."""

    tool: str
    seconds: float
    peak_mb: float
    violations: int | None


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 once it has exited)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(command: Sequence[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """Run ``command``; its wall time, peak tree RSS and stdout."""
    peak = 0
    done = threading.Event()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({process.returncode}): {stderr.decode(errors='replace')[:500]}")
    return elapsed, peak, stdout.decode("utf-8", "replace")


def measure(
    tool: str,
    command: Sequence[str],
    runs: int,
    count: Callable[[str], int | None],
    cwd: Path | None = None,
    before: Callable[[], None] | None = None,
) -> Measure:
    """The median of ``runs`` runs of ``command``."""
    times: list[float] = []
    peaks: list[int] = []
    violations: int | None = None
    for attempt in range(runs + 1):
        if before is not None:
            before()
        seconds, peak, stdout = timed(command, cwd)
        if attempt == 0:
            continue  # a discarded warm-up run: file-system and byte-code caches are filled
        times.append(seconds)
        peaks.append(peak)
        violations = count(stdout)
    return Measure(tool, statistics.median(times), max(peaks) / 1048576, violations)


def minlint_count(stdout: str) -> int:
    return len(json.loads(stdout)["findings"])


def jsonschema_count(stdout: str) -> int:
    document = json.loads(stdout) if stdout.strip() else {"errors": []}
    return sum(
        1
        for error in document.get("errors", [])
        if "required property" in error["message"] or "is not one of" in error["message"]
    )


def spectral_count(stdout: str) -> int:
    return len(json.loads(stdout)) if stdout.strip() else 0


def find(executable: str | None, name: str) -> str | None:
    """An explicitly given executable, else one on PATH (beside this Python first)."""
    if executable:
        return executable if Path(executable).exists() or shutil.which(executable) else None
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


def corpus(root: Path, size: int) -> tuple[Path, Counts]:
    folder = root / f"corpus-{size}"
    counts = generate(folder, size, 2000, 0.10, True, 20261129)
    return folder, counts


def small_project(root: Path) -> Path:
    """The pre-commit case: 30 files of 50 fields."""
    folder = root / "small"
    generate(folder, 1500, 50, 0.10, True, 7)
    return folder


def check_agreement(size: int, expected: int, results: list[Measure]) -> None:
    for result in results:
        if result.violations is not None and result.violations != expected:
            raise SystemExit(
                f"{result.tool} reported {result.violations} violations at N={size}; "
                f"the generator wrote {expected}: the comparison would mean nothing"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated field counts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check-jsonschema", dest="check_jsonschema", help="path of the check-jsonschema executable")
    parser.add_argument("--spectral", help="path of the spectral executable")
    parser.add_argument("--work", type=Path, help="keep the corpora in this folder (default: a temporary one)")
    parser.add_argument(
        "--peers-up-to",
        type=int,
        default=100_000,
        metavar="N",
        help="run the peers only on corpora of at most N fields (they take minutes beyond) [default: 100000]",
    )
    args = parser.parse_args()
    minlint = find(None, "minlint")
    if minlint is None:
        raise SystemExit("minlint is not installed in this environment (pip install .)")
    peers = {
        "check-jsonschema": find(args.check_jsonschema, "check-jsonschema"),
        "spectral": find(args.spectral, "spectral"),
    }
    for name, path in peers.items():
        if path is None:
            print(f"skipping {name}: not installed (see docs/performance.md to install it)")
    python = sys.executable
    floor = str(HERE / "floor.py")
    work = args.work or Path(tempfile.mkdtemp(prefix="minlint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[int, Measure, Measure]] = []
    for size in (int(item) for item in args.sizes.split(",")):
        folder, counts = corpus(work, size)
        files = sorted(str(path) for path in folder.glob("plan-*.yaml"))
        cache = folder / ".minlint_cache"
        clear_cache = functools.partial(shutil.rmtree, cache, ignore_errors=True)
        select = ["--format", "json", "--select", SELECT, str(folder)]
        results = [
            measure("floor (libyaml load)", [python, floor, str(folder)], args.runs, ignore),
            measure(
                "floor on two processes (half the files each)",
                ["sh", "-c", TWO_FLOORS, python, floor, str(folder)],
                args.runs,
                ignore,
            ),
            measure(
                "minlint cold", [minlint, "check", "--no-cache", *select], args.runs, minlint_count, before=clear_cache
            ),
            measure(
                "minlint cold, one process (-j1)",
                [minlint, "check", "--no-cache", "--jobs", "1", *select],
                args.runs,
                minlint_count,
                before=clear_cache,
            ),
            measure(
                "minlint cold, all rules",
                [minlint, "check", "--no-cache", "--format", "json", str(folder)],
                args.runs,
                ignore,
                before=clear_cache,
            ),
        ]
        subprocess.run([minlint, "check", *select], capture_output=True, check=False, env=ENV)
        results.append(measure("minlint warm", [minlint, "check", *select], args.runs, minlint_count))
        if size > args.peers_up_to and any(peers.values()):
            print(f"skipping the peers at {size:,} fields (--peers-up-to {args.peers_up_to:,})")
        if peers["check-jsonschema"] and size <= args.peers_up_to:
            schema = str(HERE / "peers" / "tracking-plan.schema.json")
            results.append(
                measure(
                    "check-jsonschema",
                    [peers["check-jsonschema"], "--schemafile", schema, "-o", "json", *files],
                    args.runs,
                    jsonschema_count,
                )
            )
        if peers["spectral"] and size <= args.peers_up_to:
            ruleset = str(HERE / "peers" / "spectral-ruleset.yaml")
            results.append(
                measure(
                    "spectral",
                    [peers["spectral"], "lint", "-q", "-r", ruleset, "-f", "json", *files],
                    args.runs,
                    spectral_count,
                )
            )
        check_agreement(size, counts.total, results)
        rows.extend((size, result, results[0]) for result in results)
        clear_cache()
    small = small_project(work)
    named = str(sorted(small.glob("plan-*.yaml"))[0])
    interpreter = measure("interpreter (import yaml)", [python, "-c", "import yaml"], args.runs, ignore)
    pre_commit = measure(
        "minlint, 1 file of 50 in 30 (cold)",
        [minlint, "check", "--no-cache", "--format", "text", named],
        args.runs,
        ignore,
        cwd=small,
    )
    print()
    print("| fields | tool | median s | x floor | peak MB | x floor peak | violations |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for size, result, floor in rows:
        shown = "—" if result.violations is None else str(result.violations)
        print(
            f"| {size:,} | {result.tool} | {result.seconds:.3f} | {result.seconds / floor.seconds:.2f} "
            f"| {result.peak_mb:.0f} | {result.peak_mb / floor.peak_mb:.2f} | {shown} |"
        )
    print()
    print("| pre-commit case | median s | x interpreter |")
    print("| --- | ---: | ---: |")
    print(f"| {interpreter.tool} | {interpreter.seconds:.3f} | 1.00 |")
    print(f"| {pre_commit.tool} | {pre_commit.seconds:.3f} | {pre_commit.seconds / interpreter.seconds:.2f} |")
    cold = {size: result.seconds for size, result, _ in rows if result.tool == "minlint cold"}
    warm = {size: result.seconds for size, result, _ in rows if result.tool == "minlint warm"}
    print()
    for size in sorted(cold):
        print(f"minlint warm / cold at {size:,} fields: {warm[size] / cold[size]:.3f}")
    per_field = {size: seconds / size for size, seconds in cold.items()}
    if len(per_field) > 1:
        sizes = sorted(per_field)
        print()
        ratio = per_field[sizes[-1]] / per_field[sizes[-2]]
        print(f"minlint cold, time per field at {sizes[-1]:,} / at {sizes[-2]:,}: {ratio:.2f}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
