"""The Python API (`minlint.check`, `minlint.load`): what the command line prints, as typed values."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import minlint
from tests.conftest import REPO, RunMinlint, write_files

PUBLIC = [
    "CheckResult",
    "Finding",
    "PathProblem",
    "Project",
    "SetupError",
    "Spec",
    "Target",
    "__version__",
    "check",
    "load",
]


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/ in the current folder (so that no cache lands in the repository)."""
    shutil.copytree(REPO / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns(".minlint_cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_public_names_are_pinned_and_each_resolves() -> None:
    assert sorted(minlint.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(minlint, name) is not None
    with pytest.raises(AttributeError):
        minlint.nothing_here  # noqa: B018


def test_importing_minlint_does_not_import_the_api() -> None:
    code = "import sys, minlint; print('minlint.api' in sys.modules, 'minlint.run' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert done.stdout.split() == ["False", "False"]


def test_check_finds_what_the_command_line_prints(examples: Path, run_minlint: RunMinlint) -> None:
    result = minlint.check(["examples/violations"], cache=False)
    printed = run_minlint("check", "examples/violations", "--format", "json", "--no-cache", cwd=examples)
    shown = json.loads(printed.stdout)["findings"]
    assert [(f.path, f.line, f.column, f.rule, f.message) for f in result.findings] == [
        (item["path"], item["line"], item["column"], item["rule"], item["message"]) for item in shown
    ]
    assert result.passed is (printed.returncode == 0) is False
    assert result.report.summary.errors == json.loads(printed.stdout)["summary"]["errors"]


def test_a_clean_project_passes(examples: Path) -> None:
    result = minlint.check(["examples/storefront"], cache=False)
    assert (result.passed, result.findings, result.problems) == (True, (), ())


def test_fail_on_decides_whether_warnings_pass(examples: Path) -> None:
    only_warnings = minlint.check(["examples/violations/sensitive.yaml"], select=["ML104"], cache=False)
    assert only_warnings.findings and {finding.severity for finding in only_warnings.findings} == {"warning"}
    assert only_warnings.passed
    assert not minlint.check(
        ["examples/violations/sensitive.yaml"], select=["ML104"], fail_on="warning", cache=False
    ).passed


def test_contents_replace_the_disk_and_the_rest_of_the_project_is_context(examples: Path) -> None:
    plan = examples / "examples" / "storefront" / "web-plan.yaml"
    edited = plan.read_text(encoding="utf-8").replace("purpose: essential.service", "purpose: essential.servce", 1)
    result = minlint.check([plan], contents={plan: edited}, cache=False)
    assert [finding.rule for finding in result.findings] == ["ML004"]  # checked against purposes.yaml on disk
    assert "did you mean `essential.service`?" in result.findings[0].message
    assert "essential.servce" not in plan.read_text(encoding="utf-8")  # the disk is untouched


def test_contents_of_a_context_file_change_what_a_plan_is_checked_against(examples: Path) -> None:
    registry = examples / "examples" / "storefront" / "purposes.yaml"
    shrunk = registry.read_text(encoding="utf-8").replace("  essential.fraud_detection:", "  essential.fraud_detectio:")
    result = minlint.check(["examples/storefront"], contents={registry: shrunk}, cache=False)
    assert "ML004" in {finding.rule for finding in result.findings}


def test_contents_may_name_a_file_not_saved_yet(examples: Path) -> None:
    draft = "minlint: 1\nkind: tracking-plan\nname: draft\ntraits:\n  email: {purpose: essential.service}\n"
    path = "examples/storefront/draft.yaml"
    result = minlint.check([path], contents={path: draft.encode()}, cache=False)
    assert [(finding.path, finding.line, finding.rule) for finding in result.findings] == [
        (path, 5, "ML002"),
        (path, 5, "ML003"),
        (path, 5, "ML101"),
        (path, 5, "ML205"),  # the storefront's plans define `traits.email` otherwise: the project is context
    ]
    assert result.problems == ()
    assert not (examples / path).exists()
    # Checked with its project as context: the storefront's purposes registry.
    unknown = minlint.check(
        [path], contents={path: draft.replace("essential.service", "essential.servce")}, cache=False
    )
    assert "ML004" in {finding.rule for finding in unknown.findings}


def test_a_path_that_cannot_be_read_fails_the_check(examples: Path) -> None:
    result = minlint.check(["examples/missing.yaml"], cache=False)
    assert not result.passed
    assert [(problem.path, problem.message) for problem in result.problems] == [
        ("examples/missing.yaml", "no such file or folder")
    ]


def test_a_run_that_cannot_start_raises_setup_error_with_the_commands_message(tmp_path: Path) -> None:
    write_files(tmp_path, {".minlint.yaml": "fail-on: sometimes\n", "plan.yaml": "minlint: 1\n"})
    with pytest.raises(minlint.SetupError) as raised:
        minlint.check(cwd=tmp_path, cache=False)
    assert str(raised.value).startswith(".minlint.yaml:1:")


def test_load_gives_the_model_with_declarations_resolved_in_any_format(examples: Path) -> None:
    project = minlint.load(["examples/dbt"])
    assert [(plan.name, plan.format) for plan in project.plans] == [("jaffle_shop", "dbt"), ("jaffle_shop", "dbt")]
    fields = {field.ref: field for field in project.fields()}
    first_name = fields["customers.first_name"].attrs  # category from jaffle_shop.declarations.yaml
    assert (first_name["category"], first_name["purposes"], first_name["retention"]) == (
        "user.name.first",
        ["essential.service"],
        "P3Y",  # the model's config.meta wins over the declarations file's defaults
    )
    assert project.findings == ()


def test_the_api_is_typed_for_its_users(tmp_path: Path) -> None:
    script = tmp_path / "use.py"
    script.write_text(
        "import minlint\n\n"
        "result: minlint.CheckResult = minlint.check(['plans'], select=['ML1'], cache=False)\n"
        "lines: list[int] = [finding.line for finding in result.findings]\n"
        "project: minlint.Project = minlint.load(['plans'])\n"
        "refs: list[str] = [field.ref for field in project.fields()]\n"
        "wrong: int = result.passed.upper()\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    # The one mistake planted is found, and nothing else: the API's types are seen.
    assert done.stdout.count("error:") == 1, done.stdout
    assert '"bool" has no attribute "upper"' in done.stdout


def test_a_misspelt_option_is_an_error_not_ignored(examples: Path) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'selct'"):
        minlint.check(["examples/storefront"], selct=["ML1"])  # type: ignore[call-arg]
