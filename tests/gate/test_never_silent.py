"""A gate that never lies: what is named is checked or said to be skipped, and a broken spec never hides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.gate.support import OK, campaign, check_json, exit_2_error, found, plan, rules_of, write

BROKEN = "minlint: 1\nkind: tracking-plan\nname: web\ntraits: [\n"  # ML901 at 5:1


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write(tmp_path, {".minlint.yaml": "", "plans/web.yaml": plan(ok=OK)})


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("misspelt.yaml", "minlnt: 1\nkind: tracking-plan\nname: x\n", [("misspelt.yaml", 1, "ML902")]),
        ("capital.yaml", "Minlint: 1\nkind: tracking-plan\nname: x\n", [("capital.yaml", 1, "ML902")]),
        ("no-header.yaml", "kind: campaign\nname: x\nuses: []\n", [("no-header.yaml", 1, "ML902")]),
        ("broken.json", '{"minlint": 1, "kind": [}\n', [("broken.json", 1, "ML901")]),
        ("broken.yaml", "services: [\n", [("broken.yaml", 2, "ML901")]),
    ],
    ids=["minlint-misspelt", "minlint-capitalised", "kind-without-minlint", "json-syntax-error", "yaml-syntax-error"],
)
def test_a_named_file_meant_as_a_spec_but_not_one_is_a_located_finding(
    project: Path, run_minlint: RunMinlint, name: str, text: str, expected: list[tuple[str, int, str]]
) -> None:
    write(project, {name: text})
    code, document = check_json(run_minlint, name, cwd=project)
    assert (code, found(document)) == (1, expected)


def test_the_same_files_in_a_walked_folder_stay_quiet_unless_they_mention_minlint(
    project: Path, run_minlint: RunMinlint
) -> None:
    write(project, {"other/compose.yaml": "services: [\n", "other/no-header.yaml": "kind: campaign\nname: x\n"})
    code, document = check_json(run_minlint, "other", cwd=project)
    assert (code, found(document)) == (0, [])


def test_another_tools_file_with_a_spec_kind_is_not_taken_for_a_spec(project: Path, run_minlint: RunMinlint) -> None:
    write(project, {"rudder.yaml": "version: rudder/v0.1\nkind: tracking-plan\nmetadata: {name: web}\n"})
    code, document = check_json(run_minlint, "rudder.yaml", cwd=project)
    assert (code, found(document), document["summary"]["files"]) == (0, [], 0)


def test_a_named_yaml_file_that_is_no_spec_is_counted_as_skipped(project: Path, run_minlint: RunMinlint) -> None:
    write(project, {"compose.yaml": "services:\n  web: {image: nginx}\n"})
    result = run_minlint("check", "--no-color", "compose.yaml", cwd=project)
    assert (result.returncode, result.stderr) == (0, "")
    assert "(1 other YAML file skipped: not a minlint spec)" in result.stdout


def test_a_named_file_of_another_type_is_skipped_with_one_line_saying_so(
    project: Path, run_minlint: RunMinlint
) -> None:
    write(project, {"README.md": "# minlint: ignore ML001 -- prose, not a suppression\n"})
    result = run_minlint("check", "--format", "json", "README.md", "plans/web.yaml", cwd=project)
    assert result.returncode == 0
    assert result.stderr == "minlint: note: README.md: a `.md` file is not a spec (only YAML and JSON are); skipped\n"
    document = json.loads(result.stdout)
    assert (found(document), document["summary"]["files"]) == ([], 1)


def test_a_spec_after_an_empty_first_document_is_reported(project: Path, run_minlint: RunMinlint) -> None:
    write(project, {"plans/late.yaml": "---\n---\n" + plan(name="late", ok=OK)})
    _, document = check_json(run_minlint, cwd=project)
    assert found(document) == [("plans/late.yaml", 2, "ML902")]


@pytest.mark.parametrize(
    ("args", "config"),
    [
        (("--select", "ML001"), ""),
        (("--ignore", "ML901"), ""),
        ((), "select: [ML001]\n"),
        ((), "ignore: [ML9]\n"),
        ((), "per-path-ignores:\n  'plans/*.yaml': [ML901, ML902, ML903]\n"),
    ],
    ids=[
        "select-on-the-command-line",
        "ignore-on-the-command-line",
        "select-configured",
        "ignore-configured",
        "per-path",
    ],
)
def test_a_file_that_does_not_parse_is_reported_whatever_the_selection(
    project: Path, run_minlint: RunMinlint, args: tuple[str, ...], config: str
) -> None:
    write(project, {".minlint.yaml": config, "plans/broken.yaml": BROKEN})
    code, document = check_json(run_minlint, *args, cwd=project)
    assert code == 1
    assert ("plans/broken.yaml", 5, "ML901") in found(document)


def test_a_baseline_never_records_or_accepts_a_file_that_does_not_parse(project: Path, run_minlint: RunMinlint) -> None:
    write(project, {"plans/broken.yaml": BROKEN, "plans/other.yaml": plan(name="other", bad="{purpose: x}")})
    assert run_minlint("baseline", cwd=project).returncode == 0
    recorded = json.loads((project / ".minlint-baseline.json").read_text(encoding="utf-8"))
    assert {entry["rule"] for entry in recorded["findings"]} == {"ML003"}
    code, document = check_json(run_minlint, cwd=project)
    assert (code, found(document)) == (1, [("plans/broken.yaml", 5, "ML901")])
    # Even an entry written by hand for it is not honoured.
    recorded["findings"].append({"fingerprint": "x", "rule": "ML901", "path": "plans/broken.yaml", "count": 1})
    (project / ".minlint-baseline.json").write_text(json.dumps(recorded), encoding="utf-8")
    assert found(check_json(run_minlint, cwd=project)[1]) == [("plans/broken.yaml", 5, "ML901")]


def test_select_on_the_command_line_overrides_the_configured_selection(project: Path, run_minlint: RunMinlint) -> None:
    write(project, {".minlint.yaml": "ignore: [ML003]\nextend-select: [ML204]\n", "plans/web.yaml": plan(x="{}")})
    _, configured = check_json(run_minlint, cwd=project)
    assert "ML003" not in rules_of(configured)
    code, document = check_json(run_minlint, "--select", "ML003", cwd=project)
    assert (code, rules_of(document)) == (1, {"ML003"})


def test_bad_selection_options_fail_every_command_that_takes_them(project: Path, run_minlint: RunMinlint) -> None:
    assert "--exclude" in exit_2_error(run_minlint, "check", "--exclude", "[", "plans", cwd=project)
    write(project, {".minlint.yaml": "per-path-ignores:\n  'legacy/*.yaml': [ML999]\n"})
    assert "no rule is called `ML999`" in exit_2_error(run_minlint, "rules", cwd=project)


def test_a_spec_over_the_size_limit_is_counted_once(project: Path, run_minlint: RunMinlint) -> None:
    write(project, {".minlint.yaml": "max-file-size: 1KB\n", "plans/big.yaml": plan(name="big", ok=OK) + "#" * 2048})
    code, document = check_json(run_minlint, cwd=project)
    assert (code, found(document)) == (1, [("plans/big.yaml", 1, "ML902")])
    assert document["summary"]["files"] == 2


def test_references_into_a_plan_that_does_not_parse_are_said_once_not_reported_as_undefined(
    project: Path, run_minlint: RunMinlint
) -> None:
    write(
        project,
        {
            "plans/app.yaml": BROKEN.replace("name: web", "name: app"),
            "campaigns/winback.yaml": campaign("app:traits.email", "traits.phone", "web:traits.nope"),
        },
    )
    _, document = check_json(run_minlint, "--extend-select", "ML204", cwd=project)
    findings = {(f["path"], f["line"], f["rule"]): f["message"] for f in document["findings"]}
    assert set(findings) == {
        ("plans/app.yaml", 5, "ML901"),
        ("campaigns/winback.yaml", 7, "ML201"),  # the two that may be in app.yaml, said once
        ("campaigns/winback.yaml", 9, "ML201"),  # `web` is readable: `traits.nope` is certainly not defined
    }
    assert findings[("campaigns/winback.yaml", 7, "ML201")].startswith(
        "2 references of this campaign could not be checked: plans/app.yaml cannot be read as a spec"
    )
    assert "is not defined by any tracking plan" in findings[("campaigns/winback.yaml", 9, "ML201")]
