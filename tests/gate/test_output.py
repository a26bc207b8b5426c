"""``minlint check --output FILE``: the report written whole, atomically, or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from minlint.fileio import write_atomic
from tests.conftest import RunMinlint
from tests.gate.support import NO_PURPOSE, NO_RETENTION, exit_2_error, plan, write


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write(tmp_path, {".minlint.yaml": "", "web.yaml": plan(nopurpose=NO_PURPOSE, noretention=NO_RETENTION)})


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_output_file_holds_exactly_what_stdout_would_show(
    project: Path, run_minlint: RunMinlint, output_format: str
) -> None:
    shown = run_minlint("check", "--format", output_format, cwd=project)
    written = run_minlint("check", "--format", output_format, "--output", "report.out", cwd=project)
    assert (shown.returncode, written.returncode) == (1, 1)
    assert (written.stdout, written.stderr) == ("", "")
    assert (project / "report.out").read_text(encoding="utf-8") == shown.stdout
    assert leftovers(project) == []


def test_output_replaces_an_existing_file(project: Path, run_minlint: RunMinlint) -> None:
    (project / "report.txt").write_text("an older and much longer report\n" * 200, encoding="utf-8")
    result = run_minlint("check", "-o", "report.txt", "--quiet", cwd=project)
    assert result.returncode == 1
    text = (project / "report.txt").read_text(encoding="utf-8")
    assert text.splitlines() == [
        "web.yaml:6:3  ML001 missing-purpose  field `traits.nopurpose` declares no purpose",
        "web.yaml:7:3  ML003 missing-retention  field `traits.noretention` declares no retention limit",
    ]
    assert leftovers(project) == []


def test_output_into_a_missing_folder_creates_it_and_writes_the_whole_report(
    project: Path, run_minlint: RunMinlint
) -> None:
    """Like ``ruff --output-file``: the folder is created, the report written whole, nothing left over."""
    shown = run_minlint("check", "--format", "json", cwd=project)
    result = run_minlint("check", "--output", "reports/report.json", "--format", "json", cwd=project)
    assert result.stdout == ""
    assert result.returncode == 1
    assert result.stderr == ""
    assert [path.name for path in (project / "reports").iterdir()] == ["report.json"]
    assert (project / "reports" / "report.json").read_text(encoding="utf-8") == shown.stdout
    assert leftovers(project) == []


def test_output_below_a_file_exits_2_with_one_line_and_writes_nothing(project: Path, run_minlint: RunMinlint) -> None:
    before = {path.name: path.read_bytes() for path in project.iterdir()}
    arguments = ("--no-cache", "--output", "web.yaml/report.json", "--format", "json")
    assert exit_2_error(run_minlint, "check", *arguments, cwd=project).startswith("cannot write web.yaml/report.json: ")
    assert {path.name: path.read_bytes() for path in project.iterdir()} == before


def test_output_onto_a_folder_exits_2_and_leaves_it_alone(project: Path, run_minlint: RunMinlint) -> None:
    (project / "report").mkdir()
    (project / "report" / "keep.txt").write_text("keep\n", encoding="utf-8")
    assert exit_2_error(run_minlint, "check", "--output", "report", cwd=project).startswith("cannot write report: ")
    assert [path.name for path in (project / "report").iterdir()] == ["keep.txt"]
    assert leftovers(project) == []


def test_no_report_is_written_when_the_configuration_is_invalid(project: Path, run_minlint: RunMinlint) -> None:
    (project / "report.txt").write_text("previous\n", encoding="utf-8")
    write(project, {".minlint.yaml": "selct: [ML001]\n"})
    result = run_minlint("check", "--output", "report.txt", cwd=project)
    assert result.returncode == 2
    assert (project / "report.txt").read_text(encoding="utf-8") == "previous\n"


def test_a_failed_write_leaves_the_previous_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("previous\n", encoding="utf-8")

    def full_disk(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new report\n" * 1000, overwrite=True)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [path.name for path in tmp_path.iterdir()] == ["report.txt"]
