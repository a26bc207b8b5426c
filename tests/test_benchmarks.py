"""The benchmark scripts run and print their tables (their figures are not tested: see docs/performance.md)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO, minlint_executable


def test_the_pre_commit_benchmark_prints_every_case_of_both_projects() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "precommit.py"), "--runs", "1", "--minlint", minlint_executable()],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith(("| distinct", "| shared"))]
    assert len(rows) == 6
    assert all(float(line.split("|")[3]) > 0 for line in rows)
