"""Configuration through the real command: where the project root is, what each key does, what overrides it.

Every test builds its own project in ``tmp_path`` and runs the installed ``minlint``; the findings are read
from ``--format json`` so the assertions name rules and places, not wording.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minlint.config import ConfigError, find_root, load_config
from tests.conftest import RunMinlint
from tests.gate.support import (
    ADVERTISING,
    NO_PURPOSE,
    NO_RETENTION,
    OK,
    ORG_PACK,
    PHONE,
    PURPOSES,
    check_json,
    exit_2_error,
    found,
    git,
    plan,
    rules_of,
    write,
)

# ML001 at line 6, ML003 at line 7.
TWO_ERRORS = plan(nopurpose=NO_PURPOSE, noretention=NO_RETENTION)
# ML001 (6), ML003 (7), ML101 warning (8); ML204 (9) once enabled; a registry makes the purposes known.
MIXED = plan(nopurpose=NO_PURPOSE, noretention=NO_RETENTION, phone_number=PHONE, adfield=ADVERTISING)
# Only ML101, a warning.
WARNING_ONLY = plan(phone_number=PHONE)


# -- the project root --------------------------------------------------------------------------------------


def test_minlint_yaml_in_a_parent_folder_is_the_root_and_its_keys_apply(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    write(tmp_path, {".minlint.yaml": "select: [ML003]\n", "specs/web.yaml": TWO_ERRORS})
    code, document = check_json(run_minlint, cwd=tmp_path / "specs")
    assert code == 1
    assert found(document) == [("web.yaml", 7, "ML003")]


def test_pyproject_with_a_tool_minlint_table_is_the_root_and_its_keys_apply(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    pyproject = '[project]\nname = "specs"\n\n[tool.minlint]\nselect = ["ML003"]\n'
    write(tmp_path, {"pyproject.toml": pyproject, "specs/web.yaml": TWO_ERRORS})
    code, document = check_json(run_minlint, cwd=tmp_path / "specs")
    assert code == 1
    assert found(document) == [("web.yaml", 7, "ML003")]


def test_pyproject_without_a_tool_minlint_table_is_passed_over_for_a_config_further_up(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    write(
        tmp_path,
        {
            ".minlint.yaml": "select: [ML003]\n",
            "pkg/pyproject.toml": '[project]\nname = "pkg"\n\n[tool.ruff]\nline-length = 100\n',
            "pkg/web.yaml": TWO_ERRORS,
        },
    )
    _, document = check_json(run_minlint, cwd=tmp_path / "pkg")
    assert found(document) == [("web.yaml", 7, "ML003")]
    # The root is the outer folder: the baseline goes there, with root-relative paths.
    assert run_minlint("baseline", cwd=tmp_path / "pkg").returncode == 0
    assert not (tmp_path / "pkg" / ".minlint-baseline.json").exists()
    written = json.loads((tmp_path / ".minlint-baseline.json").read_text(encoding="utf-8"))
    assert [entry["path"] for entry in written["findings"]] == ["pkg/web.yaml"]


def test_the_nearest_configuration_upward_wins(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(
        tmp_path,
        {
            ".minlint.yaml": "select: [ML001]\n",
            "inner/pyproject.toml": '[tool.minlint]\nselect = ["ML003"]\n',
            "inner/web.yaml": TWO_ERRORS,
        },
    )
    _, from_inner = check_json(run_minlint, cwd=tmp_path / "inner")
    assert found(from_inner) == [("web.yaml", 7, "ML003")]
    # Like ruff, a named path's own project decides: `inner` has its own configuration.
    _, from_outer = check_json(run_minlint, "inner", cwd=tmp_path)
    assert found(from_outer) == [("inner/web.yaml", 7, "ML003")]
    _, whole = check_json(run_minlint, cwd=tmp_path)
    assert found(whole) == [("inner/web.yaml", 6, "ML001")]


def test_the_git_root_is_the_root_when_no_configuration_is_found(tmp_path: Path, run_minlint: RunMinlint) -> None:
    repo = tmp_path / "repo"
    write(repo, {"specs/web.yaml": TWO_ERRORS})
    git(repo, "init", "-q")
    result = run_minlint("baseline", cwd=repo / "specs")
    assert result.returncode == 0, result.stderr
    assert not (repo / "specs" / ".minlint-baseline.json").exists()
    written = json.loads((repo / ".minlint-baseline.json").read_text(encoding="utf-8"))
    assert {entry["path"] for entry in written["findings"]} == {"specs/web.yaml"}


def test_the_current_folder_is_the_root_without_configuration_or_git(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = tmp_path / "a" / "b"
    write(folder, {"web.yaml": TWO_ERRORS})
    assert find_root(folder)[0] == folder.resolve()  # nothing above tmp_path claims to be a root
    assert run_minlint("baseline", cwd=folder).returncode == 0
    written = json.loads((folder / ".minlint-baseline.json").read_text(encoding="utf-8"))
    assert {entry["path"] for entry in written["findings"]} == {"web.yaml"}


def test_find_root_prefers_minlint_yaml_to_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path, {".minlint.yaml": "select: [ML001]\n", "pyproject.toml": "[tool.minlint]\n", "sub/x.txt": ""})
    root, source = find_root(tmp_path / "sub")
    assert root == tmp_path.resolve()
    assert source == tmp_path.resolve() / ".minlint.yaml"


def test_pyproject_with_only_a_tool_minlint_subtable_is_a_root(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(
        tmp_path,
        {"pyproject.toml": '[tool.minlint.severity]\nML001 = "warning"\n', "web.yaml": plan(nopurpose=NO_PURPOSE)},
    )
    code, document = check_json(run_minlint, cwd=tmp_path)
    assert [item["severity"] for item in document["findings"]] == ["warning"]
    assert code == 0


# -- each key, through the command -------------------------------------------------------------------------


def test_paths_limit_a_plain_check_to_the_configured_folders_even_from_elsewhere_in_the_project(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    write(
        tmp_path,
        {
            ".minlint.yaml": "paths: [specs]\n",
            "specs/web.yaml": plan(nopurpose=NO_PURPOSE),
            "drafts/draft.yaml": plan(name="draft", nopurpose=NO_PURPOSE),
        },
    )
    _, document = check_json(run_minlint, cwd=tmp_path)
    assert found(document) == [("specs/web.yaml", 6, "ML001")]
    _, from_drafts = check_json(run_minlint, cwd=tmp_path / "drafts")
    assert [(Path(path).resolve(), line, rule) for path, line, rule in found(from_drafts)] == [
        ((tmp_path / "specs/web.yaml").resolve(), 6, "ML001")
    ]


def test_exclude_globs_leave_out_files_and_folders(tmp_path: Path, run_minlint: RunMinlint) -> None:
    names = [
        "specs/web.yaml",  # kept
        "specs/vendor/v.yaml",  # `vendor`: a folder of that name anywhere
        "vendor/v.yaml",
        "specs/a.generated.yaml",  # `**/*.generated.yaml`
        "specs/deep/b.generated.yaml",
        "specs/old/o.yaml",  # `specs/old/`: anchored at the root
        "old/o.yaml",  # kept: not under specs/
        "specs/draft-1.yaml",  # `specs/draft-?.yaml`
        "specs/draft-10.yaml",  # kept: `?` is one character
        "specs/ab.yaml",  # `specs/[!a]*.yaml` does not match it: kept
        "specs/zz.yaml",  # `specs/[!a-w]*.yaml`
    ]
    files = {name: plan(name=name.replace("/", "-").removesuffix(".yaml"), f=NO_PURPOSE) for name in names}
    config = 'exclude: [vendor, "**/*.generated.yaml", "specs/old/", "specs/draft-?.yaml", "specs/[!a-w]*.yaml"]\n'
    write(tmp_path, {".minlint.yaml": config, **files})
    _, document = check_json(run_minlint, cwd=tmp_path)
    assert {path for path, _, _ in found(document)} == {
        "specs/web.yaml",
        "old/o.yaml",
        "specs/draft-10.yaml",
        "specs/ab.yaml",
    }
    assert document["summary"]["files"] == 4


def test_exclude_on_the_command_line_adds_to_the_configured_globs(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(
        tmp_path,
        {
            ".minlint.yaml": "exclude: [legacy]\n",
            "web.yaml": plan(f=NO_PURPOSE),
            "legacy/old.yaml": plan(name="old", f=NO_PURPOSE),
            "drafts/new.yaml": plan(name="new", f=NO_PURPOSE),
        },
    )
    _, document = check_json(run_minlint, "--exclude", "drafts/**", cwd=tmp_path)
    assert {path for path, _, _ in found(document)} == {"web.yaml"}


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("ML001", {"ML001"}),
        ("ml003", {"ML003"}),
        ("ML00", {"ML001", "ML003"}),
        ("ML1", {"ML101"}),
        ("missing-retention", {"ML003"}),
        ("ALL", {"ML001", "ML003", "ML101", "ML204"}),  # ALL includes rules that are off by default
    ],
)
def test_select_accepts_codes_prefixes_names_and_all(
    tmp_path: Path, run_minlint: RunMinlint, selector: str, expected: set[str]
) -> None:
    write(tmp_path, {".minlint.yaml": f"select: [{selector}]\n", "web.yaml": MIXED, "purposes.yaml": PURPOSES})
    _, document = check_json(run_minlint, cwd=tmp_path)
    assert rules_of(document) == expected


def test_extend_select_enables_a_rule_that_is_off_by_default(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {"web.yaml": MIXED, "purposes.yaml": PURPOSES})
    _, default = check_json(run_minlint, cwd=tmp_path)
    assert rules_of(default) == {"ML001", "ML003", "ML101"}
    write(tmp_path, {".minlint.yaml": "extend-select: [unused-field]\n"})
    _, extended = check_json(run_minlint, cwd=tmp_path)
    assert rules_of(extended) == {"ML001", "ML003", "ML101", "ML204"}
    assert ("web.yaml", 9, "ML204") in found(extended)


def test_ignore_takes_names_and_prefixes(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {".minlint.yaml": "ignore: [missing-purpose, ML1]\n", "web.yaml": MIXED, "purposes.yaml": PURPOSES})
    _, document = check_json(run_minlint, cwd=tmp_path)
    assert rules_of(document) == {"ML003"}


def test_severity_override_changes_the_severity_and_the_exit_code(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {"web.yaml": WARNING_ONLY})
    code, document = check_json(run_minlint, cwd=tmp_path)
    assert (code, [item["severity"] for item in document["findings"]]) == (0, ["warning"])

    write(tmp_path, {".minlint.yaml": "severity: {ML101: error}\n"})
    code, document = check_json(run_minlint, cwd=tmp_path)
    assert (code, [item["severity"] for item in document["findings"]]) == (1, ["error"])
    assert document["summary"]["errors"] == 1

    write(tmp_path, {".minlint.yaml": "fail-on: warning\nseverity: {undeclared-personal-data: info}\n"})
    code, document = check_json(run_minlint, cwd=tmp_path)
    assert (code, [item["severity"] for item in document["findings"]]) == (0, ["info"])


def test_fail_on_comes_from_the_config_and_the_command_line_overrides_it(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    write(tmp_path, {"web.yaml": WARNING_ONLY})
    assert run_minlint("check", "--fail-on", "warning", cwd=tmp_path).returncode == 1
    write(tmp_path, {".minlint.yaml": "fail-on: warning\n"})
    assert run_minlint("check", cwd=tmp_path).returncode == 1
    assert run_minlint("check", "--fail-on", "error", cwd=tmp_path).returncode == 0


def test_rule_packs_in_the_config_are_found_relative_to_the_root(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(
        tmp_path,
        {
            ".minlint.yaml": "rules: [policies/org.yaml]\nselect: [ORG]\n",
            "policies/org.yaml": ORG_PACK,
            "specs/web.yaml": plan(ok=OK),
        },
    )
    code, document = check_json(run_minlint, cwd=tmp_path / "specs")
    assert code == 1
    assert found(document) == [("web.yaml", 6, "ORG001")]


def test_per_path_ignores_drop_rules_only_in_matching_files(tmp_path: Path, run_minlint: RunMinlint) -> None:
    config = 'per-path-ignores:\n  "specs/legacy/**": [ML001]\n  "*.draft.yaml": [missing-retention]\n'
    write(
        tmp_path,
        {
            ".minlint.yaml": config,
            "specs/legacy/old.yaml": plan(name="old", a=NO_PURPOSE, b=NO_RETENTION),
            "specs/web.draft.yaml": plan(name="draft", a=NO_PURPOSE, b=NO_RETENTION),
            "specs/web.yaml": plan(a=NO_PURPOSE, b=NO_RETENTION),
        },
    )
    _, document = check_json(run_minlint, cwd=tmp_path)
    assert sorted(found(document)) == [
        ("specs/legacy/old.yaml", 7, "ML003"),
        ("specs/web.draft.yaml", 6, "ML001"),
        ("specs/web.yaml", 6, "ML001"),
        ("specs/web.yaml", 7, "ML003"),
    ]
    assert document["summary"]["errors"] == 4


def test_baseline_key_says_where_the_baseline_is_written_and_read(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {".minlint.yaml": "baseline: ci/accepted.json\n", "web.yaml": TWO_ERRORS})
    (tmp_path / "ci").mkdir()
    assert run_minlint("baseline", cwd=tmp_path).returncode == 0
    assert (tmp_path / "ci" / "accepted.json").is_file()
    assert not (tmp_path / ".minlint-baseline.json").exists()
    result = run_minlint("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "2 findings silenced: 2 by the baseline." in result.stdout


def test_max_file_size_in_kilobytes_reports_a_larger_file_unread(tmp_path: Path, run_minlint: RunMinlint) -> None:
    padding = {f"pad{index:02}": OK for index in range(40)}
    big = plan(name="big", nopurpose=NO_PURPOSE, **padding)
    assert len(big.encode()) > 1024
    write(tmp_path, {".minlint.yaml": 'max-file-size: "1 KB"\n', "big.yaml": big, "small.yaml": TWO_ERRORS})
    code, document = check_json(run_minlint, cwd=tmp_path)
    assert code == 1
    assert found(document) == [("big.yaml", 1, "ML902"), ("small.yaml", 6, "ML001"), ("small.yaml", 7, "ML003")]
    assert "not checked" in document["findings"][0]["message"]


@pytest.mark.parametrize(
    ("written", "size"), [('"1 KB"', 1024), ('"1.5 MB"', 1572864), ("2048", 2048), ('"16MiB"', 16 << 20)]
)
def test_max_file_size_reads_units(tmp_path: Path, written: str, size: int) -> None:
    write(tmp_path, {".minlint.yaml": f"max-file-size: {written}\n"})
    assert load_config(tmp_path, tmp_path / ".minlint.yaml").max_file_size == size


def test_minlint_yaml_and_tool_minlint_table_give_the_same_results(tmp_path: Path, run_minlint: RunMinlint) -> None:
    specs = {
        "web.yaml": MIXED,
        "purposes.yaml": PURPOSES,
        "legacy/old.yaml": plan(name="old", a=NO_PURPOSE),
        "drafts/x.draft.yaml": plan(name="draft", a=NO_PURPOSE, b=NO_RETENTION),
    }
    yaml_config = """\
