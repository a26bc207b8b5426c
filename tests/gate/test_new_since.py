"""``minlint check --new-since REF`` on real git repositories built in ``tmp_path``.

Only findings new relative to the specs at REF are reported; the old specs are read through git, so the
work tree, the index and ``.git`` are never touched. Git runs without user or system configuration.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.gate.support import (
    GIT_ENV,
    NO_PURPOSE,
    NO_RETENTION,
    PURPOSES,
    check_json,
    commit_all,
    exit_2_error,
    found,
    git,
    plan,
    write,
)

# ML904 (a suppression without a reason) is identified by its file, not by a plan and field: it shows
# whether findings are matched across a rename.
NO_REASON = "{purpose: analytics.reporting, retention: P1Y}  # minlint: ignore ML003"
WEB = plan(nopurpose=NO_PURPOSE, noretention=NO_RETENTION, tier=NO_REASON)  # ML001 6, ML003 7, ML904 8
APP = plan(name="app", a=NO_PURPOSE)  # ML001 6


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = write(
        tmp_path / "repo",
        {".minlint.yaml": "", "purposes.yaml": PURPOSES, "plans/web.yaml": WEB, "plans/app.yaml": APP},
    )
    git(folder, "init", "-q")
    commit_all(folder, "initial")
    return folder


def new_since(run_minlint: RunMinlint, repo: Path, *args: str, ref: str = "HEAD") -> list[tuple[str, int, str]]:
    code, document = check_json(run_minlint, "--new-since", ref, *args, cwd=repo, env=GIT_ENV)
    assert code == (1 if any(item["severity"] == "error" for item in document["findings"]) else 0)
    return found(document)


def test_an_unchanged_project_has_no_new_findings(repo: Path, run_minlint: RunMinlint) -> None:
    assert len(check_json(run_minlint, cwd=repo)[1]["findings"]) == 4
    assert new_since(run_minlint, repo) == []


def test_only_a_newly_added_violating_field_is_reported(repo: Path, run_minlint: RunMinlint) -> None:
    write(repo, {"plans/web.yaml": WEB + "  added: {purpose: analytics.reporting}\n"})
    assert new_since(run_minlint, repo) == [("plans/web.yaml", 9, "ML003")]
    commit_all(repo, "add a field")
    assert new_since(run_minlint, repo, ref="HEAD~1") == [("plans/web.yaml", 9, "ML003")]
    assert new_since(run_minlint, repo, ref="main") == []


def test_a_new_registry_limit_makes_old_fields_newly_reported(repo: Path, run_minlint: RunMinlint) -> None:
    """New relative to the specs at REF: a stricter registry is a change too."""
    write(repo, {"purposes.yaml": PURPOSES.replace("max_retention: P2Y}", "max_retention: P6M}", 1)})
    assert {rule for _, _, rule in new_since(run_minlint, repo)} == {"ML008"}


@pytest.mark.parametrize("committed", [True, False], ids=["committed", "staged"])
def test_a_renamed_file_keeps_its_old_findings_old(repo: Path, run_minlint: RunMinlint, committed: bool) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "mv", "plans/web.yaml", "plans/storefront.yaml")
    if committed:
        commit_all(repo, "rename")
    _, everything = check_json(run_minlint, cwd=repo)
    assert ("plans/storefront.yaml", 8, "ML904") in found(everything)
    assert new_since(run_minlint, repo, ref=base) == []


def test_a_renamed_and_edited_file_reports_only_the_edit(repo: Path, run_minlint: RunMinlint) -> None:
    git(repo, "mv", "plans/web.yaml", "plans/storefront.yaml")
    write(repo, {"plans/storefront.yaml": WEB + "  added: {purpose: analytics.reporting}\n"})
    git(repo, "add", "plans/storefront.yaml")
    assert new_since(run_minlint, repo) == [("plans/storefront.yaml", 9, "ML003")]


def test_a_field_moved_to_another_file_of_the_same_plan_is_not_new(repo: Path, run_minlint: RunMinlint) -> None:
    write(
        repo,
        {
            "plans/web.yaml": plan(noretention=NO_RETENTION, tier=NO_REASON),
            "plans/web-traits.yaml": plan(nopurpose=NO_PURPOSE),  # the same plan `web`, a second file
        },
    )
    _, everything = check_json(run_minlint, cwd=repo)
    assert ("plans/web-traits.yaml", 6, "ML001") in found(everything)
    assert new_since(run_minlint, repo) == []


def test_a_field_moved_to_a_different_plan_is_new(repo: Path, run_minlint: RunMinlint) -> None:
    """Intended: findings are identified by plan and field, and `app` did not have this field at REF."""
    write(
        repo,
        {
            "plans/web.yaml": plan(noretention=NO_RETENTION, tier=NO_REASON),
            "plans/app.yaml": plan(name="app", a=NO_PURPOSE, nopurpose=NO_PURPOSE),
        },
    )
    assert new_since(run_minlint, repo) == [("plans/app.yaml", 7, "ML001")]


def test_new_since_with_a_named_file_reports_only_its_new_findings(repo: Path, run_minlint: RunMinlint) -> None:
    write(
        repo,
        {
            "plans/web.yaml": WEB + "  added: {purpose: analytics.reporting}\n",
            "plans/app.yaml": APP + "  b: {retention: P1Y}\n",
        },
    )
    assert new_since(run_minlint, repo, "plans/web.yaml") == [("plans/web.yaml", 9, "ML003")]
    assert new_since(run_minlint, repo, "plans/app.yaml") == [("plans/app.yaml", 7, "ML001")]


def test_paths_with_spaces_in_a_project_below_the_repository_root(tmp_path: Path, run_minlint: RunMinlint) -> None:
    repo = tmp_path / "the repo"
    project = repo / "tracking plans"
    write(project, {".minlint.yaml": "", "web plan.yaml": WEB, "purposes.yaml": PURPOSES})
    write(repo, {"README.md": "specs live in `tracking plans/`\n"})
    git(repo, "init", "-q")
    commit_all(repo)
    git(repo, "mv", "tracking plans/web plan.yaml", "tracking plans/store front.yaml")
    write(project, {"store front.yaml": WEB + "  added: {purpose: analytics.reporting}\n"})
    git(repo, "add", "-A")
    assert new_since(run_minlint, project) == [("store front.yaml", 9, "ML003")]


def test_an_unknown_revision_exits_2_with_one_line(repo: Path, run_minlint: RunMinlint) -> None:
    error = exit_2_error(run_minlint, "check", "--new-since", "no-such-branch", cwd=repo, env=GIT_ENV)
    assert error == "unknown revision `no-such-branch`"


def test_a_revision_that_looks_like_an_option_is_refused(repo: Path, run_minlint: RunMinlint) -> None:
    error = exit_2_error(run_minlint, "check", "--new-since=--output=/tmp/x", cwd=repo, env=GIT_ENV)
    assert error.startswith("unknown revision `--output")


def test_outside_a_git_repository_exits_2_with_one_line(tmp_path: Path, run_minlint: RunMinlint) -> None:
    folder = write(tmp_path / "plain", {".minlint.yaml": "", "web.yaml": WEB})
    error = exit_2_error(run_minlint, "check", "--new-since", "HEAD", cwd=folder, env=GIT_ENV)
    assert error.startswith("not a git repository: ")


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file of the work tree (outside .git and minlint's cache) -> a digest of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not {".git", ".minlint_cache"} & set(path.relative_to(folder).parts)
    }


def test_the_work_tree_and_the_index_are_left_untouched(repo: Path, run_minlint: RunMinlint) -> None:
    # A dirty repository: an edit, a staged rename, an untracked spec.
    write(repo, {"plans/web.yaml": WEB + "  added: {purpose: analytics.reporting}\n"})
    git(repo, "mv", "plans/app.yaml", "plans/application.yaml")
    write(repo, {"plans/draft.yaml": plan(name="draft", x=NO_PURPOSE)})
    status = git(repo, "status", "--porcelain", "--untracked-files=all")
    index = repo / ".git" / "index"
    index_bytes, index_mtime = index.read_bytes(), index.stat().st_mtime_ns
    work_tree = tree_digest(repo)
    git_files = sorted(path.relative_to(repo).as_posix() for path in (repo / ".git").rglob("*"))

    assert new_since(run_minlint, repo) == [("plans/draft.yaml", 6, "ML001"), ("plans/web.yaml", 9, "ML003")]

    assert index.read_bytes() == index_bytes
    assert index.stat().st_mtime_ns == index_mtime
    assert tree_digest(repo) == work_tree
    assert sorted(path.relative_to(repo).as_posix() for path in (repo / ".git").rglob("*")) == git_files
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == status


def test_an_unused_suppression_moved_down_by_an_unrelated_edit_is_not_new(repo: Path, run_minlint: RunMinlint) -> None:
    stale = "{purpose: analytics.reporting, retention: P1Y}  # minlint: ignore ML003 -- copied from elsewhere"
    write(repo, {"plans/stale.yaml": plan(name="stale", stale=stale)})
    commit_all(repo, "a stale suppression")
    write(repo, {"plans/stale.yaml": plan(name="stale", header="# Reviewed 2026-05.\n", stale=stale)})
    assert new_since(run_minlint, repo) == []


def big_plan(fields: int) -> str:
    """A plan of many clean fields and one without a purpose (ML001), larger than a small size limit."""
    clean = "".join(f"  f{n}: {{purpose: analytics.reporting, retention: P1Y}}\n" for n in range(fields))
    return plan().replace("traits:\n", f"traits:\n{clean}", 1) + f"  bad: {NO_PURPOSE}\n"


def test_a_plan_within_a_raised_size_limit_is_compared_with_its_old_self(
    tmp_path: Path, run_minlint: RunMinlint
) -> None:
    # Over the 16 MiB git reads by default, under the project's raised limit: read at both ends.
    text = big_plan(10) + "# " + "padding " * 2_200_000 + "\n"
    assert len(text) > 16 * 1024 * 1024
    repo = write(
        tmp_path / "repo",
        {".minlint.yaml": "max-file-size: 40MB\n", "purposes.yaml": PURPOSES, "plans/big.yaml": text},
    )
    git(repo, "init", "-q")
    commit_all(repo, "initial")
    assert new_since(run_minlint, repo) == []


def test_a_plan_too_large_at_both_ends_is_not_new(tmp_path: Path, run_minlint: RunMinlint) -> None:
    # Over the default limit (16 MiB), which is also what git hands over whole.
    text = big_plan(10) + "# " + "padding " * 2_200_000 + "\n"
    repo = write(tmp_path / "repo", {".minlint.yaml": "", "purposes.yaml": PURPOSES, "plans/big.yaml": text})
    git(repo, "init", "-q")
    commit_all(repo, "initial")
    _, everything = check_json(run_minlint, cwd=repo)
    assert found(everything) == [("plans/big.yaml", 1, "ML902")]
    assert new_since(run_minlint, repo) == []
