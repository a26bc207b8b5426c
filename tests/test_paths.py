"""Paths as minlint shows and compares them: each way written once, in minlint.paths."""

from __future__ import annotations

from pathlib import Path

from minlint.paths import display_path, git_root, joined_relative, relative_to, shown_path


def test_a_path_inside_the_folder_is_shown_relative_and_outside_absolute(tmp_path: Path) -> None:
    assert display_path(tmp_path / "specs" / "a.yaml", tmp_path) == "specs/a.yaml"
    assert display_path(Path("/elsewhere/a.yaml"), tmp_path) == "/elsewhere/a.yaml"


def test_the_text_and_path_forms_agree(tmp_path: Path) -> None:
    root, cwd = tmp_path / "project", tmp_path / "project" / "specs"
    for shown in ("a.yaml", "deep/b.yaml", "/elsewhere/c.yaml"):
        assert joined_relative(shown, root.as_posix(), cwd.as_posix()) == relative_to(cwd / shown, root)


def test_a_configuration_a_step_outside_is_shown_relative(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    assert shown_path(tmp_path / ".minlint.yaml", inner) == "../.minlint.yaml"
    assert shown_path(tmp_path / ".minlint.yaml", inner / "deeper") == str(tmp_path / ".minlint.yaml")


def test_the_git_root_is_found_from_a_file_or_folder_but_not_from_inside_git(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "specs").mkdir()
    assert git_root(tmp_path / "specs") == tmp_path.resolve()
    assert git_root(tmp_path / "specs" / "a.yaml") == tmp_path.resolve()
    assert git_root(tmp_path / ".git") is None


def test_a_linked_work_tree_with_a_git_file_is_a_git_root(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: /elsewhere/.git/worktrees/x\n", encoding="utf-8")
    assert git_root(tmp_path) == tmp_path.resolve()
