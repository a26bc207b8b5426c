"""The commands for people: `rules`, `explain`, `init`, `schema`, and the progress bar."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from minlint.engine.packs import builtin_rules
from minlint.vocabulary import SCHEMA_NAMES
from tests.conftest import REPO, RunMinlint, minlint_executable


def test_rules_lists_every_rule_with_its_state(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("rules", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["code", "name", "severity", "target", "enabled"]
    ml204 = next(line for line in lines if line.startswith("ML204"))
    assert ml204.split()[:5] == ["ML204", "unused-field", "warning", "field", "no"]
    assert f"{len(builtin_rules())} rules" in lines[-1]


def test_rules_reflect_the_configuration(run_minlint: RunMinlint, tmp_path: Path) -> None:
    (tmp_path / ".minlint.yaml").write_text("extend-select: [ML204]\nignore: [ML1]\nseverity: {ML003: warning}\n")
    rules = json.loads(run_minlint("rules", "--format", "json", cwd=tmp_path).stdout)["rules"]
    by_code = {rule["code"]: rule for rule in rules}
    assert by_code["ML204"]["enabled"] is True
    assert by_code["ML101"]["enabled"] is False
    assert by_code["ML003"]["severity"] == "warning"
    assert by_code["ML001"] == {
        "code": "ML001",
        "name": "missing-purpose",
        "severity": "error",
        "target": "field",
        "enabled": True,
        "summary": "A collected field declares no purpose, not even by inheritance.",
        "pack": "core",
    }


def test_rules_markdown_is_a_table(run_minlint: RunMinlint, tmp_path: Path) -> None:
    lines = run_minlint("rules", "--format", "markdown", cwd=tmp_path).stdout.splitlines()
    assert lines[0] == "| code | name | severity | target | enabled | summary |"
    assert len(lines) == 2 + len(builtin_rules())
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines)


def test_rules_with_an_organisation_pack(run_minlint: RunMinlint) -> None:
    result = run_minlint("rules", "--rules", "examples/policies/acme-policy.yaml", "--format", "json", cwd=REPO)
    codes = [rule["code"] for rule in json.loads(result.stdout)["rules"]]
    assert codes[-4:] == ["ACME001", "ACME002", "ACME003", "ACME004"]


def test_explain_covers_rationale_example_fix_and_how_to_suppress(run_minlint: RunMinlint) -> None:
    text = run_minlint("explain", "ML102").stdout
    for heading in ("## Why it matters", "## How to fix it", "## Examples", "## Accepting an exception"):
        assert heading in text
    assert "Art. 9" in text
    assert "# minlint: ignore ML102 -- " in text
    assert "**Fires:**" in text and "**Passes:**" in text


def test_explain_renders_for_a_terminal_with_colour(run_minlint: RunMinlint) -> None:
    result = run_minlint("explain", "missing-purpose", env={"FORCE_COLOR": "1"})
    assert result.returncode == 0
    assert "\x1b[" in result.stdout
    assert "Why it matters" in result.stdout


@pytest.mark.parametrize("kind", SCHEMA_NAMES)
def test_schema_prints_a_valid_json_schema(run_minlint: RunMinlint, kind: str, tmp_path: Path) -> None:
    result = run_minlint("schema", kind, cwd=tmp_path)
    assert result.returncode == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_schema_rejects_an_unknown_kind(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("schema", "trackingplan", cwd=tmp_path)
    assert result.returncode == 2
    assert "Invalid value for" in result.stderr


def test_every_example_starts_with_a_schema_modeline_that_exists() -> None:
    for path in sorted((REPO / "examples").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "minlint:" not in text:
            continue  # a plan in another format (a RudderStack catalog): its own tools' schema applies
        first = text.splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), (path, target)


# -- init ----------------------------------------------------------------------------------------


def test_init_creates_a_project_that_passes_clean(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("init", "--yes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "created  .minlint.yaml" in result.stdout
    assert "created  specs/tracking-plan.yaml" in result.stdout
    assert "- id: minlint" in result.stdout  # the pre-commit snippet, printed
    assert not (tmp_path / ".pre-commit-config.yaml").exists()
    check = run_minlint("check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert check.stdout.startswith("No findings in 3 spec files")


def test_init_never_overwrites_and_says_what_it_kept(run_minlint: RunMinlint, tmp_path: Path) -> None:
    (tmp_path / ".minlint.yaml").write_text("# mine\n", encoding="utf-8")
    result = run_minlint("init", "--yes", "--pre-commit", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / ".minlint.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert "kept     .minlint.yaml (it exists already; not overwritten)" in result.stdout
    assert "- id: minlint" in (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    again = run_minlint("init", "--yes", "--pre-commit", cwd=tmp_path)
    assert "created" not in again.stdout


def test_init_writes_schemas_the_modelines_point_at(run_minlint: RunMinlint, tmp_path: Path) -> None:
    run_minlint("init", "--yes", cwd=tmp_path)
    for spec in (tmp_path / "specs").rglob("*.yaml"):
        first = spec.read_text(encoding="utf-8").splitlines()[0]
        assert (spec.parent / first.split("$schema=", 1)[1]).resolve().is_file()


def _run_on_terminal(args: list[str], cwd: Path, answers: list[str]) -> tuple[int, str]:
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, cwd=cwd, stdin=follower, stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if pending and (chunk.rstrip().endswith(b":") or chunk.rstrip().endswith(b"]:")):
                os.write(leader, pending.pop(0).encode() + b"\n")
        elif process.poll() is not None:
            break
    process.wait(timeout=10)
    os.close(leader)
    return process.returncode, output.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_init_asks_on_a_terminal(tmp_path: Path) -> None:
    code, output = _run_on_terminal([minlint_executable(), "init"], tmp_path, ["shop-web", "tracking/specs", "y"])
    assert code == 0, output
    assert "Name of your tracking plan" in output
    plan = (tmp_path / "tracking" / "specs" / "tracking-plan.yaml").read_text(encoding="utf-8")
    assert 'name: "shop-web"' in plan
    assert (tmp_path / ".pre-commit-config.yaml").is_file()


# -- progress ------------------------------------------------------------------------------------


def _many_specs(folder: Path, count: int) -> None:
    for index in range(count):
        (folder / f"plan{index:03d}.yaml").write_text(
            f"minlint: 1\nkind: tracking-plan\nname: p{index}\n"
            "defaults: {purpose: analytics.reporting, basis: consent, retention: P1Y, category: none}\n",
            encoding="utf-8",
        )


def test_no_progress_bar_when_not_on_a_terminal(run_minlint: RunMinlint, tmp_path: Path) -> None:
    _many_specs(tmp_path, 60)
    result = run_minlint("check", cwd=tmp_path)
    assert "Checking specs" not in result.stderr
    assert result.stderr == ""


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_for_many_files_but_never_in_machine_formats(tmp_path: Path) -> None:
    _many_specs(tmp_path, 60)
    code, output = _run_on_terminal([minlint_executable(), "check"], tmp_path, [])
    assert code == 0
    assert "Checking specs" in output
    code, output = _run_on_terminal([minlint_executable(), "check", "--format", "json"], tmp_path, [])
    assert "Checking specs" not in output
    json.loads(output[output.index("{") :])


# -- custom rules in `rules` and `explain` ------------------------------------------------------------

ACME = REPO / "examples" / "policies" / "acme-policy.yaml"


def _project_with_a_configured_pack(folder: Path) -> Path:
    (folder / "policies").mkdir()
    (folder / "policies" / "acme.yaml").write_text(ACME.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / ".minlint.yaml").write_text("rules: [policies/acme.yaml]\n", encoding="utf-8")
    return folder


def test_explain_knows_the_rules_of_a_pack_given_with_rules(run_minlint: RunMinlint) -> None:
    result = run_minlint("explain", "ACME001", "--rules", "examples/policies/acme-policy.yaml", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ACME001 `marketing-needs-consent`\n")
    assert "**Pack:** acme-policy" in result.stdout
    by_name = run_minlint(
        "explain", "marketing-needs-consent", "--rules", "examples/policies/acme-policy.yaml", cwd=REPO
    )
    assert by_name.stdout == result.stdout


def test_explain_and_rules_know_the_rules_of_packs_the_configuration_names(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    project = _project_with_a_configured_pack(tmp_path)
    (project / "specs").mkdir()
    explained = run_minlint("explain", "acme002", cwd=project / "specs")  # the root is found upward
    assert explained.returncode == 0, explained.stderr
    assert explained.stdout.startswith("# ACME002 ")
    codes = [rule["code"] for rule in json.loads(run_minlint("rules", "--format", "json", cwd=project).stdout)["rules"]]
    assert codes[-4:] == ["ACME001", "ACME002", "ACME003", "ACME004"]
    without = run_minlint(
        "explain", "ACME002", "--config", str(REPO / "examples/storefront/.minlint.yaml"), cwd=project
    )
    assert without.returncode == 2
    assert "no rule `ACME002`" in without.stderr


def test_explain_in_a_project_with_a_bad_configuration_says_so(run_minlint: RunMinlint, tmp_path: Path) -> None:
    (tmp_path / ".minlint.yaml").write_text("rules: [policies/missing.yaml]\n", encoding="utf-8")
    result = run_minlint("explain", "ML001", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert "no rule pack at `policies/missing.yaml`" in result.stderr


def test_explain_does_not_send_a_terminal_reader_to_files_they_do_not_have(run_minlint: RunMinlint) -> None:
    text = run_minlint("explain", "ML003").stdout
    assert "docs/" not in text and "](" not in text
    assert "`per-path-ignores` in `.minlint.yaml`." in text


# -- what each command offers ---------------------------------------------------------------------

FILE_OPTIONS = {"--exclude", "--no-cache", "--jobs"}
RULE_OPTIONS = {"--config", "--select", "--extend-select", "--ignore", "--rules"}


def _options(command: str) -> set[str]:
    from minlint.cli import main

    return {
        name
        for parameter in main.commands[command].params
        for name in parameter.opts
        if name.startswith("--") and name != "--help"
    }


def test_each_command_offers_only_the_options_it_uses() -> None:
    assert _options("rules") == RULE_OPTIONS | {"--format"}
    assert _options("explain") == {"--config", "--rules", "--no-color"}
    assert _options("categories") == {"--config", "--exclude", "--format", "--personal", "--special", "--own"}
    assert _options("init") == {"--yes", "--pre-commit"}
    for command in ("check", "baseline", "suppressions", "inventory"):  # a run over the project's files
        assert _options(command) >= RULE_OPTIONS | FILE_OPTIONS, command


def test_rules_refuses_options_about_files(run_minlint: RunMinlint, tmp_path: Path) -> None:
    for option in ("--exclude=legacy/**", "--no-cache", "--jobs=2"):
        result = run_minlint("rules", option, cwd=tmp_path)
        assert result.returncode == 2
        assert "No such option" in result.stderr


def test_jobs_must_be_a_number_of_processes(run_minlint: RunMinlint, tmp_path: Path) -> None:
    result = run_minlint("check", "--jobs", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert "0 is not a number of processes (1 or more)" in result.stderr


# -- help ---------------------------------------------------------------------------------------------


def test_the_list_of_commands_gives_each_a_whole_sentence(run_minlint: RunMinlint) -> None:
    from minlint.cli import main

    listed = run_minlint("--help", env={"COLUMNS": "80"}).stdout.split("Commands:\n", 1)[1]
    assert "..." not in listed
    flat = " ".join(listed.split())
    for name, command in main.commands.items():
        short = command.get_short_help_str()
        assert short.endswith("."), name
        assert f"{name} {short}" in flat, name


def test_inventory_help_reads_well(run_minlint: RunMinlint) -> None:
    text = run_minlint("inventory", "--help", env={"COLUMNS": "80"}).stdout
    flat = " ".join(text.split())
    assert "Write the record of processing (GDPR Art. 30) of the specs under PATHS." in flat
    assert "Exit status: 0 (findings do not fail it), 2 bad configuration or unreadable path." in flat
    assert "--format [markdown|html|csv|json] Output format (md is short for markdown)." in flat
    assert "x>=1" not in text


def test_inventory_md_is_short_for_markdown(run_minlint: RunMinlint) -> None:
    markdown = run_minlint("inventory", "examples/storefront", "--format", "markdown", cwd=REPO)
    short = run_minlint("inventory", "examples/storefront", "--format", "md", cwd=REPO)
    assert (short.returncode, short.stderr) == (0, "")
    assert short.stdout == markdown.stdout
    assert short.stdout.startswith("# Record of processing")
