"""``minlint inventory``: formats, ``--output``, exit codes — in-process, and through the installed command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minlint.commands.inventory import run_inventory
from minlint.inventory import RENDERERS
from minlint.run.request import Request
from tests.conftest import REPO, RunMinlint, WriteProject
from tests.inventory.conftest import command_registered

needs_command = pytest.mark.skipif(
    not command_registered(), reason="`minlint inventory` is not registered in minlint/cli.py yet"
)
BAD_CONFIG = "ignore: [ML999]\n"


# -- in-process: run_inventory ----------------------------------------------------------------------
@pytest.mark.parametrize("output_format", sorted(RENDERERS))
def test_every_format_goes_to_stdout_as_utf8(
    output_format: str, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    assert run_inventory(Request(paths=("examples/storefront",)), output_format, None) == 0
    captured = capsysbinary.readouterr()
    assert captured.err == b""
    text = captured.out.decode("utf-8")
    assert "traits.email" in text and "marketing.communications.email" in text


def test_findings_do_not_fail_the_inventory(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    assert run_inventory(Request(paths=("examples/violations",)), "json", None) == 0
    document = json.loads(capsysbinary.readouterr().out)
    assert document["summary"]["findings"] == 45


def test_output_is_written_atomically_creating_the_folder(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    target = tmp_path / "reports" / "deep" / "inventory.html"
    assert run_inventory(Request(paths=("examples/storefront",)), "html", str(target)) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert capsysbinary.readouterr().out == b""
    target.write_text("old", encoding="utf-8")
    assert run_inventory(Request(paths=("examples/storefront",)), "csv", str(target)) == 0  # replaces
    assert target.read_text(encoding="utf-8").startswith("file,line,plan,ref")
    assert sorted(path.name for path in target.parent.iterdir()) == ["inventory.html"]  # no temporary left


def test_unwritable_output_is_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert run_inventory(Request(paths=("examples/storefront",)), "json", str(blocker / "inventory.json")) == 2
    assert "minlint: error: cannot write" in capsys.readouterr().err


def test_missing_path_is_exit_two(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert run_inventory(Request(paths=("examples/nowhere",)), "markdown", None) == 2
    captured = capsys.readouterr()
    assert "minlint: error: examples/nowhere: no such file or folder" in captured.err
    assert captured.out == ""


def test_bad_configuration_is_exit_two(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(write_project({".minlint.yaml": BAD_CONFIG}))
    assert run_inventory(Request(), "markdown", None) == 2
    assert "no rule is called `ML999`" in capsys.readouterr().err


def test_a_project_without_fields_renders_in_every_format(
    write_project: WriteProject, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(write_project({"notes.yaml": "just: yaml\n"}))
    for output_format in sorted(RENDERERS):
        assert run_inventory(Request(), output_format, None) == 0
        assert capsysbinary.readouterr().out
    assert run_inventory(Request(), "json", None) == 0
    assert json.loads(capsysbinary.readouterr().out)["fields"] == []


def test_unknown_format_is_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_inventory(Request(), "pdf", None) == 2
    assert "unknown inventory format `pdf`" in capsys.readouterr().err


# -- the installed command ---------------------------------------------------------------------------
@needs_command
def test_cli_help_lists_the_formats(run_minlint: RunMinlint) -> None:
    result = run_minlint("inventory", "--help")
    assert result.returncode == 0
    for name in RENDERERS:
        assert name in result.stdout
    assert "--output" in result.stdout


@needs_command
@pytest.mark.parametrize("output_format", sorted(RENDERERS))
def test_cli_prints_each_format(run_minlint: RunMinlint, output_format: str) -> None:
    result = run_minlint("inventory", "examples/violations", "--format", output_format, cwd=REPO)
    assert result.returncode == 0, result.stderr  # a report, not a gate
    assert result.stderr == ""
    assert "traits.blood_type" in result.stdout


@needs_command
def test_cli_writes_output_file(run_minlint: RunMinlint, tmp_path: Path) -> None:
    target = tmp_path / "out" / "inventory.md"
    result = run_minlint("inventory", "examples/storefront", "--format", "markdown", "--output", str(target), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "```mermaid" in target.read_text(encoding="utf-8")


@needs_command
def test_cli_errors_are_exit_two(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    assert run_minlint("inventory", "nowhere", cwd=REPO).returncode == 2
    assert run_minlint("inventory", "--format", "pdf", cwd=REPO).returncode == 2  # click refuses the choice
    result = run_minlint("inventory", cwd=write_project({".minlint.yaml": BAD_CONFIG}))
    assert result.returncode == 2
    assert "no rule is called `ML999`" in result.stderr


@needs_command
def test_cli_project_options_apply(run_minlint: RunMinlint) -> None:
    result = run_minlint("inventory", "examples/violations", "--format", "json", "--select", "ML001", cwd=REPO)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    # Files that cannot be read as specs (ML901 to ML903) are reported whatever the selection.
    assert [item["rule"] for item in document["summary"]["findings_by_rule"]] == ["ML001", "ML901", "ML902", "ML903"]


@needs_command
def test_the_inventory_writes_no_cache(run_minlint: RunMinlint, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(
        REPO / "examples" / "storefront", tmp_path / "storefront", ignore=shutil.ignore_patterns(".minlint_cache")
    )
    result = run_minlint("inventory", "storefront", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "storefront" / ".minlint_cache").exists()
