"""``minlint dsr`` through the installed command: formats, ``--output``, exit codes, broken projects."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.conftest import REPO, RunMinlint, WriteProject
from tests.dsr import PLAN, REGISTRY

BAD_CONFIG = "ignore: [ML999]\n"


def _copy_storefront(folder: Path) -> Path:
    target = folder / "storefront"
    shutil.copytree(REPO / "examples" / "storefront", target, ignore=shutil.ignore_patterns(".minlint_cache"))
    return target


def test_help_lists_the_formats_and_output(run_minlint: RunMinlint) -> None:
    result = run_minlint("dsr", "--help")
    assert result.returncode == 0, result.stderr
    assert "--format [markdown|json]" in result.stdout
    assert "-o, --output FILE" in result.stdout
    assert "data-subject request" in result.stdout


def test_gaps_do_not_fail_the_runbook(run_minlint: RunMinlint) -> None:
    result = run_minlint("dsr", "examples/violations", cwd=REPO)
    assert result.returncode == 0, result.stderr  # a report, not a gate
    assert result.stderr == ""
    gaps = result.stdout.split("## Gaps\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(gaps) == 8 and all(line.startswith("- `") for line in gaps)
    as_json = run_minlint("dsr", "examples/violations", "--format", "json", cwd=REPO)
    assert as_json.returncode == 0, as_json.stderr
    assert [gap["kind"] for gap in json.loads(as_json.stdout)["gaps"]] == [
        "uncategorised",
        "uncategorised",
        "no-subject-id",
        "uncategorised",
        "no-export",
        "no-erasure",
        "no-export",
        "uncategorised",
    ]


def test_markdown_is_the_default_and_md_is_short_for_it(run_minlint: RunMinlint) -> None:
    default = run_minlint("dsr", "examples/storefront", cwd=REPO)
    short = run_minlint("dsr", "examples/storefront", "--format", "md", cwd=REPO)
    long = run_minlint("dsr", "examples/storefront", "--format", "markdown", cwd=REPO)
    for result in (default, short, long):
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    assert default.stdout.startswith("# Data-subject request runbook: storefront\n")
    assert short.stdout == long.stdout == default.stdout


def test_json_goes_to_stdout(run_minlint: RunMinlint) -> None:
    result = run_minlint("dsr", "examples/storefront", "--format", "json", cwd=REPO)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert [store["name"] for store in document["stores"]] == ["storefront-app", "storefront-web"]


def test_output_is_written_atomically_creating_its_folder(run_minlint: RunMinlint, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "deep" / "runbook.md"
    result = run_minlint("dsr", "examples/storefront", "--output", str(target), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    printed = run_minlint("dsr", "examples/storefront", cwd=REPO).stdout
    assert target.read_text(encoding="utf-8") == printed
    # Written again: the file is replaced, not rewritten in place (a hard link to the old one keeps it).
    target.write_text("old", encoding="utf-8")
    os.link(target, tmp_path / "old-link")
    again = run_minlint("dsr", "examples/storefront", "-o", str(target), "--format", "json", cwd=REPO)
    assert again.returncode == 0, again.stderr
    assert again.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["generated_from"] == "storefront"
    assert (tmp_path / "old-link").read_text(encoding="utf-8") == "old"
    assert [path.name for path in target.parent.iterdir()] == ["runbook.md"]  # no temporary file left


def test_an_unwritable_output_is_exit_two(run_minlint: RunMinlint, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = run_minlint("dsr", "examples/storefront", "-o", str(blocker / "runbook.md"), cwd=REPO)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"minlint: error: cannot write {blocker / 'runbook.md'}: ")


def test_an_unknown_format_is_a_usage_error(run_minlint: RunMinlint, tmp_path: Path) -> None:
    target = tmp_path / "runbook.pdf"
    result = run_minlint("dsr", "examples/storefront", "--format", "pdf", "-o", str(target), cwd=REPO)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "pdf" in line]
    assert errors == ["Error: Invalid value for '--format': 'pdf' is not one of 'json', 'markdown', 'md'."]
    assert not target.exists()


def test_a_missing_path_is_exit_two_and_writes_nothing(run_minlint: RunMinlint, tmp_path: Path) -> None:
    target = tmp_path / "out" / "runbook.md"
    result = run_minlint("dsr", "examples/storefront", "nowhere", "-o", str(target), cwd=REPO)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "minlint: error: nowhere: no such file or folder"
    # Then why nothing was written (as `minlint inventory` and `minlint notice` say it).
    assert lines[1:] == ["minlint: error: runbook not written: some paths could not be read"]
    assert not target.parent.exists()


def test_a_bad_configuration_is_exit_two(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project({".minlint.yaml": BAD_CONFIG, "plan.yaml": PLAN})
    result = run_minlint("dsr", cwd=folder)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no rule is called `ML999`" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_yaml_file_does_not_stop_the_runbook(run_minlint: RunMinlint, tmp_path: Path) -> None:
    project = _copy_storefront(tmp_path)
    (project / "broken.yaml").write_text("minlint: 1\nkind: tracking-plan\nname: [oops\n  bad: : :\n", "utf-8")
    (project / "binary.yaml").write_bytes(b"\xff\xfe\x00minlint: 1\n\x00")
    target = tmp_path / "out" / "runbook.json"
    result = run_minlint("dsr", "storefront", "--format", "json", "-o", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [store["name"] for store in document["stores"]] == ["storefront-app", "storefront-web"]
    assert document["gaps"] == []


def test_project_options_apply(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project(
        {"plan.yaml": PLAN, "recipients.yaml": REGISTRY, "extra/other.yaml": PLAN.replace("web", "app")}
    )
    every = json.loads(run_minlint("dsr", "--format", "json", cwd=folder).stdout)
    assert sorted(store["name"] for store in every["stores"]) == ["app", "web"]
    result = run_minlint("dsr", "--format", "json", "--exclude", "extra/**", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert [store["name"] for store in json.loads(result.stdout)["stores"]] == ["web"]


def test_the_runbook_writes_no_cache(run_minlint: RunMinlint, tmp_path: Path) -> None:
    project = _copy_storefront(tmp_path)
    result = run_minlint("dsr", "storefront", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (project / ".minlint_cache").exists()
