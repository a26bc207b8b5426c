"""The built wheel carries everything minlint needs at run time: rule packs and JSON Schemas."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import run_python


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build = run_python("-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO))
    assert build.returncode == 0, build.stdout + build.stderr
    (found,) = out.glob("minlint-*.whl")
    return found


@pytest.mark.slow
def test_wheel_contains_rule_packs_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {path.name for path in (REPO / "rules").glob("*.yaml")}
    assert packs and {f"minlint/rules/{name}" for name in packs} <= names
    schemas = {path.name for path in (REPO / "minlint" / "data" / "schemas").glob("*.json")}
    assert {f"minlint/data/schemas/{name}" for name in schemas} <= names
    assert "minlint/py.typed" in names


@pytest.mark.slow
def test_minlint_check_works_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    install = run_python("-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel))
    assert install.returncode == 0, install.stderr
    project = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "violations", project)
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = run_python("-c", "import minlint; print(minlint.__file__)", cwd=project, env=env, check=True)
    assert Path(where.stdout.strip()).is_relative_to(site)
    script = site / "bin" / "minlint"
    result = run_python(str(script), "check", "--format", "json", ".", cwd=project, env=env)
    assert result.returncode == 1, result.stderr
    assert '"rule": "ML009"' in result.stdout
    assert result.stderr == ""
