"""The contract users rely on: exit codes, no tracebacks, deterministic output, safe writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, RunMinlint

CRASH = """\
import minlint.run

def boom(*args, **kwargs):
    raise RuntimeError("injected failure\\nsecond line")

minlint.run.analyse = boom
"""

# Makes every atomic replace/link fail the way a full disk would, after the temporary file is written.
DISK_FULL = """\
import errno, os

def full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")

os.replace = full
os.link = full
"""


def inject(tmp_path: Path, code: str) -> dict[str, str]:
    folder = tmp_path / "inject"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(code, encoding="utf-8")
    return {"PYTHONPATH": str(folder)}


def test_an_internal_error_is_exit_two_with_one_line_and_no_traceback(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("check", "examples/storefront", cwd=REPO, env=inject(tmp_path, CRASH))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("minlint: internal error: RuntimeError: injected failure — this is a bug in minlint ")
    assert "please report it at https://github.com/minlint/minlint/issues" in line
    assert "--debug" in line


@pytest.mark.parametrize("how", [("--debug",), ()], ids=["--debug", "MINLINT_DEBUG"])
def test_debug_shows_the_traceback(run_minlint: RunMinlint, tmp_path: Path, how: tuple[str, ...]) -> None:
    env = inject(tmp_path, CRASH)
    if not how:
        env["MINLINT_DEBUG"] = "1"
    result = run_minlint(*how, "check", "examples/storefront", cwd=REPO, env=env)
    assert result.returncode == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("minlint: internal error:")


def test_every_command_turns_an_internal_error_into_exit_two(run_minlint: RunMinlint, tmp_path: Path) -> None:
    env = inject(tmp_path, CRASH)
    for command in (["check"], ["baseline"], ["suppressions"], ["inventory"]):
        result = run_minlint(*command, "examples/storefront", cwd=REPO, env=env)
        assert result.returncode == 2, command
        assert "Traceback" not in result.stderr
        assert "internal error" in result.stderr


# -- determinism ---------------------------------------------------------------------------------

FORMATS = ["text", "json", "sarif", "junit", "github", "gitlab"]


def copy_in_order(source: Path, target: Path, reverse: bool) -> None:
    """Copy a folder creating files in a chosen order (directory listing order follows creation on many
    file systems), with different modification times."""
    files = sorted(path for path in source.rglob("*") if path.is_file())
    for index, path in enumerate(reversed(files) if reverse else files):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        os.utime(destination, (1_700_000_000 + index, 1_700_000_000 + index))


@pytest.mark.slow
@pytest.mark.parametrize("output_format", FORMATS)
def test_output_is_byte_identical_whatever_the_hash_seed_and_file_order(
    run_minlint: RunMinlint, tmp_path: Path, output_format: str
) -> None:
    outputs = set()
    for seed, reverse in (("0", False), ("1", True), ("4242", False), ("random", True)):
        folder = tmp_path / f"copy-{seed}"
        copy_in_order(REPO / "examples" / "violations", folder / "violations", reverse)
        result = run_minlint("check", "violations", "--format", output_format, cwd=folder, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 1, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["markdown", "json", "csv", "html"])
def test_inventory_is_byte_identical_whatever_the_hash_seed(
    run_minlint: RunMinlint, tmp_path: Path, output_format: str
) -> None:
    outputs = {
        run_minlint(
            "inventory", "examples/storefront", "--format", output_format, cwd=REPO, env={"PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("0", "1", "random")
    }
    assert len(outputs) == 1


# -- writes: atomic, and never over a file without being asked -------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*.tmp"))


def test_a_failed_output_write_leaves_the_old_file_intact(run_minlint: RunMinlint, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "violations", project)
    report = project / "report.json"
    report.write_text("previous report\n", encoding="utf-8")
    result = run_minlint(
        "check", "--output", "report.json", "--format", "json", cwd=project, env=inject(tmp_path, DISK_FULL)
    )
    assert result.returncode == 2
    assert result.stderr == "minlint: error: cannot write report.json: no space left on device\n"
    assert report.read_text(encoding="utf-8") == "previous report\n"
    assert leftovers(project) == []


def test_a_failed_baseline_write_leaves_the_old_baseline_intact(run_minlint: RunMinlint, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "violations", project)
    (project / ".minlint-baseline.json").write_text('{"version": 1, "findings": []}\n', encoding="utf-8")
    result = run_minlint("baseline", "--update", cwd=project, env=inject(tmp_path, DISK_FULL))
    assert result.returncode == 2
    assert "no space left on device" in result.stderr
    assert (project / ".minlint-baseline.json").read_text(encoding="utf-8") == '{"version": 1, "findings": []}\n'
    assert leftovers(project) == []


def test_a_failed_init_write_creates_no_partial_files(run_minlint: RunMinlint, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    result = run_minlint("init", "--yes", cwd=project, env=inject(tmp_path, DISK_FULL))
    assert result.returncode == 2
    assert "no space left on device" in result.stderr
    assert [path for path in project.rglob("*") if path.is_file()] == []


def project_files(project: Path) -> dict[Path, bytes]:
    """Every file of ``project`` outside minlint's cache folder, with its bytes."""
    return {
        path: path.read_bytes()
        for path in project.rglob("*")
        if path.is_file() and ".minlint_cache" not in path.relative_to(project).parts
    }


def test_check_writes_nothing_in_the_project_but_its_git_ignored_cache(run_minlint: RunMinlint, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "violations", project)
    before = project_files(project)
    for output_format in FORMATS:
        run_minlint("check", "--format", output_format, cwd=project)
    assert project_files(project) == before
    assert (project / ".minlint_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_check_with_no_cache_writes_nothing_at_all(run_minlint: RunMinlint, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "violations", project)
    before = sorted(project.rglob("*"))
    for output_format in FORMATS:
        run_minlint("check", "--no-cache", "--format", output_format, cwd=project)
    assert sorted(project.rglob("*")) == before