select: [ML0, ML1]
extend-select: [ML204]
ignore: [missing-purpose]
severity: {ML101: error}
fail-on: warning
exclude: [legacy]
per-path-ignores:
  "drafts/**": [ML003]
"""
    toml_config = """\
[project]
name = "tracking"

[tool.minlint]
select = ["ML0", "ML1"]
extend-select = ["ML204"]
ignore = ["missing-purpose"]
fail-on = "warning"
exclude = ["legacy"]

[tool.minlint.severity]
ML101 = "error"

[tool.minlint.per-path-ignores]
"drafts/**" = ["ML003"]
"""
    with_yaml = write(tmp_path / "yaml", {**specs, ".minlint.yaml": yaml_config})
    with_toml = write(tmp_path / "toml", {**specs, "pyproject.toml": toml_config})
    yaml_code, yaml_report = check_json(run_minlint, cwd=with_yaml)
    toml_code, toml_report = check_json(run_minlint, cwd=with_toml)
    assert (toml_code, toml_report) == (yaml_code, yaml_report)
    # Every key took effect: ML001 ignored, legacy excluded, ML003 dropped in drafts, ML204 added, ML101 an error.
    assert found(yaml_report) == [("web.yaml", 7, "ML003"), ("web.yaml", 8, "ML101"), ("web.yaml", 9, "ML204")]
    assert [item["severity"] for item in yaml_report["findings"]] == ["error", "error", "warning"]
    assert yaml_code == 1


# -- the command line over the configuration ---------------------------------------------------------------


def test_select_on_the_command_line_replaces_the_configured_selection(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {".minlint.yaml": "select: [ML001]\n", "web.yaml": MIXED})
    _, document = check_json(run_minlint, "--select", "ML003", cwd=tmp_path)
    assert rules_of(document) == {"ML003"}


def test_extend_select_on_the_command_line_adds_to_the_configured_selection(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    write(tmp_path, {".minlint.yaml": "select: [ML001]\n", "web.yaml": MIXED})
    _, document = check_json(run_minlint, "--extend-select", "ML003", cwd=tmp_path)
    assert rules_of(document) == {"ML001", "ML003"}


def test_ignore_on_the_command_line_adds_to_the_configured_ignores(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {".minlint.yaml": "ignore: [ML001]\n", "web.yaml": MIXED})
    _, document = check_json(run_minlint, "--ignore", "ML003", cwd=tmp_path)
    assert rules_of(document) == {"ML101"}


def test_config_option_uses_that_file_instead_of_the_discovered_one(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {".minlint.yaml": "select: [ML001]\n", "ci/strict.yaml": "select: [ML003]\n", "web.yaml": MIXED})
    _, document = check_json(run_minlint, "--config", "ci/strict.yaml", cwd=tmp_path)
    assert rules_of(document) == {"ML003"}


# -- invalid configurations: exit 2, one line, pointing at the key -----------------------------------------

# Line 1 is a comment and line 2 a valid key, so the position printed must be the bad key's own line.
BAD_YAML_KEYS = [
    ("selct: [ML001]", "unknown key `selct` (did you mean `select`?)"),
    ("select: [ML001, NOPE]", "`select`: no rule is called `NOPE`"),
    ("ignore: [NOPE]", "`ignore`: no rule is called `NOPE`"),
    ("extend-select: [NOPE]", "`extend-select`: no rule is called `NOPE`"),
    ("severity: {NOPE: error}", "`severity`: no rule is called `NOPE`"),
    ('per-path-ignores: {"specs/**": [NOPE]}', "`per-path-ignores`: no rule is called `NOPE`"),
    ('exclude: ["[abc"]', "`exclude`: `[abc`: `[` at position 1 is never closed"),
    ('per-path-ignores: {"[abc": [ML001]}', "`per-path-ignores`: `[abc`: `[` at position 1 is never closed"),
    ("select: ML001", "expected a list"),
    ("severity: {ML001: fatal}", "`severity.ML001`: `fatal` is not one of"),
    ("max-file-size: huge", "write a size such as `16 MB`"),
]


@pytest.mark.parametrize(("line", "message"), BAD_YAML_KEYS, ids=[line for line, _ in BAD_YAML_KEYS])
def test_invalid_minlint_yaml_exits_2_with_one_line_pointing_at_the_key(
    tmp_path: Path, run_minlint: RunMinlint, line: str, message: str
) -> None:
    write(tmp_path, {".minlint.yaml": f"# project settings\nfail-on: error\n{line}\n", "web.yaml": MIXED})
    error = exit_2_error(run_minlint, "check", cwd=tmp_path)
    assert error.startswith(".minlint.yaml:3:1: "), error
    assert message in error


def test_invalid_config_is_exit_2_for_baseline_and_suppressions_too(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {".minlint.yaml": "fail-on: error\nselct: [ML001]\n", "web.yaml": MIXED})
    for command in ("baseline", "suppressions"):
        assert exit_2_error(run_minlint, command, cwd=tmp_path).startswith(".minlint.yaml:2:1: unknown key `selct`")
    assert not (tmp_path / ".minlint-baseline.json").exists()


def test_yaml_syntax_error_in_the_config_points_at_the_error(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {".minlint.yaml": "fail-on: error\nselect: [ML001\nignore: [ML003]\n", "web.yaml": MIXED})
    error = exit_2_error(run_minlint, "check", cwd=tmp_path)
    assert error.startswith(".minlint.yaml:3:"), error
    assert "YAML syntax error" in error


def test_config_that_is_not_a_mapping_exits_2(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {".minlint.yaml": "- ML001\n", "web.yaml": MIXED})
    error = exit_2_error(run_minlint, "check", cwd=tmp_path)
    assert error.startswith(".minlint.yaml:1:1: the configuration must be a mapping")


def test_invalid_tool_minlint_key_points_at_its_line_and_column(tmp_path: Path, run_minlint: RunMinlint) -> None:
    pyproject = '[project]\nname = "x"\n\n[tool.minlint]\nfail-on = "error"\n  selct = ["ML001"]\n'
    write(tmp_path, {"pyproject.toml": pyproject, "web.yaml": MIXED})
    error = exit_2_error(run_minlint, "check", cwd=tmp_path)
    assert error == "pyproject.toml:6:3: unknown key `selct` (did you mean `select`?)"


def test_unknown_rule_in_a_tool_minlint_subtable_points_at_the_table(tmp_path: Path, run_minlint: RunMinlint) -> None:
    pyproject = '[tool.minlint]\nfail-on = "error"\n\n[tool.minlint.severity]\nNOPE = "error"\n'
    write(tmp_path, {"pyproject.toml": pyproject, "web.yaml": MIXED})
    error = exit_2_error(run_minlint, "check", cwd=tmp_path)
    assert error == "pyproject.toml:4:1: `severity`: no rule is called `NOPE`"


def test_toml_syntax_error_in_pyproject_exits_2_with_one_line(tmp_path: Path, run_minlint: RunMinlint) -> None:
    pyproject = '[project]\nname = "x"\n\n[tool.minlint]\nselect = ["ML001"\nignore = ["ML003"]\n'
    write(tmp_path, {"pyproject.toml": pyproject, "web.yaml": MIXED})
    error = exit_2_error(run_minlint, "check", cwd=tmp_path)
    assert error.startswith("pyproject.toml:")
    assert "not valid TOML" in error


def test_toml_syntax_error_in_pyproject_points_at_the_error(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "x"\n\n[tool.minlint]\nselect = ["ML001"\nignore = ["ML003"]\n'
    write(tmp_path, {"pyproject.toml": pyproject})
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path, tmp_path / "pyproject.toml", cwd=tmp_path)
    assert str(raised.value).startswith("pyproject.toml:6:1: ")


def test_config_option_naming_a_missing_file_exits_2(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {"web.yaml": MIXED})
    error = exit_2_error(run_minlint, "check", "--config", "nope.yaml", cwd=tmp_path)
    assert error == "nope.yaml:1:1: no such configuration file"


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_rule_on_the_command_line_names_the_option(
    tmp_path: Path, run_minlint: RunMinlint, option: str
) -> None:
    write(tmp_path, {"web.yaml": MIXED})
    error = exit_2_error(run_minlint, "check", option, "ML001,NOPE", cwd=tmp_path)
    assert error == f"(command line):1:1: {option}: no rule is called `NOPE`"


def test_bad_exclude_glob_on_the_command_line_exits_2(tmp_path: Path, run_minlint: RunMinlint) -> None:
    write(tmp_path, {"web.yaml": MIXED})
    assert "--exclude: `[abc`" in exit_2_error(run_minlint, "check", "--exclude", "[abc", cwd=tmp_path)
