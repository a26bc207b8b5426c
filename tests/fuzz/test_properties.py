"""End-to-end properties: whole generated projects through ``check_sources`` and through the real CLI.

For any project — junk bytes, structurally valid specs, or valid specs then mutated — minlint never
raises, every finding is located inside its file and names a known rule, the report does not depend
on how often or in which order the files are checked, and files that are not specs get no finding.
Loader-level properties (parse positions, agreement with ``yaml.safe_load``) live in
``tests/loader/test_properties.py``.

Profiles: see ``conftest.py`` (``pytest tests/fuzz --hypothesis-profile=long`` for the long run).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import RunMinlint
from tests.fuzz.strategies import (
    Project,
    any_project,
    junk_projects,
    mutated_projects,
    not_a_spec,
    serialised,
    valid_projects,
)
from tests.fuzz.support import DEFAULT_RULES, assert_well_formed, check, fuzz_settings, picture

PROFILE = fuzz_settings()

# -- never raises, findings well formed ----------------------------------------------------------


@PROFILE
@given(project=junk_projects(), pure=st.booleans())
def test_arbitrary_text_and_bytes_never_raise_and_findings_are_located(project: Project, pure: bool) -> None:
    assert_well_formed(check(project, pure=pure), project)


@PROFILE
@given(project=valid_projects(), pure=st.booleans())
def test_valid_specs_with_random_values_never_raise_and_findings_are_located(project: Project, pure: bool) -> None:
    report = check(project, pure=pure)
    assert_well_formed(report, project)
    clean = {item.name for item in project if item.clean}
    # safe_dump output is valid YAML with unique keys: never a syntax or duplicate-key finding.
    assert not [finding for finding in report.findings if finding.path in clean and finding.rule in ("ML901", "ML903")]


@PROFILE
@given(project=mutated_projects(), pure=st.booleans())
def test_mutated_specs_never_raise_and_findings_are_located(project: Project, pure: bool) -> None:
    assert_well_formed(check(project, pure=pure), project)


# -- the same project, the same report -----------------------------------------------------------


@PROFILE
@given(project=any_project, pure=st.booleans())
def test_checking_a_project_twice_gives_the_same_report(project: Project, pure: bool) -> None:
    assert picture(check(project, pure=pure)) == picture(check(project, pure=pure))


@PROFILE
@given(project=any_project, data=st.data())
def test_the_order_of_the_sources_does_not_change_the_report(project: Project, data: st.DataObject) -> None:
    shuffled = tuple(data.draw(st.permutations(project), label="order"))
    assert picture(check(project)) == picture(check(shuffled))


@PROFILE
@given(project=any_project, data=st.data())
def test_a_file_named_alone_gets_exactly_the_findings_of_the_full_run(project: Project, data: st.DataObject) -> None:
    # What the pre-commit hook relies on: reading only what the named file can reach (minlint.run.reach)
    # loses nothing and adds nothing.
    if not project:
        return
    named = data.draw(st.sampled_from([item.name for item in project]), label="named")
    full = [finding for finding in check(project).findings if finding.path == named]
    alone = check(project, report_only=frozenset({named})).findings
    assert [(item.line, item.column, item.rule, item.message, item.target) for item in alone] == [
        (item.line, item.column, item.rule, item.message, item.target) for item in full
    ]
    assert all(item.path == named for item in alone)


@PROFILE
@given(project=valid_projects(non_specs=False))
def test_libyaml_and_the_pure_parser_give_the_same_report_on_valid_yaml(project: Project) -> None:
    project = tuple(item for item in project if item.clean) or project[:0]
    assert picture(check(project, pure=False)) == picture(check(project, pure=True))


# -- files that are not specs --------------------------------------------------------------------


@st.composite
def projects_with_non_specs(draw: st.DrawFn) -> Project:
    """A valid project (maybe empty) plus 1-3 YAML files without a top-level ``minlint`` key."""
    project = draw(valid_projects(non_specs=False))[:2]
    extra = tuple(
        draw(serialised(f"not-a-spec{index}.yaml", draw(not_a_spec()), spec=False))
        for index in range(draw(st.integers(1, 3)))
    )
    return project + extra


@PROFILE
@given(project=projects_with_non_specs(), pure=st.booleans())
def test_files_that_are_not_specs_get_no_finding_and_are_counted_as_skipped(project: Project, pure: bool) -> None:
    report = check(project, pure=pure)
    assert_well_formed(report, project)
    not_specs = {item.name for item in project if not item.spec}
    assert not [finding for finding in report.findings if finding.path in not_specs]
    assert not [item for item in report.suppressed if item.finding.path in not_specs]
    assert report.summary.skipped >= len(not_specs)


# -- through the real command line ---------------------------------------------------------------

# A subprocess per example costs ~0.3 s: a fixed, small number of examples in every profile.
CLI_PROFILE = fuzz_settings(max_examples=15)


def write(project: Project, folder: Path) -> None:
    for item in project:
        (folder / item.name).write_bytes(item.data)


@CLI_PROFILE
@given(project=any_project)
def test_the_cli_exits_0_1_or_2_without_a_traceback_and_prints_json(
    project: Project, run_minlint_module: RunMinlint
) -> None:
    with tempfile.TemporaryDirectory(prefix="minlint-fuzz-") as folder:
        write(project, Path(folder))
        result: subprocess.CompletedProcess[str] = run_minlint_module(
            "check", "--format", "json", "--no-color", ".", cwd=Path(folder)
        )
    assert result.returncode in (0, 1, 2), result
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr
    # Every generated file is readable: 2 (usage, configuration, unreadable path) has no cause here.
    assert result.returncode != 2, result.stderr
    document = json.loads(result.stdout)
    findings = document["findings"]
    errors = [finding for finding in findings if finding["severity"] == "error"]
    assert (result.returncode == 1) == bool(errors), (result.returncode, findings)
    assert document["summary"]["errors"] == len(errors)
    # The command line reports what check_sources reports (same files, the rules on by default).
    expected = check(project, rules=DEFAULT_RULES)
    shown = [(item["path"], item["line"], item["column"], item["rule"], item["message"]) for item in findings]
    assert shown == [(item.path, item.line, item.column, item.rule, item.message) for item in expected.findings]
