"""Fixtures for the hostile-input tests: a folder every user can enter, and ``minlint`` run without the power to
read what its permissions forbid.

The tests run as root here and in CI, and root reads any file whatever its mode, so unreadable files and
folders must be tested from a process that cannot. When running as root, the child is started as
``nobody`` (65534) if that user can run the installed ``minlint`` at all; where it cannot (the Python of the
environment lives under root's private home, as on this project's machines), the child stays root but
drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its capability bounding set before ``exec``, so that
file modes bind it like any user. When neither works the tests are skipped, saying why.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import minlint_executable
from tests.hostile.support import run_cli

NOBODY = 65534
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def _become_nobody() -> None:
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def _drop_file_capabilities() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            os._exit(126)


@dataclass(frozen=True)
class Restricted:
    """How ``minlint`` is run so that file modes apply to it: ``how`` says which way was possible."""

    how: str
    preexec_fn: Callable[[], None] | None

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run ``minlint ARGS`` under the restriction."""
        return run_cli(*args, cwd=cwd, timeout=60, preexec_fn=self.preexec_fn)


def _cannot_read(folder: Path, preexec_fn: Callable[[], None]) -> bool:
    """Whether a child started with ``preexec_fn`` is refused a mode-000 file (so the restriction works)."""
    probe = folder / "probe"
    probe.write_text("secret", encoding="utf-8")
    probe.chmod(0)
    try:
        result = subprocess.run(
            [shutil.which("cat") or "/bin/cat", str(probe)],
            capture_output=True,
            timeout=30,
            check=False,
            preexec_fn=preexec_fn,
        )
    finally:
        probe.unlink()
    return result.returncode != 0


@pytest.fixture(scope="session")
def public_root() -> Iterator[Path]:
    """A temporary folder (mode 0755) that any user can enter: root's pytest ``tmp_path`` is under a 0700 one."""
    folder = Path(tempfile.mkdtemp(prefix="minlint-hostile-", dir=tempfile.gettempdir()))
    folder.chmod(0o755)
    yield folder
    for path, folders, _ in os.walk(folder):
        for name in folders:
            (Path(path) / name).chmod(0o755)
    shutil.rmtree(folder)


@pytest.fixture
def public_dir(public_root: Path, request: pytest.FixtureRequest) -> Path:
    """A fresh folder for one test inside :func:`public_root`."""
    folder = Path(tempfile.mkdtemp(prefix=request.node.name[:40] + "-", dir=public_root))
    folder.chmod(0o755)
    return folder


@pytest.fixture(scope="session")
def restricted(public_root: Path) -> Restricted:
    """Run ``minlint`` so that it cannot read what file modes forbid (see the module docstring)."""
    if os.geteuid() != 0:
        return Restricted(f"as uid {os.geteuid()} (not root: file modes already apply)", None)
    executable = minlint_executable()
    folders = list(public_root.parents)
    if all(parent.stat().st_mode & stat.S_IXOTH for parent in folders):
        try:
            probe = subprocess.run(
                [executable, "--version"], capture_output=True, timeout=60, check=False, preexec_fn=_become_nobody
            )
            works = probe.returncode == 0 and _cannot_read(public_root, _become_nobody)
        except (OSError, subprocess.SubprocessError):  # e.g. nobody may not enter the folder of the interpreter
            works = False
        if works:
            return Restricted("as nobody (65534)", _become_nobody)
    try:
        dropped = _cannot_read(public_root, _drop_file_capabilities)
    except (OSError, subprocess.SubprocessError):
        dropped = False
    if dropped:
        return Restricted("as root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH", _drop_file_capabilities)
    pytest.skip(
        "running as root, and neither switching to nobody (65534) nor dropping CAP_DAC_OVERRIDE works here, "
        "so unreadable files cannot be tested"
    )
