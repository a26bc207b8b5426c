"""The baseline end to end: ``minlint baseline`` writes it, ``minlint check`` reports only what is not in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.gate.support import NO_PURPOSE, NO_RETENTION, OK, check_json, exit_2_error, found, plan, write

BASELINE = ".minlint-baseline.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        {
            ".minlint.yaml": "",
            "specs/web.yaml": plan(nopurpose=NO_PURPOSE, noretention=NO_RETENTION, ok=OK),  # ML001 6, ML003 7
            "specs/sub/app.yaml": plan(name="app", nopurpose=NO_PURPOSE),  # ML001 6
        },
    )


def baseline(run_minlint: RunMinlint, cwd: Path, *args: str) -> str:
    result = run_minlint("baseline", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_baseline_writes_a_sorted_root_relative_file_and_check_then_passes(
    project: Path, run_minlint: RunMinlint
) -> None:
    assert baseline(run_minlint, project) == f"Wrote 3 findings to {BASELINE}.\n"
    text = (project / BASELINE).read_text(encoding="utf-8")
    document = json.loads(text)
    assert set(document) == {"version", "tool", "findings"}  # no timestamp, nothing machine-specific
    assert (document["version"], document["tool"]) == (1, "minlint")
    assert [(entry["path"], entry["rule"], entry["target"]) for entry in document["findings"]] == [
        ("specs/sub/app.yaml", "ML001", "traits.nopurpose"),
        ("specs/web.yaml", "ML001", "traits.nopurpose"),
        ("specs/web.yaml", "ML003", "traits.noretention"),
    ]
    for entry in document["findings"]:
        assert set(entry) == {"fingerprint", "rule", "path", "target", "message", "count"}  # no line number
        assert entry["count"] == 1
    assert str(project) not in text
    assert text.endswith("}\n")
    assert [path.name for path in project.iterdir() if path.name.startswith(f"{BASELINE}.")] == []  # no temp file

    result = run_minlint("check", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "No findings in 2 spec files, 4 fields." in result.stdout
    assert "3 findings silenced: 3 by the baseline." in result.stdout

    # Written again from the same findings, the file is identical byte for byte.
    baseline(run_minlint, project, "--update")
    assert (project / BASELINE).read_text(encoding="utf-8") == text


def test_baseline_refuses_to_overwrite_without_update(project: Path, run_minlint: RunMinlint) -> None:
    baseline(run_minlint, project)
    before = (project / BASELINE).read_bytes()
    write(project, {"specs/web.yaml": plan(nopurpose=NO_PURPOSE)})
    error = exit_2_error(run_minlint, "baseline", cwd=project)
    assert error == f"{BASELINE} already exists; use `minlint baseline --update` to replace it"
    assert (project / BASELINE).read_bytes() == before


def test_a_new_finding_after_baselining_is_reported_alone(project: Path, run_minlint: RunMinlint) -> None:
    baseline(run_minlint, project)
    write(project, {"specs/web.yaml": plan(nopurpose=NO_PURPOSE, noretention=NO_RETENTION, ok=OK, new=NO_PURPOSE)})
    code, document = check_json(run_minlint, cwd=project)
    assert code == 1
    assert found(document) == [("specs/web.yaml", 9, "ML001")]
    assert document["findings"][0]["target"] == "traits.new"


def test_an_unrelated_edit_that_moves_lines_keeps_baselined_findings_silenced(
    project: Path, run_minlint: RunMinlint
) -> None:
    baseline(run_minlint, project)
    header = "# Owned by the analytics team.\n# Reviewed 2026-05.\n\n"
    # Lines move down by three and the traits are reordered.
    write(project, {"specs/web.yaml": plan(header=header, ok=OK, noretention=NO_RETENTION, nopurpose=NO_PURPOSE)})
    result = run_minlint("check", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "3 findings silenced: 3 by the baseline." in result.stdout
    assert "no longer occur" not in result.stdout


def test_a_fixed_baselined_finding_is_counted_and_update_prunes_it(project: Path, run_minlint: RunMinlint) -> None:
    baseline(run_minlint, project)
    write(project, {"specs/web.yaml": plan(nopurpose=NO_PURPOSE, noretention=OK, ok=OK)})  # ML003 fixed
    result = run_minlint("check", cwd=project)
    assert result.returncode == 0
    assert (
        "1 baselined finding no longer occurs: run `minlint baseline --update` to prune the baseline." in result.stdout
    )
    assert baseline(run_minlint, project, "--update") == (
        f"Wrote 2 findings to {BASELINE} (1 fixed since the last baseline were pruned).\n"
    )
    rules = [(entry["path"], entry["rule"]) for entry in json.loads((project / BASELINE).read_text())["findings"]]
    assert rules == [("specs/sub/app.yaml", "ML001"), ("specs/web.yaml", "ML001")]
    assert "no longer occur" not in run_minlint("check", cwd=project).stdout


def test_repeated_identical_findings_are_counted(tmp_path: Path, run_minlint: RunMinlint) -> None:
    """Two suppressions without a reason in one file give the same fingerprint twice: count 2, both accepted."""
    body = "  a: {purpose: analytics.reporting, retention: P1Y}  # minlint: ignore ML003\n"
    twice = plan(a=OK).replace("  a: " + OK + "\n", body + body.replace("a:", "b:"))
    write(tmp_path, {".minlint.yaml": "", "web.yaml": twice})
    baseline(run_minlint, tmp_path)
    entries = json.loads((tmp_path / BASELINE).read_text())["findings"]
    assert [(entry["rule"], entry["count"]) for entry in entries] == [("ML904", 2)]
    assert run_minlint("check", cwd=tmp_path).returncode == 0
    write(
        tmp_path, {"web.yaml": twice + "  c: {purpose: analytics.reporting, retention: P1Y}  # minlint: ignore ML3\n"}
    )
    _, document = check_json(run_minlint, "--fail-on", "warning", cwd=tmp_path)
    assert found(document) == [("web.yaml", 8, "ML904")]


def test_baseline_option_and_no_baseline(project: Path, run_minlint: RunMinlint) -> None:
    (project / "ci").mkdir()
    baseline(run_minlint, project, "--baseline", "ci/accepted.json")
    assert (project / "ci" / "accepted.json").is_file()
    assert not (project / BASELINE).exists()
    assert run_minlint("check", cwd=project).returncode == 1  # the default baseline does not exist
    assert run_minlint("check", "--baseline", "ci/accepted.json", cwd=project).returncode == 0

    baseline(run_minlint, project)
    assert run_minlint("check", cwd=project).returncode == 0
    code, document = check_json(run_minlint, "--no-baseline", cwd=project)
    assert code == 1
    assert len(document["findings"]) == 3


def test_a_missing_baseline_named_with_the_option_exits_2(project: Path, run_minlint: RunMinlint) -> None:
    assert "nope.json" in exit_2_error(run_minlint, "check", "--baseline", "nope.json", cwd=project)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a minlint baseline (invalid JSON"),
        ('{"version": 2, "findings": []}', "not a minlint baseline of version 1"),
        ("[]", "not a minlint baseline of version 1"),
        ('{"version": 1, "findings": [1]}', "malformed entry in `findings`"),
    ],
)
def test_a_corrupt_baseline_exits_2_with_one_line(
    project: Path, run_minlint: RunMinlint, content: str, message: str
) -> None:
    (project / BASELINE).write_text(content, encoding="utf-8")
    error = exit_2_error(run_minlint, "check", cwd=project)
    assert BASELINE in error
    assert message in error


def test_checking_from_a_subfolder_uses_the_root_baseline(project: Path, run_minlint: RunMinlint) -> None:
    baseline(run_minlint, project)
    result = run_minlint("check", cwd=project / "specs" / "sub")
    assert result.returncode == 0, result.stdout
    assert "1 finding silenced: 1 by the baseline." in result.stdout
    assert not (project / "specs" / "sub" / BASELINE).exists()


def test_a_baseline_written_from_a_subfolder_has_the_same_root_relative_fingerprints(
    project: Path, run_minlint: RunMinlint
) -> None:
    write(project, {".minlint.yaml": "paths: [specs]\n"})
    baseline(run_minlint, project)
    from_root = (project / BASELINE).read_bytes()
    (project / BASELINE).unlink()
    assert baseline(run_minlint, project / "specs" / "sub") == f"Wrote 3 findings to {project / BASELINE}.\n"
    assert (project / BASELINE).read_bytes() == from_root


def test_checking_part_of_the_project_does_not_call_other_baselined_findings_fixed(
    project: Path, run_minlint: RunMinlint
) -> None:
    baseline(run_minlint, project)
    from_subfolder = run_minlint("check", cwd=project / "specs" / "sub")
    named = run_minlint("check", "specs/sub/app.yaml", cwd=project)
    assert "no longer occur" not in from_subfolder.stdout
    assert "no longer occur" not in named.stdout


def test_baseline_update_of_part_of_the_project_keeps_the_other_entries(project: Path, run_minlint: RunMinlint) -> None:
    baseline(run_minlint, project)
    before = json.loads((project / BASELINE).read_text())
    baseline(run_minlint, project / "specs" / "sub", "--update")
    assert json.loads((project / BASELINE).read_text()) == before


def test_a_baselined_unused_suppression_stays_baselined_when_lines_move(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    stale = "{purpose: analytics.reporting, retention: P1Y}  # minlint: ignore ML003 -- copied from elsewhere"
    write(tmp_path, {".minlint.yaml": "fail-on: warning\n", "web.yaml": plan(stale=stale)})
    baseline(run_minlint, tmp_path)
    assert run_minlint("check", cwd=tmp_path).returncode == 0
    write(tmp_path, {"web.yaml": plan(header="# Reviewed 2026-05.\n", stale=stale)})
    result = run_minlint("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
