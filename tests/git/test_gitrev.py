"""minlint.gitrev against real repositories built in tmp_path: contents at a commit, renames, revisions."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from minlint import gitrev
from minlint.gitrev import GitError, files_at, renames_since, repository_root, resolve_revision
from tests.conftest import write_files

Git = Callable[..., str]

IDENTITY = ("-c", "user.email=test@example.com", "-c", "user.name=Test", "-c", "commit.gpgsign=false")
UNICODE_NAME = "spécs ünï/plän é.yaml"
ODD_NAMES = ["with space.yaml", "quo\"te's.yaml", "tab\tname.yml", UNICODE_NAME]
if sys.platform != "win32":
    ODD_NAMES.append("new\nline.yaml")


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Neither the user's git configuration nor an enclosing repository may leak into a test."""
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def run_git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        check=False,
        env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8", "surrogateescape")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    run_git(root, "-c", "init.defaultBranch=main", "init", "-q")
    return root


@pytest.fixture
def git(repo: Path) -> Git:
    def call(*args: str) -> str:
        return run_git(repo, *args)

    return call


def commit(git: Git, message: str = "change") -> str:
    git("add", "-A")
    git(*IDENTITY, "commit", "-q", "--allow-empty", "-m", message)
    return git("rev-parse", "HEAD").strip()


def plan(name: str, lines: int = 20) -> str:
    """A spec long enough for git's similarity scoring to be meaningful."""
    fields = "".join(f"  - name: {name}_field_{index}\n    purpose: analytics\n" for index in range(lines))
    return f"plan: {name}\nfields:\n{fields}"


