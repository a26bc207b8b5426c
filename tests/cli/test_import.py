"""`minlint import` through the real command line: every corpus format, round trips, --force."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, RunMinlint
from tests.helpers import assert_matches_golden

CORPUS = REPO / "tests" / "data" / "corpus"
GOLDEN = REPO / "tests" / "golden"
FORMATS = {"rudderstack": "rudderstack", "segment": "segment-typewriter", "snowplow": "snowplow-iglu-central"}


def corpus_copy(tmp_path: Path, folder: str) -> Path:
    """A copy of a corpus folder as ``tmp_path/plans``, without declarations files (nothing declared)."""
    target = tmp_path / "plans"
    shutil.copytree(CORPUS / folder, target)
    for declarations in target.rglob("*.declarations.yaml"):
        declarations.unlink()
    return target


def missing_purposes(run_minlint: RunMinlint, path: str, cwd: Path) -> set[str]:
    """The references of the fields ML001 reports under ``path``."""
    result = run_minlint("check", "--no-cache", "--select", "ML001", "--format", "json", path, cwd=cwd)
    report = json.loads(result.stdout)
    refs = {finding["target"] for finding in report["findings"]}
    assert refs
    return refs


def plans_of(folder: Path) -> set[str]:
    """The plan names of the minlint plans in ``folder``."""
    names = set()
    for path in folder.glob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("name: "):
                names.add(json.loads(line[6:]) if line[6:].startswith('"') else line[6:])
    return names


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_import_writes_valid_plans_that_round_trip_every_field(
    name: str, tmp_path: Path, run_minlint: RunMinlint
) -> None:
    corpus_copy(tmp_path, FORMATS[name])
    result = run_minlint("import", "plans", "--output", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == len(list((tmp_path / "out").glob("*.yaml")))
    valid = run_minlint("check", "--no-cache", "--select", "ML902", "out", cwd=tmp_path)
    assert valid.returncode == 0, valid.stdout
    assert missing_purposes(run_minlint, "out", tmp_path) == missing_purposes(run_minlint, "plans", tmp_path)
    first = sorted((tmp_path / "out").glob("*.yaml"))[0]
    assert_matches_golden(first.read_text(encoding="utf-8"), GOLDEN / f"import-{name}.yaml")


def test_import_marks_guessed_categories_and_invents_no_declarations(tmp_path: Path, run_minlint: RunMinlint) -> None:
    corpus_copy(tmp_path, FORMATS["rudderstack"])
    assert run_minlint("import", "plans", "-o", "out", cwd=tmp_path).returncode == 0
    text = "\n".join(path.read_text(encoding="utf-8") for path in (tmp_path / "out").glob("*.yaml"))
    assert "category: user.contact.email  # guessed from `format: email`; check it" in text
    assert "# guessed from the name; check it" in text
    for word in ("purpose:", "basis:", "retention:"):
        assert word not in text


def test_import_refuses_to_overwrite_without_force_and_writes_nothing(tmp_path: Path, run_minlint: RunMinlint) -> None:
    corpus_copy(tmp_path, FORMATS["rudderstack"])
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "app-tracking.yaml").write_text("mine\n", encoding="utf-8")
    refused = run_minlint("import", "plans", "-o", "out", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "--force" in refused.stderr
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["app-tracking.yaml"]
    assert (tmp_path / "out" / "app-tracking.yaml").read_text(encoding="utf-8") == "mine\n"
    forced = run_minlint("import", "plans", "-o", "out", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "out" / "app-tracking.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_import_of_a_missing_path_says_so_in_error_lines_and_exits_2(tmp_path: Path, run_minlint: RunMinlint) -> None:
    result = run_minlint("import", "nowhere", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert all(line.startswith("minlint: error: ") for line in result.stderr.splitlines())
    assert "nowhere: no such file or folder" in result.stderr
    assert not (tmp_path / "out").exists()


def test_import_keeps_the_plan_names(tmp_path: Path, run_minlint: RunMinlint) -> None:
    corpus_copy(tmp_path, FORMATS["segment"])
    assert run_minlint("import", "plans", "-o", "out", cwd=tmp_path).returncode == 0
    assert plans_of(tmp_path / "out") == {"Typewriter Tracking Plan", "Typewriter: Standard Example"}
