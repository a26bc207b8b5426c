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


def test_the_foreign_formats_benchmark_prints_every_format_and_the_pre_commit_case() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "foreign.py"),
            "--fields",
            "200",
            "--runs",
            "1",
            "--minlint",
            minlint_executable(),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    formats, precommit = done.stdout.split("pre-commit case", 1)
    rows = {line.split("|")[1].strip(): line for line in formats.splitlines() if line.startswith("| ")}
    for name in ("minlint", "segment", "rudderstack", "fides", "data contract", "odcs", "dbt"):
        # Every project is declared in full: it checks clean (exit 0), or the comparison would mean nothing.
        assert rows[name].rstrip(" |").endswith("| 0"), rows[name]
    named = [line for line in precommit.splitlines() if line.startswith(("| segment |", "| rudderstack |"))]
    assert len(named) == 2
