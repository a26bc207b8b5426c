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


def minlint_executable() -> str:
    """The ``minlint`` console script of the environment running the tests."""
    scripts = Path(sys.executable).parent
    found = shutil.which("minlint", path=str(scripts)) or shutil.which("minlint")
    if found is None:
        pytest.fail("the minlint console script is not installed; run `pip install -e '.[test]'` first")
    return found


@pytest.fixture
def write_project(tmp_path: Path) -> WriteProject:
    """Write ``{relative path: text}`` under a fresh folder and return the folder."""

    def write(files: Mapping[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return write


def _runner() -> RunMinlint:
    executable = minlint_executable()

    def run(
        *args: str,
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
        input: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
        environment.update(env or {})
        return subprocess.run(
            [executable, *args],
            cwd=cwd,
            env=environment,
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture
def run_minlint() -> RunMinlint:
    """Run the installed ``minlint`` with arguments; returns the completed process (text mode)."""
    return _runner()


@pytest.fixture(scope="module")
def run_minlint_module() -> RunMinlint:
    """:func:`run_minlint` for module-scoped fixtures."""
    return _runner()
