"""Shared fixtures: temporary projects and the installed ``minlint`` command run as a real subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

WriteProject = Callable[[Mapping[str, str]], Path]
RunMinlint = Callable[..., subprocess.CompletedProcess[str]]

# The shared helper modules assert too: rewritten like test modules, their failures show the values compared.
pytest.register_assert_rewrite(
    "tests.helpers", "tests.engine.support", "tests.formatters.support", "tests.gate.support", "tests.hostile.support"
)


def minlint_executable() -> str:
    """The ``minlint`` console script of the environment running the tests."""
    scripts = Path(sys.executable).parent
    found = shutil.which("minlint", path=str(scripts)) or shutil.which("minlint")
    if found is None:
        pytest.fail("the minlint console script is not installed; run `pip install -e '.[test]'` first")
    return found


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` under ``folder`` (text as UTF-8, folders made); returns ``folder``."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def write_project(tmp_path: Path) -> WriteProject:
    """Write ``{relative path: text}`` under a fresh folder and return the folder."""

    def write(files: Mapping[str, str]) -> Path:
        return write_files(tmp_path, files)

    return write


def minlint_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The tests' environment without ``NO_COLOR`` and ``FORCE_COLOR``, updated with ``env``."""
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    return environment


def run_installed(
    *args: str,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``minlint`` with ``args`` in :func:`minlint_environment`; returns the completed process."""
    return subprocess.run(
        [minlint_executable(), *args],
        cwd=cwd,
        env=minlint_environment(env),
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
        preexec_fn=preexec_fn,
    )


def _runner() -> RunMinlint:
    minlint_executable()  # a missing console script fails at fixture set-up, once
    return run_installed


@pytest.fixture
def run_minlint() -> RunMinlint:
    """Run the installed ``minlint`` with arguments; returns the completed process (text mode)."""
    return _runner()


@pytest.fixture(scope="module")
def run_minlint_module() -> RunMinlint:
    """:func:`run_minlint` for module-scoped fixtures."""
    return _runner()
