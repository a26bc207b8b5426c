"""The pre-commit hook and the GitHub Action, run for real.

The hook is exercised with the real ``pre-commit`` program (``pre-commit try-repo`` against this
repository), once on a clean commit and once on a violating one. The Action's own shell step is
extracted from ``action.yml`` and run with the environment GitHub would give it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, minlint_executable

CLEAN = """\
minlint: 1
kind: tracking-plan
name: web
defaults: {purpose: analytics.reporting, basis: legitimate_interests, retention: P13M, category: none}
events:
  Page Viewed:
    properties:
      path: {type: string}
"""
VIOLATING = CLEAN.replace(
    "      path: {type: string}", "      path: {type: string}\n      cart_value: {type: number, retention: forever}"
)
REGISTRY = "minlint: 1\nkind: purposes\npurposes:\n  analytics.reporting: {bases: [legitimate_interests]}\n"
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env={**os.environ, **GIT_ENV},
    )


def make_repo(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "init")
    return folder


# -- the GitHub Action ----------------------------------------------------------------------------


def action_script() -> tuple[str, dict[str, str]]:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    step = next(step for step in action["runs"]["steps"] if step.get("id") == "minlint")
    return step["run"], step["env"]


def run_action(cwd: Path, tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    script, env_spec = action_script()
    assert set(env_spec) == {"MINLINT_PATHS", "MINLINT_FAIL_ON", "MINLINT_NEW_SINCE", "MINLINT_SARIF"}
    outputs = tmp_path / "github_output"
    outputs.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        **GIT_ENV,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(outputs),
        "MINLINT_PATHS": inputs.get("paths", ""),
        "MINLINT_FAIL_ON": inputs.get("fail_on", "error"),
        "MINLINT_NEW_SINCE": inputs.get("new_since", ""),
        "MINLINT_SARIF": inputs.get("sarif", "minlint.sarif"),
    }
    result = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    values = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if "=" in line)
    return result, values


def test_action_passes_a_clean_project_and_writes_sarif(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"plan.yaml": CLEAN})
    result, outputs = run_action(repo, tmp_path)
    assert result.returncode == 0, result.stderr
    assert outputs == {"sarif-file": "minlint.sarif", "exit-code": "0"}
    sarif = json.loads((repo / "minlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"] == []


def test_action_fails_on_findings_with_sarif_and_annotations(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"plan.yaml": VIOLATING})
    result, outputs = run_action(repo, tmp_path, paths="plan.yaml", sarif="out/report.sarif")
    assert result.returncode == 1
    assert outputs["exit-code"] == "1"
    assert "::error file=plan.yaml,line=9,col=" in result.stdout
    assert "title=ML007 indefinite-retention" in result.stdout
    sarif_path = repo / "out" / "report.sarif"
    rules = [item["ruleId"] for item in json.loads(sarif_path.read_text(encoding="utf-8"))["runs"][0]["results"]]
    assert "ML007" in rules


def test_action_fail_on_warning_and_new_since(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"plan.yaml": VIOLATING})
    (repo / "plan.yaml").write_text(VIOLATING + "      email_hash: {type: string}\n", encoding="utf-8")
    result, outputs = run_action(repo, tmp_path, new_since="HEAD", fail_on="warning")
    assert outputs["exit-code"] == "1"
    assert "ML007" not in result.stdout  # not new since HEAD
    assert "::warning file=plan.yaml,line=10" in result.stdout  # the new field's ML101


def test_action_inputs_cannot_inject_shell_commands(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"plan.yaml": CLEAN})
    result, outputs = run_action(repo, tmp_path, paths="$(touch pwned) `touch pwned2`", new_since="")
    assert not (repo / "pwned").exists()
    assert not (repo / "pwned2").exists()
    assert result.returncode == 2  # those "paths" do not exist
    assert outputs["exit-code"] == "2"
    assert "::" not in result.stdout


# -- the pre-commit hook ----------------------------------------------------------------------------

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")


def hook_definition() -> dict[str, object]:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hook, dict)
    return hook


def test_hook_definition_runs_on_yaml_files_serially() -> None:
    hook = hook_definition()
    assert hook["id"] == "minlint"
    assert hook["entry"] == "minlint check"
    assert hook["language"] == "python"
    assert hook["types"] == ["text"]
    files = re.compile(str(hook["files"]))
    for name in ("plan.yaml", "a/b.yml", "tracking-plan.json", "schemas/com.acme/x/jsonschema/1-0-2"):
        assert files.search(name), name
    for name in ("README.md", "jsonschema/notes", "setup.py"):
        assert not files.search(name), name
    assert hook["require_serial"] is True


@pytest.mark.slow
@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (it is in the test extra)")
def test_pre_commit_try_repo_passes_a_clean_commit_and_fails_a_violating_one(tmp_path: Path) -> None:
    assert PRE_COMMIT is not None
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    project = make_repo(
        tmp_path / "project",
        {
            "purposes.yaml": REGISTRY,
            "plan.yaml": CLEAN,
            "docker-compose.yml": "services: {web: {image: nginx}}\n",
        },
    )

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(REPO), "minlint", "--all-files"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "minlint" in clean.stdout and "Passed" in clean.stdout

    (project / "plan.yaml").write_text(VIOLATING.replace("analytics.reporting", "analytics.reportng"), encoding="utf-8")
    git(project, "add", "plan.yaml")
    git(project, "commit", "-q", "-m", "violate")
    failing = try_repo()
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "Failed" in failing.stdout
    assert "plan.yaml:9:45  ML007 indefinite-retention" in failing.stdout
    assert "ML004 unknown-purpose" in failing.stdout  # the registry in purposes.yaml was in view


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (it is in the test extra)")
def test_the_configuration_init_writes_runs_under_pre_commit(tmp_path: Path) -> None:
    assert PRE_COMMIT is not None
    minlint = Path(minlint_executable())
    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PATH": f"{minlint.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    subprocess.run(
        [str(minlint), "init", "--yes", "--pre-commit"], cwd=project, env=env, check=True, capture_output=True
    )
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert all("rev" not in repo or repo["rev"] != "v0.1.0" for repo in config["repos"])
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "init")

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PRE_COMMIT, "run", "--all-files"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    clean = run()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    plan = project / "specs" / "tracking-plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "  retention: P13M\n" in text
    plan.write_text(text.replace("  retention: P13M\n", "  retention: forever\n"), encoding="utf-8")
    failing = run()
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "ML007 indefinite-retention" in failing.stdout