def repository_state(root: Path) -> dict[str, Any]:
    """Everything a read-only operation must leave alone: porcelain status and every file under .git."""
    state: dict[str, Any] = {}
    for path in sorted((root / ".git").rglob("*")):
        if path.is_file():
            info = path.stat()
            state[str(path.relative_to(root))] = (info.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    state["status"] = run_git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all")
    state["work tree"] = sorted(
        (str(path.relative_to(root)), path.read_bytes() if path.is_file() and not path.is_symlink() else b"")
        for path in root.rglob("*")
        if ".git" not in path.relative_to(root).parts
    )
    return state


# --- files_at ---------------------------------------------------------------------------------------------


def test_files_at_returns_the_committed_content_not_the_work_tree(repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": "old: 1\n", "specs/deep/b.yml": "b: 1\n", "gone.yaml": "gone: 1\n", "README.md": "x"})
    first = commit(git)
    write_files(repo, {"a.yaml": "new: 2\n", "fresh.yaml": "fresh: 1\n"})
    (repo / "gone.yaml").unlink()
    commit(git)  # the deletion is committed too
    write_files(repo, {"a.yaml": "newer: 3\n"})  # and an uncommitted edit on top

    snapshot = files_at(repo, first)

    assert snapshot == {"a.yaml": b"old: 1\n", "gone.yaml": b"gone: 1\n", "specs/deep/b.yml": b"b: 1\n"}
    assert snapshot.too_large == {}
    assert list(snapshot) == sorted(snapshot)


def test_files_at_reads_from_a_subfolder_cwd_independent_paths(repo: Path, git: Git) -> None:
    write_files(repo, {"top.yaml": "t: 1\n", "sub/inner.yaml": "i: 1\n"})
    sha = commit(git)
    assert set(files_at(repo / "sub", sha)) == {"top.yaml", "sub/inner.yaml"}


def test_suffix_and_folder_filtering(repo: Path, git: Git) -> None:
    write_files(
        repo,
        {
            "root.yaml": "r\n",
            "specs/a.yaml": "a\n",
            "specs/nested/b.yml": "b\n",
            "specs/c.json": "{}",
            "specs/d.YAML": "upper\n",
            "specsextra/e.yaml": "not under specs\n",
            "campaigns/f.yaml": "f\n",
            "yaml": "no suffix\n",
            "schemas/com.acme/checkout/jsonschema/1-0-2": "{}",  # an Iglu schema: no suffix
            "schemas/com.acme/checkout/jsonschema/notes": "not a version\n",
            "schemas/com.acme/checkout/other/1-0-0": "not in a jsonschema folder\n",
        },
    )
    sha = commit(git)

    assert set(files_at(repo, sha)) == {
        "root.yaml",
        "specs/a.yaml",
        "specs/nested/b.yml",
        "specs/c.json",
        "specsextra/e.yaml",
        "campaigns/f.yaml",
        "schemas/com.acme/checkout/jsonschema/1-0-2",
    }
    assert set(files_at(repo, sha, under=["specs"])) == {"specs/a.yaml", "specs/nested/b.yml", "specs/c.json"}
    assert set(files_at(repo, sha, under=["./specs/", "campaigns"])) == {
        "specs/a.yaml",
        "specs/nested/b.yml",
        "specs/c.json",
        "campaigns/f.yaml",
    }
    assert set(files_at(repo, sha, under=["specs/nested"], suffixes=(".yml",))) == {"specs/nested/b.yml"}
    assert set(files_at(repo, sha, suffixes=(".json",))) == {"specs/c.json"}
    assert len(files_at(repo, sha, under=["."])) == 7
    assert files_at(repo, sha, under=["nowhere"]) == {}


def test_odd_paths_come_through_unquoted(repo: Path, git: Git) -> None:
    files: dict[str, str | bytes] = {name: f"name: {index}\n" for index, name in enumerate(ODD_NAMES)}
    write_files(repo, files)
    git("config", "core.quotepath", "true")  # the default, made explicit
    sha = commit(git)
    assert files_at(repo, sha) == {name: f"name: {index}\n".encode() for index, name in enumerate(ODD_NAMES)}


def test_bytes_are_returned_as_stored(repo: Path, git: Git) -> None:
    crlf = b"plan: x\r\nfields: []\r\n"
    bom = b"\xef\xbb\xbfplan: y\n"
    write_files(repo, {"crlf.yaml": crlf, "bom.yaml": bom, "empty.yaml": b"", "no-newline.yaml": b"a: 1"})
    sha = commit(git)
    assert files_at(repo, sha) == {"crlf.yaml": crlf, "bom.yaml": bom, "empty.yaml": b"", "no-newline.yaml": b"a: 1"}


def test_identical_contents_under_several_paths(repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": "same\n", "b/a.yaml": "same\n", "c.yml": "same\n"})
    sha = commit(git)
    assert files_at(repo, sha) == {"a.yaml": b"same\n", "b/a.yaml": b"same\n", "c.yml": b"same\n"}


def test_large_blobs_are_listed_not_read(repo: Path, git: Git) -> None:
    write_files(repo, {"big.yaml": "x" * 1000, "limit.yaml": "y" * 100, "small.yaml": "s\n", "big.json": "z" * 1000})
    sha = commit(git)
    snapshot = files_at(repo, sha, max_size=100)
    assert snapshot == {"limit.yaml": b"y" * 100, "small.yaml": b"s\n"}
    assert snapshot.too_large == {"big.yaml": 1000, "big.json": 1000}
    assert snapshot.heads == {"big.yaml": b"x" * 1000, "big.json": b"z" * 1000}


def test_a_large_blob_gives_only_its_head_and_the_blobs_after_it_still_come_through(
    repo: Path, git: Git, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gitrev, "HEAD_SIZE", 10)
    write_files(repo, {"a-big.yaml": "minlint: 1\n" + "x" * 300_000, "b.yaml": "b\n", "c-big.yaml": "c" * 200})
    sha = commit(git)
    snapshot = files_at(repo, sha, max_size=100)
    assert snapshot == {"b.yaml": b"b\n"}
    assert snapshot.too_large == {"a-big.yaml": 300_011, "c-big.yaml": 200}
    assert snapshot.heads == {"a-big.yaml": b"minlint: 1", "c-big.yaml": b"c" * 10}


def test_symlinks_and_submodules_are_skipped(repo: Path, git: Git) -> None:
    write_files(repo, {"real.yaml": "real: 1\n"})
    first = commit(git)
    try:
        os.symlink("real.yaml", repo / "link.yaml")
    except OSError:
        pytest.skip("symlinks are not available here")
    git("add", "link.yaml")
    git("update-index", "--add", "--cacheinfo", f"160000,{first},vendor/sub.yaml")
    git(*IDENTITY, "commit", "-q", "-m", "link and gitlink")  # no `add -A`: it would drop the gitlink again
    sha = git("rev-parse", "HEAD").strip()
    listing = git("ls-tree", "-r", "--full-tree", sha)
    assert "120000 blob" in listing and "160000 commit" in listing

    assert files_at(repo, sha) == {"real.yaml": b"real: 1\n"}


def test_one_cat_file_process_for_many_files(repo: Path, git: Git, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(repo, {f"specs/{index:03}.yaml": f"plan: p{index}\n" * (index % 7 + 1) for index in range(200)})
    sha = commit(git)
    commands: list[list[str]] = []
    original = subprocess.Popen

    def counting(args: list[str], *rest: Any, **options: Any) -> Any:
        commands.append(list(args))
        return original(args, *rest, **options)

    monkeypatch.setattr(subprocess, "Popen", counting)
    snapshot = files_at(repo, sha)

    assert len(snapshot) == 200
    assert snapshot["specs/123.yaml"] == b"plan: p123\n" * 5
    assert sum("cat-file" in command for command in commands) == 1
    assert len(commands) == 2  # ls-tree and cat-file, nothing per file


def test_a_pipe_sized_batch_does_not_deadlock(repo: Path, git: Git) -> None:
    # More output than a pipe buffer holds, and more input than git reads before answering.
    write_files(repo, {f"f{index:04}.yaml": f"{index}\n" * 3000 for index in range(60)})
    write_files(repo, {f"tiny{index:04}.yaml": f"{index}\n" for index in range(2000)})
    sha = commit(git)
    snapshot = files_at(repo, sha)
    assert len(snapshot) == 2060
    assert snapshot["f0059.yaml"] == b"59\n" * 3000


def test_files_at_unknown_commit(repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": "a\n"})
    commit(git)
    with pytest.raises(GitError, match=r"unknown revision `0{40}`"):
        files_at(repo, "0" * 40)
    with pytest.raises(GitError, match="unknown revision `--output=x`"):
        files_at(repo, "--output=x")


def test_files_at_missing_blob_is_reported(repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": "content that will vanish\n"})
    sha = commit(git)
    blob = git("rev-parse", f"{sha}:a.yaml").strip()
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    with pytest.raises(GitError, match=f"^the content of `a.yaml` at {sha} is missing"):
        files_at(repo, sha)
    with pytest.raises(GitError, match=f"^object {blob} is missing"):
        gitrev._cat_blobs(repo, [blob])  # the same, should it vanish between ls-tree and cat-file


# --- renames_since ----------------------------------------------------------------------------------------


def test_renames_committed_staged_and_added(repo: Path, git: Git) -> None:
    write_files(
        repo,
        {
            "committed.yaml": plan("committed"),
            "moved.yaml": plan("moved"),
            "plain.yaml": plan("plain"),
            "edited.yaml": plan("edited"),
            "to-sub.yaml": plan("to_sub"),
            "rewritten.yaml": plan("rewritten"),
            "untracked.yaml": plan("untracked"),
            "same.yaml": plan("same"),
        },
    )
    base = commit(git)
    git("mv", "committed.yaml", "committed-new.yaml")
    commit(git)
    git("mv", "moved.yaml", "moved-new.yaml")  # staged, not committed
    (repo / "plain.yaml").rename(repo / "plain-new.yaml")  # plain mv, then add of the new name only
    git("add", "plain-new.yaml")
    edited = plan("edited").splitlines(keepends=True)
    edited[3:6] = ["  - name: brand_new\n", "    purpose: marketing\n", "  - name: another\n"]
    (repo / "edited.yaml").unlink()
    write_files(repo, {"edited-new.yml": "".join(edited)})
    git("add", "-N", "edited-new.yml")  # intent to add is enough
    (repo / "sub" / "deeper").mkdir(parents=True)
    (repo / "to-sub.yaml").rename(repo / "sub" / "deeper" / "to-sub.yaml")
    git("add", "-A", "sub", "to-sub.yaml")
    (repo / "rewritten.yaml").unlink()
    write_files(repo, {"rewritten-new.yaml": "entirely: different\n"})
    git("add", "-A")
    (repo / "untracked.yaml").rename(repo / "untracked-new.yaml")  # not added: git cannot see it

    assert renames_since(repo, base) == {
        "committed.yaml": "committed-new.yaml",
        "moved.yaml": "moved-new.yaml",
        "plain.yaml": "plain-new.yaml",
        "edited.yaml": "edited-new.yml",
        "to-sub.yaml": "sub/deeper/to-sub.yaml",
    }


def test_renames_with_odd_names(repo: Path, git: Git) -> None:
    write_files(repo, {f"old {index}.yaml": plan(f"p{index}") for index in range(len(ODD_NAMES))})
    base = commit(git)
    for index, name in enumerate(ODD_NAMES):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        git("mv", f"old {index}.yaml", name)
    assert renames_since(repo, base) == {f"old {index}.yaml": name for index, name in enumerate(ODD_NAMES)}


def test_no_renames(repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": plan("a")})
    base = commit(git)
    write_files(repo, {"a.yaml": plan("a") + "extra: 1\n", "b.yaml": plan("b")})
    assert renames_since(repo, base) == {}


# --- resolve_revision -------------------------------------------------------------------------------------


def test_resolve_revision_forms(repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": "1\n"})
    first = commit(git)
    git("tag", "light")
    git(*IDENTITY, "tag", "-a", "-m", "annotated", "v1")
    git("branch", "feature")
    write_files(repo, {"a.yaml": "2\n"})
    second = commit(git)

    assert resolve_revision(repo, "HEAD") == second
    assert resolve_revision(repo, "main") == second
    assert resolve_revision(repo, "HEAD~1") == first
    assert resolve_revision(repo, "feature") == first
    assert resolve_revision(repo, "light") == first
    assert resolve_revision(repo, "v1") == first  # peeled: the commit, not the tag object
    assert resolve_revision(repo, first[:10]) == first
    assert resolve_revision(repo, first) == first


@pytest.mark.parametrize("ref", ["origin/mian", "HEAD~5", "0" * 40, "main..HEAD", "HEAD:a.yaml", "bad\nref"])
def test_unknown_revision(repo: Path, git: Git, ref: str) -> None:
    write_files(repo, {"a.yaml": "1\n"})
    commit(git)
    with pytest.raises(GitError) as caught:
        resolve_revision(repo, ref)
    message = str(caught.value)
    assert message.startswith("unknown revision `")
    assert "\n" not in message
    assert ref.replace("\n", "\\n") in message


@pytest.mark.parametrize("ref", ["-h", "--output=/tmp/x", "--all", ""])
def test_option_like_refs_are_refused(repo: Path, git: Git, ref: str) -> None:
    write_files(repo, {"a.yaml": "1\n"})
    commit(git)
    with pytest.raises(GitError, match="unknown revision"):
        resolve_revision(repo, ref)


def test_empty_repository(repo: Path) -> None:
    assert repository_root(repo) == repo.resolve()
    with pytest.raises(GitError, match=r"unknown revision `HEAD`: the repository has no commits yet"):
        resolve_revision(repo, "HEAD")
    with pytest.raises(GitError, match="no commits yet"):
        resolve_revision(repo, "origin/main")


def test_unborn_branch(repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": "1\n"})
    first = commit(git)
    git("checkout", "-q", "--orphan", "fresh")
    with pytest.raises(GitError, match="HEAD is on branch `fresh`, which has no commits yet"):
        resolve_revision(repo, "HEAD")
    assert resolve_revision(repo, "main") == first


def test_shallow_clone_hints_at_fetching(tmp_path: Path, repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": "1\n"})
    commit(git)
    git("branch", "other")
    write_files(repo, {"a.yaml": "2\n"})
    head = commit(git)
    clone = tmp_path / "clone"
    run_git(tmp_path, "clone", "-q", "--depth=1", "--single-branch", "--branch=main", repo.as_uri(), str(clone))

    assert resolve_revision(clone, "origin/main") == head
    assert files_at(clone, head) == {"a.yaml": b"2\n"}  # one commit deep is enough to read its tree
    with pytest.raises(GitError) as caught:
        resolve_revision(clone, "origin/other")
    assert str(caught.value) == (
        "unknown revision `origin/other`: this is a shallow clone that does not contain it; fetch it first "
        "(`git fetch --depth=1 origin other`; with actions/checkout, set `fetch-depth: 0`)"
    )
    with pytest.raises(GitError, match=r"unknown revision `HEAD~1`: this is a shallow clone.*--unshallow"):
        resolve_revision(clone, "HEAD~1")


def test_missing_remote_branch_in_a_full_clone(tmp_path: Path, repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": "1\n"})
    commit(git)
    clone = tmp_path / "clone"
    run_git(tmp_path, "clone", "-q", repo.as_uri(), str(clone))
    with pytest.raises(
        GitError, match=r"^unknown revision `origin/release`: fetch it first \(`git fetch origin release`\)$"
    ):
        resolve_revision(clone, "origin/release")


# --- repository_root and errors ---------------------------------------------------------------------------


def test_repository_root(repo: Path, git: Git) -> None:
    write_files(repo, {"specs/deep/a.yaml": "1\n"})
    assert repository_root(repo / "specs" / "deep") == repo.resolve()
    assert repository_root(repo / "specs" / "deep" / "a.yaml") == repo.resolve()
    assert repository_root(repo) == repo.resolve()


def test_not_a_repository(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(GitError, match=r"^not a git repository"):
        repository_root(folder)
    with pytest.raises(GitError, match=r"^not a git repository"):
        resolve_revision(folder, "HEAD")
    with pytest.raises(GitError, match="not a git repository"):
        files_at(folder, "HEAD")
    with pytest.raises(GitError, match="not a git repository"):
        renames_since(folder, "HEAD")
    with pytest.raises(GitError, match=r"^no such folder"):
        resolve_revision(tmp_path / "missing", "HEAD")


def test_a_repository_named_by_git_dir_and_git_work_tree_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, tree = tmp_path / "store.git", tmp_path / "tree"
    tree.mkdir()
    run_git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q", "--bare", str(store))
    monkeypatch.setenv("GIT_DIR", str(store))
    monkeypatch.setenv("GIT_WORK_TREE", str(tree))
    write_files(tree, {"specs/a.yaml": "a\n"})
    run_git(tree, "add", "-A")
    run_git(tree, *IDENTITY, "commit", "-q", "-m", "one")
    assert repository_root(tree / "specs") == tree.resolve()
    assert files_at(tree, resolve_revision(tree, "HEAD")) == {"specs/a.yaml": b"a\n"}


def test_git_dir_wins_over_an_enclosing_dot_git(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = repo / "vendored"
    inner.mkdir()
    store = tmp_path / "other.git"
    run_git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q", "--bare", str(store))
    monkeypatch.setenv("GIT_DIR", str(store))
    monkeypatch.setenv("GIT_WORK_TREE", str(inner))
    assert repository_root(inner) == inner.resolve()


def test_inside_the_git_folder(repo: Path) -> None:
    with pytest.raises(GitError):
        repository_root(repo / ".git")


def test_git_not_installed(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(GitError, match=r"^git is not installed"):
        resolve_revision(repo, "HEAD")
    with pytest.raises(GitError, match=r"^git is not installed"):
        gitrev._cat_blobs(repo, ["0" * 40])


def test_the_environment_git_runs_with(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    environment = gitrev._environment()
    assert environment["GIT_OPTIONAL_LOCKS"] == "0"
    assert environment["LC_ALL"] == "C"


# --- nothing is written -----------------------------------------------------------------------------------


@pytest.fixture
def busy_repo(repo: Path, git: Git) -> Iterator[tuple[Path, str]]:
    """A repository with committed, staged, unstaged and untracked changes, and a stale index stat."""
    write_files(repo, {"a.yaml": plan("a"), "b.yaml": plan("b"), "c.yaml": plan("c"), "specs/d.yml": "d: 1\n"})
    base = commit(git)
    git("mv", "a.yaml", "a2.yaml")
    write_files(repo, {"b.yaml": plan("b") + "more: 1\n", "untracked.yaml": "u: 1\n", "staged.yaml": "s: 1\n"})
    git("add", "staged.yaml")
    os.utime(repo / "c.yaml", ns=(1, 1))  # same content, different stat: a refresh would rewrite the index
    yield repo, base


def test_no_function_writes_to_the_repository(busy_repo: tuple[Path, str]) -> None:
    repo, base = busy_repo
    before = repository_state(repo)

    root = repository_root(repo / "specs")
    commit_sha = resolve_revision(root, "HEAD")
    assert commit_sha == base
    with pytest.raises(GitError):
        resolve_revision(root, "origin/nothing")
    assert set(files_at(root, commit_sha)) == {"a.yaml", "b.yaml", "c.yaml", "specs/d.yml"}
    assert renames_since(root, commit_sha) == {"a.yaml": "a2.yaml"}

    assert repository_state(repo) == before


def test_the_fixture_would_catch_a_porcelain_diff(busy_repo: tuple[Path, str]) -> None:
    """Why renames_since uses plumbing: `git diff COMMIT` refreshes and rewrites .git/index even with
    GIT_OPTIONAL_LOCKS=0 when a stat is stale, and the state comparison above notices that."""
    repo, base = busy_repo
    before = repository_state(repo)
    run_git(repo, "diff", "-M", "--name-status", "-z", base)
    assert repository_state(repo) != before


# --- nothing git does may hang or swamp a run -------------------------------------------------------------


def slow_git(folder: Path, slow: str) -> Path:
    """A ``git`` on a PATH of its own that runs the real git, except for the subcommand ``slow``: it sleeps."""
    real = shutil.which("git")
    assert real is not None
    folder.mkdir()
    script = folder / "git"
    script.write_text(
        f'#!/bin/sh\nfor argument in "$@"; do [ "$argument" = {slow} ] && exec sleep 30; done\nexec {real} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script on PATH")
@pytest.mark.parametrize("slow", ["rev-parse", "ls-tree", "cat-file"])
def test_a_git_that_takes_too_long_is_stopped_with_one_line(
    repo: Path, git: Git, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slow: str
) -> None:
    write_files(repo, {"a.yaml": "a: 1\n"})
    sha = commit(git)
    monkeypatch.setenv("PATH", f"{slow_git(tmp_path / 'bin', slow)}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("MINLINT_GIT_TIMEOUT", "0.5")
    started = time.monotonic()
    with pytest.raises(GitError) as raised:
        if slow == "rev-parse":
            resolve_revision(repo, "HEAD")
        else:
            files_at(repo, sha)
    assert time.monotonic() - started < 10
    assert str(raised.value) == (
        f"git {slow} did not finish within 0.5 s; it was stopped (set MINLINT_GIT_TIMEOUT to allow more seconds)"
    )


@pytest.mark.parametrize("value", ["soon", "0", "-1", "inf", "nan"])
def test_a_timeout_that_is_not_a_positive_number_of_seconds_is_refused(
    repo: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("MINLINT_GIT_TIMEOUT", value)
    with pytest.raises(GitError, match=f"^MINLINT_GIT_TIMEOUT must be a number of seconds above 0, not `{value}`$"):
        resolve_revision(repo, "HEAD")


def test_the_specs_of_a_commit_are_read_only_up_to_a_total(repo: Path, git: Git) -> None:
    write_files(repo, {f"{name}.yaml": name * 400 for name in "abc"})
    write_files(repo, {"same-as-a.yaml": "a" * 400})  # one blob read once: counted once
    sha = commit(git)
    assert len(files_at(repo, sha, max_total=1200)) == 4
    with pytest.raises(GitError, match=rf"^the specs at {sha} add up to 1\.17 KB, more than the 1\.17 KB minlint "):
        files_at(repo, sha, max_total=1199)


def test_no_git_output_is_read_past_its_limit(repo: Path, git: Git) -> None:
    write_files(repo, {f"specs/{index:03}.yaml": "a: 1\n" for index in range(100)})
    sha = commit(git)
    listing = gitrev._git(repo, "ls-tree", "-r", "-z", "--full-tree", sha, limit=100_000)
    assert listing.stdout.count(b"\0") == 100
    with pytest.raises(GitError, match=r"^git ls-tree printed more than 1000 bytes; the repository is too large"):
        gitrev._git(repo, "ls-tree", "-r", "-z", "--full-tree", sha, limit=1000)


def test_a_blob_larger_than_the_listing_said_is_not_read(repo: Path, git: Git) -> None:
    write_files(repo, {"a.yaml": "a: 1\n"})
    sha = commit(git)
    blob = git("rev-parse", f"{sha}:a.yaml").strip()
    assert gitrev._cat_blobs(repo, [blob], {blob: 5}) == {blob: b"a: 1\n"}
    with pytest.raises(GitError, match=f"^git cat-file answered 5 bytes for object {blob}, where git ls-tree said 4$"):
        gitrev._cat_blobs(repo, [blob], {blob: 4})
