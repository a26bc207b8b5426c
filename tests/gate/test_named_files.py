"""Named files and folders keep the whole project in view.

``minlint check plans/web.yaml`` (or ``minlint check campaigns/``) loads every spec of the project as
context — references, conflicts, the purposes registry and campaign usage resolve — but reports (and
counts) only the named files, as ruff and ESLint do.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from minlint.run import Run
from minlint.run.request import Request
from tests.conftest import RunMinlint
from tests.gate.support import (
    ADVERTISING,
    NO_PURPOSE,
    NO_RETENTION,
    OK,
    PURPOSES,
    TOO_LONG,
    UNKNOWN_PURPOSE,
    WRONG_BASIS,
    campaign,
    check_json,
    found,
    plan,
    rules_of,
    write,
)

EMAIL = "{purpose: marketing.advertising, retention: P1Y, basis: consent, category: user.contact.email}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        {
            ".minlint.yaml": "",  # marks the project root
            "registry/purposes.yaml": PURPOSES,
            # ML001 at 7; ML204 candidate `adfield` (8) is used by the campaign below.
            "plans/web.yaml": plan(email=EMAIL, nopurpose=NO_PURPOSE, adfield=ADVERTISING, ok=OK),
            # ML004 (6), ML008 (7), ML009 (8) — only with the registry in view.
            "plans/registry.yaml": plan(name="reg", unknown=UNKNOWN_PURPOSE, long=TOO_LONG, basis=WRONG_BASIS),
            "plans/other.yaml": plan(name="other", noretention=NO_RETENTION),  # ML003 at 6
            "campaigns/winback.yaml": campaign("traits.email", "web:traits.adfield"),
        },
    )


def test_a_named_campaign_resolves_references_into_plans_elsewhere(project: Path, run_minlint: RunMinlint) -> None:
    code, document = check_json(run_minlint, "campaigns/winback.yaml", cwd=project)
    assert (code, found(document)) == (0, [])
    assert document["summary"]["files"] == 1


def test_a_named_campaign_resolves_references_when_run_from_its_own_folder(
    project: Path, run_minlint: RunMinlint
) -> None:
    code, document = check_json(run_minlint, "winback.yaml", cwd=project / "campaigns")
    assert (code, found(document)) == (0, [])


def test_a_named_folder_is_checked_with_the_whole_project_as_context(project: Path, run_minlint: RunMinlint) -> None:
    # The campaign's references resolve into plans/ (no false ML201), as when the file is named.
    code, document = check_json(run_minlint, "campaigns", cwd=project)
    assert (code, found(document)) == (0, [])
    assert document["summary"]["files"] == 1
    _, named = check_json(run_minlint, "campaigns/winback.yaml", cwd=project)
    assert named == document


def test_the_registry_applies_to_a_named_plan(project: Path, run_minlint: RunMinlint) -> None:
    _, document = check_json(run_minlint, "plans/registry.yaml", cwd=project)
    assert found(document) == [
        ("plans/registry.yaml", 6, "ML004"),
        ("plans/registry.yaml", 7, "ML008"),
        ("plans/registry.yaml", 8, "ML009"),
    ]


def test_the_registry_outside_a_named_folder_applies_to_it(project: Path, run_minlint: RunMinlint) -> None:
    _, document = check_json(run_minlint, "plans", cwd=project)
    assert {"ML004", "ML008", "ML009"} <= rules_of(document)
    assert ("plans/web.yaml", 7, "ML001") in found(document)
    assert ("plans/other.yaml", 6, "ML003") in found(document)
    assert {path for path, _, _ in found(document)} <= {"plans/web.yaml", "plans/other.yaml", "plans/registry.yaml"}


def test_only_the_named_file_is_reported_and_counted(project: Path, run_minlint: RunMinlint) -> None:
    code, document = check_json(run_minlint, "plans/web.yaml", cwd=project)
    assert code == 1
    assert found(document) == [("plans/web.yaml", 7, "ML001")]
    assert document["summary"] == {"files": 1, "fields": 4, "errors": 1, "warnings": 0, "infos": 0}
    result = run_minlint("check", "plans/web.yaml", cwd=project)
    assert "Checked 1 spec file, 4 fields: 1 error, 0 warnings, 0 info." in result.stdout
    assert "other.yaml" not in result.stdout


def test_campaign_usage_elsewhere_counts_for_a_named_plan(project: Path, run_minlint: RunMinlint) -> None:
    """ML204 (unused field) needs the campaigns: the one using `adfield` is not named but is in view."""
    _, document = check_json(run_minlint, "--extend-select", "ML204", "plans/web.yaml", cwd=project)
    assert "ML204" not in rules_of(document)
    # The same when the plans' folder is named: the campaign elsewhere is in view.
    _, folder = check_json(run_minlint, "--extend-select", "ML204", "plans", cwd=project)
    assert "ML204" not in rules_of(folder)
    # Outside the project (no campaign anywhere in view), the field is unused.
    (project / "campaigns" / "winback.yaml").unlink()
    _, alone = check_json(run_minlint, "--extend-select", "ML204", "plans", cwd=project)
    assert ("plans/web.yaml", 8, "ML204") in found(alone)


def test_a_conflict_with_a_plan_elsewhere_is_reported_for_the_named_file(
    project: Path, run_minlint: RunMinlint
) -> None:
    conflicting = "{purpose: marketing.advertising, retention: P2Y, basis: consent, category: user.contact.email}"
    # ML205 is reported on the later definition in path order: `zz/` comes after `plans/`.
    write(project, {"zz/app.yaml": plan(name="app", email=conflicting)})
    _, document = check_json(run_minlint, "zz/app.yaml", cwd=project)
    assert found(document) == [("zz/app.yaml", 6, "ML205")]
    assert "also defined in plans/web.yaml:6" in document["findings"][0]["message"]


def test_an_excluded_named_file_is_not_reported(project: Path, run_minlint: RunMinlint) -> None:
    write(project, {".minlint.yaml": "exclude: [plans/other.yaml]\n"})
    code, document = check_json(run_minlint, "plans/other.yaml", cwd=project)
    assert (code, found(document)) == (0, [])
    _, both = check_json(run_minlint, "plans/other.yaml", "plans/web.yaml", cwd=project)
    assert found(both) == [("plans/web.yaml", 7, "ML001")]


def test_several_named_files_are_all_reported_and_nothing_else(project: Path, run_minlint: RunMinlint) -> None:
    _, document = check_json(run_minlint, "plans/other.yaml", "./plans/web.yaml", cwd=project)
    assert found(document) == [("plans/other.yaml", 6, "ML003"), ("plans/web.yaml", 7, "ML001")]
    assert document["summary"]["files"] == 2


# -- in-process: the plan of a run ---------------------------------------------------------------------------


def test_the_file_set_reads_the_whole_project_but_reports_only_the_named_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    planned = Run(Request(paths=("plans/web.yaml",)), cwd=project).files()
    assert {source.display for source in planned.sources} == {
        "registry/purposes.yaml",
        "plans/web.yaml",
        "plans/registry.yaml",
        "plans/other.yaml",
        "campaigns/winback.yaml",
    }
    assert planned.report_only == frozenset({"plans/web.yaml"})
    assert planned.problems == []


def test_a_run_resolves_named_paths_against_its_own_cwd(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.parent)
    report = Run(Request(paths=("plans/web.yaml",)), cwd=project).check(today=date(2026, 6, 15))
    assert report.path_problems == ()
    assert [(finding.path, finding.line, finding.rule) for finding in report.findings] == [
        ("plans/web.yaml", 7, "ML001")
    ]
