"""SIGINT and SIGTERM stop a run honestly: exit 130 or 143, no traceback, no worker and no temporary file left.

Real signals to the real console script: to its process group (Ctrl-C in a terminal, a CI runner
cancelling a job), to the parent alone, or — at an exact moment of a write — from inside the process
through an audit hook, which sends the signal when minlint creates or renames its temporary file.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, minlint_environment, minlint_executable, write_files

needs_proc = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")

PLAN = (
    "minlint: 1\nkind: tracking-plan\nname: web\n"
    "traits:\n  email: {purpose: analytics, basis: consent, retention: P1Y}\n"
)
PURPOSES = "minlint: 1\nkind: purposes\npurposes:\n  analytics: {description: Reports., consent: {mechanism: cmp}}\n"


def generate(folder: Path, fields: int) -> None:
    """A project of ``fields`` fields written by benchmarks/generate.py (2,000 fields, about 270 KB, a file)."""
    spec = importlib.util.spec_from_file_location("minlint_benchmark_generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    module.generate(folder, fields, 2000, 0.10, True, 20261129)


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 5 MB of plans: over the size at which a run uses every core, and a second or two of work."""
    folder = tmp_path_factory.mktemp("big")
    generate(folder, 40_000)
    return folder


def start(cwd: Path, *args: str) -> subprocess.Popen[str]:
    """The installed ``minlint`` with ``args``, in a session (and process group) of its own."""
    return subprocess.Popen(
        [minlint_executable(), *args],
        cwd=cwd,
        env=minlint_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def children(pid: int) -> list[int]:
    """The processes ``pid`` started, from /proc."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(child) for child in text.split()]


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def workers_of(process: subprocess.Popen[str], count: int = 2) -> list[int]:
    """Wait until ``process`` runs ``count`` worker processes; their process ids."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = children(process.pid)
        if len(found) >= count:
            return found
        assert process.poll() is None, "minlint ended before starting its workers"
        time.sleep(0.002)
    pytest.fail("minlint started no worker processes")


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Wait (at most a minute: a hang is a failure) for the exit status and stderr."""
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("minlint did not stop")
    return process.returncode, stderr


def gone(pids: list[int], seconds: float = 2) -> bool:
    """Whether none of ``pids`` runs any more (allowing them ``seconds`` to die)."""
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


# --- a parallel check, interrupted ----------------------------------------------------------------


@needs_proc
@pytest.mark.parametrize("delay", [0.0, 0.3], ids=["as-workers-start", "mid-run"])
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_a_signal_to_the_process_group_during_a_parallel_check_exits_128_plus_it_without_a_traceback(
    big_project: Path, signum: int, status: int, delay: float
) -> None:
    process = start(big_project, "check", "--no-cache", "--jobs", "2", "--format", "json")
    workers = workers_of(process)
    time.sleep(delay)
    os.killpg(process.pid, signum)
    code, stderr = finish(process)
    assert code == status, stderr
    assert "Traceback" not in stderr and "Error" not in stderr
    assert stderr.strip() == f"minlint: interrupted by {signal.Signals(signum).name}"
    assert gone(workers)


@needs_proc
def test_sigterm_to_the_parent_alone_stops_its_workers_too(big_project: Path) -> None:
    process = start(big_project, "check", "--no-cache", "--jobs", "2", "--format", "json")
    workers = workers_of(process)
    time.sleep(0.2)
    os.kill(process.pid, signal.SIGTERM)  # as `kill PID` or a supervisor does: the workers get nothing
    code, stderr = finish(process)
    assert code == 143, stderr
    assert "Traceback" not in stderr
    assert gone(workers)  # none left to finish its file and fail on a broken pipe


@needs_proc
def test_sigkill_to_the_parent_takes_its_workers_with_it(big_project: Path) -> None:
    process = start(big_project, "check", "--no-cache", "--jobs", "2", "--format", "json")
    workers = workers_of(process)
    time.sleep(0.3)  # each worker in the middle of a file
    os.kill(process.pid, signal.SIGKILL)  # what a CI runner does last; nothing can be cleaned up
    assert gone(workers)  # at once: not after finishing their file
    code, stderr = finish(process)
    assert code == -signal.SIGKILL
    assert "Traceback" not in stderr  # none failed on a broken pipe to the dead parent


@needs_proc
def test_a_worker_killed_mid_run_ends_the_run_with_exit_2_instead_of_hanging_it(big_project: Path) -> None:
    process = start(big_project, "check", "--no-cache", "--jobs", "2", "--format", "json")
    workers = workers_of(process)
    time.sleep(0.2)
    os.kill(workers[0], signal.SIGKILL)  # what the kernel's out-of-memory killer does
    code, stderr = finish(process)
    assert code == 2, stderr
    assert stderr.startswith("minlint: error: out of memory"), stderr
    assert "Traceback" not in stderr
    assert gone(workers)


@needs_proc
def test_a_check_that_is_not_interrupted_still_exits_as_before(big_project: Path) -> None:
    process = start(big_project, "check", "--no-cache", "--jobs", "2", "--format", "json")
    code, stderr = finish(process)
    assert code == 1, stderr  # the generated plans miss declarations: findings
    assert stderr == ""


# --- writes, interrupted at the worst moment --------------------------------------------------------

# Runs the console script with an audit hook that sends SIGNAL to this very process when minlint
# reaches EVENT ("open": creates; "os.rename"/"os.link": moves into place) for a temporary file of
# TARGET. The signal is real; the hook only chooses the instant.
INTERRUPTER = """
import os, signal, sys

target, signame, wanted = sys.argv[1:4]
del sys.argv[1:4]
fired = []

def hook(event, args):
    if event == wanted and not fired and args and isinstance(args[0], (str, bytes, os.PathLike)):
        name = os.path.basename(os.fsdecode(args[0]))
        if name.startswith("." + target + ".") and name.endswith(".tmp"):
            fired.append(name)
            os.kill(os.getpid(), getattr(signal, signame))

sys.addaudithook(hook)
sys.argv[0] = "minlint"
from minlint.cli import run
run()
"""


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    return write_files(tmp_path / "project", {"web.yaml": PLAN, "purposes.yaml": PURPOSES})


def interrupted(project: Path, target: str, signame: str, event: str, *args: str) -> tuple[int, str]:
    script = project.parent / "interrupter.py"
    script.write_text(INTERRUPTER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), target, signame, event, *args],
        cwd=project,
        env=minlint_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stderr


def temporary_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.mark.parametrize("event", ["open", "os.rename"], ids=["as-the-temporary-file-is-created", "before-the-move"])
@pytest.mark.parametrize(("signame", "status"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_while_writing_the_report_leaves_the_old_report_and_no_temporary_file(
    small_project: Path, event: str, signame: str, status: int
) -> None:
    (small_project / "report.json").write_text("previous\n", encoding="utf-8")
    code, stderr = interrupted(
        small_project, "report.json", signame, event, "check", "--no-cache", "--format", "json", "-o", "report.json"
    )
    assert code == status, stderr
    assert "Traceback" not in stderr
    assert stderr.strip() == f"minlint: interrupted by {signame}"
    assert temporary_files(small_project) == []
    assert (small_project / "report.json").read_text(encoding="utf-8") == "previous\n"


@pytest.mark.parametrize("event", ["open", "os.link"], ids=["as-the-temporary-file-is-created", "before-the-move"])
def test_sigterm_while_writing_a_new_baseline_leaves_no_baseline_and_no_temporary_file(
    small_project: Path, event: str
) -> None:
    write_files(small_project, {"web.yaml": PLAN.replace(", basis: consent", "")})  # a finding to record
    code, stderr = interrupted(small_project, ".minlint-baseline.json", "SIGTERM", event, "baseline", "--no-cache")
    assert code == 143, stderr
    assert "Traceback" not in stderr
    assert temporary_files(small_project) == []
    assert not (small_project / ".minlint-baseline.json").exists()


def test_the_next_write_removes_only_stale_temporary_files_of_its_own_target(small_project: Path) -> None:
    hours_ago = time.time() - 2 * 3600
    victim = small_project.parent / "victim.txt"
    victim.write_text("keep\n", encoding="utf-8")

    def plant(name: str, make: Callable[[Path], None] = lambda path: path.write_bytes(b"half a rep"), old: bool = True):
        path = small_project / name
        make(path)
        if old:
            os.utime(path, (hours_ago, hours_ago), follow_symlinks=False)

    plant(".report.json.0123456789ab.tmp")  # what a killed write of report.json left: removed
    plant(".report.json.ba9876543210.tmp", old=False)  # another write of it in progress: kept
    plant(".other.json.0123456789ab.tmp")  # another target's: kept
    plant(".report.json.0123456789AB.tmp")  # not minlint's pattern (upper case): kept
    plant(".report.json.0123456789a.tmp")  # not minlint's pattern (11 digits): kept
    plant("report.json.0123456789ab.tmp")  # not minlint's pattern (no dot first): kept
    plant(".report.json.aaaaaaaaaaaa.tmp", lambda path: path.symlink_to(victim))  # a symlink: kept, and its target
    plant(".report.json.bbbbbbbbbbbb.tmp", lambda path: path.mkdir())  # a folder: kept

    result = subprocess.run(
        [minlint_executable(), "check", "--no-cache", "--format", "json", "-o", "report.json"],
        cwd=small_project,
        env=minlint_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert temporary_files(small_project) == [
        ".other.json.0123456789ab.tmp",
        ".report.json.0123456789AB.tmp",
        ".report.json.0123456789a.tmp",
        ".report.json.aaaaaaaaaaaa.tmp",
        ".report.json.ba9876543210.tmp",
        ".report.json.bbbbbbbbbbbb.tmp",
        "report.json.0123456789ab.tmp",
    ]
    assert victim.read_text(encoding="utf-8") == "keep\n"
    assert (small_project / "report.json").read_text(encoding="utf-8").startswith("{")
