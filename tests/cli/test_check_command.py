"""``minlint check`` through the installed entry point, as users and CI run it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import REPO, RunMinlint, WriteProject
from tests.helpers import run_python

CLEAN_PLAN = """\
minlint: 1
kind: tracking-plan
name: web
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M}
events:
  Page Viewed:
    properties:
      path: {type: string}
"""
MISSING_PURPOSE = """\
minlint: 1
kind: tracking-plan
name: web
defaults: {basis: legitimate_interests, retention: P13M}
events:
  Page Viewed:
    properties:
      path: {type: string}
"""


def test_version_prints_the_package_version(run_minlint: RunMinlint) -> None:
    from minlint import __version__

    result = run_minlint("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"minlint {__version__}"


def test_python_dash_m_runs_the_same_command() -> None:
    result = run_python("-m", "minlint", "check", "examples/storefront", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "No findings" in result.stdout


def test_clean_project_exits_zero(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project({"plan.yaml": CLEAN_PLAN})
    result = run_minlint("check", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings in 1 spec file, 1 field." in result.stdout
    assert result.stderr == ""


def test_findings_exit_one_and_name_file_line_and_column(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project({"specs/plan.yaml": MISSING_PURPOSE})
    result = run_minlint("check", cwd=folder)
    assert result.returncode == 1
    assert "specs/plan.yaml:8:7  ML001 missing-purpose  field `Page Viewed.path` declares no purpose" in result.stdout
    assert "[minlint explain ML001]" in result.stdout
    assert "1 error" in result.stdout


def test_default_path_is_the_current_folder_and_named_paths_work(
    run_minlint: RunMinlint, write_project: WriteProject
) -> None:
    folder = write_project({"a/plan.yaml": MISSING_PURPOSE, "b/plan.yaml": CLEAN_PLAN})
    assert run_minlint("check", "b", cwd=folder).returncode == 0
    assert run_minlint("check", "a/plan.yaml", cwd=folder).returncode == 1
    assert run_minlint("check", cwd=folder / "b").returncode == 0


def test_json_format_matches_the_documented_shape(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project({"plan.yaml": MISSING_PURPOSE})
    result = run_minlint("check", "--format", "json", cwd=folder)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document == {
        "version": 1,
        "findings": [
            {
                "rule": "ML001",
                "name": "missing-purpose",
                "severity": "error",
                "path": "plan.yaml",
                "line": 8,
                "column": 7,
                "target": "Page Viewed.path",
                "message": "field `Page Viewed.path` declares no purpose",
            }
        ],
        "summary": {"files": 1, "fields": 1, "errors": 1, "warnings": 0, "infos": 0},
    }


def test_paths_outside_the_current_folder_are_absolute(
    run_minlint: RunMinlint, write_project: WriteProject, tmp_path: Path
) -> None:
    folder = write_project({"project/plan.yaml": MISSING_PURPOSE, "elsewhere/.keep": ""})
    result = run_minlint("check", "--format", "json", str(folder / "project"), cwd=folder / "elsewhere")
    path = json.loads(result.stdout)["findings"][0]["path"]
    assert path == (folder / "project" / "plan.yaml").as_posix()


def test_fail_on_sets_the_threshold(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project({"plan.yaml": MISSING_PURPOSE})
    assert run_minlint("check", "--fail-on", "error", cwd=folder).returncode == 1
    assert run_minlint("check", "--fail-on", "info", cwd=folder).returncode == 1
    bad_choice = run_minlint("check", "--fail-on", "fatal", cwd=folder)
    assert bad_choice.returncode == 2
    assert "Invalid value for '--fail-on'" in bad_choice.stderr


def test_missing_path_is_a_usage_error_with_one_clear_line(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("check", "no/such/place.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "minlint: error: no/such/place.yaml: no such file or folder\n"


def test_unknown_option_and_format_are_usage_errors(run_minlint: RunMinlint, tmp_path: Path) -> None:
    assert run_minlint("check", "--frobnicate", cwd=tmp_path).returncode == 2
    result = run_minlint("check", "--format", "xml", cwd=tmp_path)
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr
    assert "Traceback" not in result.stderr


def test_non_spec_yaml_files_are_skipped_silently(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project(
        {
            "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
            ".github/workflows/ci.yml": "on: push\njobs: {}\n",
            "broken-other.yaml": "a: [unclosed\n",
            "plan.yaml": CLEAN_PLAN,
        }
    )
    result = run_minlint("check", cwd=folder)
    assert result.returncode == 0
    assert "(2 other YAML files skipped: not minlint specs)" in result.stdout


def test_hidden_and_vendored_folders_are_not_walked(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project(
        {
            "node_modules/pkg/plan.yaml": MISSING_PURPOSE,
            "dbt_packages/pkg/plan.yaml": MISSING_PURPOSE,
            ".venv/plan.yaml": MISSING_PURPOSE,
            ".hidden/plan.yaml": MISSING_PURPOSE,
            "plan.yaml": CLEAN_PLAN,
        }
    )
    assert run_minlint("check", cwd=folder).returncode == 0


def test_colour_only_on_request_and_never_with_no_color(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project({"plan.yaml": MISSING_PURPOSE})
    assert "\x1b[" not in run_minlint("check", cwd=folder).stdout  # not a terminal
    assert "\x1b[" in run_minlint("check", cwd=folder, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run_minlint("check", cwd=folder, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run_minlint("check", "--no-color", cwd=folder, env={"FORCE_COLOR": "1"}).stdout


def test_quiet_prints_findings_only(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project({"plan.yaml": MISSING_PURPOSE})
    result = run_minlint("check", "--quiet", cwd=folder)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "plan.yaml:8:7  ML001 missing-purpose  field `Page Viewed.path` declares no purpose"
    ]


def test_quiet_clean_run_prints_nothing(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project({"plan.yaml": CLEAN_PLAN})
    result = run_minlint("check", "-q", cwd=folder)
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_exit_two_not_a_silent_pass(run_minlint: RunMinlint, write_project: WriteProject) -> None:
    folder = write_project({"plan.yaml": CLEAN_PLAN, "locked.yaml": CLEAN_PLAN})
    (folder / "locked.yaml").chmod(0)
    result = run_minlint("check", cwd=folder)
    assert result.returncode == 2
    assert "locked.yaml: cannot read: permission denied" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(run_minlint: RunMinlint, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    named = run_minlint("check", "pipe.yaml", cwd=tmp_path)
    assert named.returncode == 2
    assert "not a regular file" in named.stderr
    walked = run_minlint("check", cwd=tmp_path)
    assert walked.returncode == 2


def test_explain_prints_the_rules_documentation(run_minlint: RunMinlint) -> None:
    result = run_minlint("explain", "ML003")
    assert result.returncode == 0
    assert result.stdout.startswith("# ML003 `missing-retention`")
    assert "Art. 5(1)(e)" in result.stdout
    assert run_minlint("explain", "missing-retention").stdout == result.stdout


def test_explain_unknown_rule_suggests_close_names(run_minlint: RunMinlint) -> None:
    result = run_minlint("explain", "missing-purpos")
    assert result.returncode == 2
    assert "did you mean missing-purpose" in result.stderr
