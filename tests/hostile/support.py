"""Helpers for the hostile-input tests: run the real ``minlint`` and check that what it says is located.

Every hostile input must end in a located finding (exit 1, ``path:line:column`` inside the file) or a
clear exit 2 (one ``minlint: error:`` line per problem) — never a traceback, never an "internal error",
never a hang.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minlint.loader.decode import DecodeFailure, decode
from tests.conftest import RunMinlint, minlint_environment, minlint_executable, run_installed, write_files

HEADER = "minlint: 1\nkind: tracking-plan\nname: p\n"

# A plan with one field of each finding-free shape, used wherever a valid spec is needed.
VALID_PLAN = """\
minlint: 1
kind: tracking-plan
name: shop
defaults:
  basis: legitimate_interests
  retention: P13M
  purpose: analytics.reporting
  category: none
events:
  Order Completed:
    properties:
      order_id: {type: string}
"""

# Line breaks as the YAML 1.1 parsers (libyaml and PyYAML) count them. Editors and code hosts count
# only CR LF, CR and LF; see test_line_endings.py for the difference.
YAML11_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
BREAKS = re.compile("\r\n|\r|\n")

Json = dict[str, Any]


def assert_no_crash(result: subprocess.CompletedProcess[str]) -> None:
    """No Python traceback and no 'internal error' (minlint's own word for a bug) on stderr."""
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr


def check_json(run: RunMinlint, *args: str, cwd: Path) -> tuple[int, Json, str]:
    """``minlint check --format json ARGS``: exit code, the parsed report, stderr."""
    result = run("check", "--format", "json", *args, cwd=cwd)
    assert_no_crash(result)
    document: Json = json.loads(result.stdout)
    return result.returncode, document, result.stderr


@dataclass(frozen=True)
class Batch:
    """One ``minlint check --format json .`` run over a folder of many independent cases."""

    code: int
    document: Json
    stderr: str

    def findings(self, path: str) -> list[Json]:
        """The findings in one file of the batch."""
        return [item for item in self.document["findings"] if item["path"] == path]

    def located(self, path: str) -> list[tuple[int, int, str]]:
        """``(line, column, rule)`` of the findings in one file of the batch."""
        return [(item["line"], item["column"], item["rule"]) for item in self.findings(path)]


def check_batch(run: RunMinlint, folder: Path, files: Mapping[str, str | bytes]) -> Batch:
    """Write ``files`` under ``folder`` and check the folder in one run (findings must be located)."""
    write(folder, files)
    code, document, stderr = check_json(run, ".", cwd=folder)
    assert_findings_located(document, folder)
    return Batch(code, document, stderr)


def found(document: Json) -> list[tuple[str, int, int, str]]:
    """``(path, line, column, rule)`` of every finding, in report order."""
    return [(item["path"], item["line"], item["column"], item["rule"]) for item in document["findings"]]


def rules_of(document: Json) -> list[str]:
    """The rule of every finding, in report order."""
    return [item["rule"] for item in document["findings"]]


def error_lines(stderr: str) -> list[str]:
    """The ``minlint: error:`` lines of stderr, without the prefix (every line must be one)."""
    lines = stderr.splitlines()
    assert all(line.startswith("minlint: error: ") for line in lines), stderr
    return [line.removeprefix("minlint: error: ") for line in lines]


def source_lines(data: bytes, breaks: re.Pattern[str] = YAML11_BREAKS) -> list[str]:
    """The lines of a file's text as minlint decodes it (BOM removed; undecodable bytes replaced)."""
    text = decode(data)
    if isinstance(text, DecodeFailure):
        text = data.decode("utf-8", "replace")
    return breaks.split(text)


def inside(data: bytes, line: int, column: int, breaks: re.Pattern[str] = YAML11_BREAKS) -> bool:
    """Whether ``line:column`` is a position in the file (the end-of-file position included)."""
    lines = source_lines(data, breaks)
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


def assert_findings_located(document: Json, cwd: Path) -> None:
    """Every finding names a file under ``cwd`` and a position inside that file."""
    for item in document["findings"]:
        path = cwd / item["path"]
        assert path.is_file(), item
        assert inside(path.read_bytes(), item["line"], item["column"]), item


write = write_files


def laughs(levels: int = 9, width: int = 10) -> str:
    """The 'billion laughs' alias bomb as extension keys of a spec: ``width ** (levels + 1)`` values."""
    names = [f"l{index}" for index in range(levels + 1)]
    text = f"x-{names[0]}: &{names[0]} [" + ", ".join(["lol"] * width) + "]\n"
    for previous, name in itertools.pairwise(names):
        text += f"x-{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]\n"
    return text


def run_cli(
    *args: str,
    cwd: Path,
    timeout: float = 60,
    preexec_fn: Callable[[], None] | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Like the ``run_minlint`` fixture, with a chosen timeout and an optional ``preexec_fn``."""
    return run_installed(*args, cwd=cwd, env=env, timeout=timeout, preexec_fn=preexec_fn)


def one_per_line(items: Iterable[str]) -> str:
    """Items as YAML block sequence lines under a key indented by two."""
    return "".join(f"  - {item}\n" for item in items)


@dataclass(frozen=True)
class Measured:
    """A finished ``minlint`` run with its own wall time and peak memory."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float

    @property
    def json(self) -> Json:
        """stdout parsed as JSON."""
        document: Json = json.loads(self.stdout)
        return document


# Runs one command and prints its exit code, wall time and peak memory as JSON: run from a small process, so
# that the measured child is not charged for the memory of the (large) test process that started it.
_MEASURE = """
import json, os, subprocess, sys, time
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    started = time.monotonic()
    child = subprocess.Popen(sys.argv[3:], stdout=out, stderr=err)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "seconds": seconds, "rss_kb": usage.ru_maxrss}))
"""


def run_measured(*args: str, cwd: Path, timeout: float = 120) -> Measured:
    """Run ``minlint ARGS`` and measure that one child's wall time and peak resident memory.

    The peak comes from ``os.wait4`` in a small intermediate Python process. Neither
    ``resource.getrusage(RUSAGE_CHILDREN)`` nor ``wait4`` in the test process itself would do: the first is
    the largest peak of every child the test process ever waited for, and a child started with ``vfork``
    (as ``subprocess`` does) inherits the peak of the process it was started from, here all of pytest.
    """
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        wrapper = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(out), str(err), minlint_executable(), *args],
            cwd=cwd,
            env=minlint_environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
        stdout, stderr = out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
    measured = json.loads(wrapper.stdout)
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return Measured(measured["code"], stdout, stderr, measured["seconds"], measured["rss_kb"] / 1024)
