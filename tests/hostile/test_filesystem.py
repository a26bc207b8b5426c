"""The file system fighting back: symlink loops, dangling symlinks, unreadable files and folders, FIFOs,
sockets and devices — in the walked tree and named on the command line.

A walk never follows a symlinked folder (so no loop can trap it) and never opens anything but a regular
file (a FIFO would block a read forever, ``/dev/zero`` never ends). What cannot be read makes the run exit 2
with one ``minlint: error: PATH: why`` line per problem, after reporting the findings of everything else.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.hostile.conftest import Restricted
from tests.hostile.support import VALID_PLAN, Json, assert_no_crash, check_json, error_lines, found, run_cli, write

BROKEN_PLAN = VALID_PLAN.replace("order_id: {type: string}", "order_id: {type: string, retention: forever}")
BROKEN_AT = ("plan.yaml", 12, 43, "ML007")


def quick(run: RunMinlint, *args: str, cwd: Path) -> tuple[int, Json, str]:
    """``check_json`` that must finish in a few seconds (a hang would show as a slow run or a timeout)."""
    started = time.monotonic()
    result = check_json(run, *args, cwd=cwd)
    assert time.monotonic() - started < 20
    return result


# -- symlinks ----------------------------------------------------------------------------------------------------


def test_a_symlink_to_its_own_folder_is_not_followed_and_each_spec_is_checked_once(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    write(tmp_path, {"plan.yaml": BROKEN_PLAN, "sub/other.yaml": "a: 1\n"})
    (tmp_path / "loop").symlink_to(".")
    (tmp_path / "sub" / "up").symlink_to("..")
    code, document, stderr = quick(run_minlint, cwd=tmp_path)
    assert (code, stderr) == (1, "")
    assert found(document) == [BROKEN_AT]


def test_two_folder_symlinks_pointing_at_each_other_are_not_followed(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write(tmp_path, {"plan.yaml": BROKEN_PLAN})
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    code, document, stderr = quick(run_minlint, cwd=tmp_path)
    assert (code, stderr, found(document)) == (1, "", [BROKEN_AT])


def test_a_symlinked_folder_of_specs_is_not_walked_twice(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write(tmp_path, {"specs/plan.yaml": BROKEN_PLAN})
    (tmp_path / "specs-link").symlink_to("specs")
    _, document, _ = quick(run_minlint, cwd=tmp_path)
    assert [path for path, *_ in found(document)] == ["specs/plan.yaml"]


def test_a_named_symlink_to_a_folder_is_walked(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write(tmp_path, {"specs/plan.yaml": BROKEN_PLAN})
    (tmp_path / "specs-link").symlink_to("specs")
    code, document, _ = quick(run_minlint, "specs-link", cwd=tmp_path)
    assert (code, [path for path, *_ in found(document)]) == (1, ["specs-link/plan.yaml"])


def _yaml_symlink_loop(folder: Path) -> None:
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")


def _dangling(folder: Path) -> None:
    (folder / "moved.yaml").symlink_to("nowhere/plan.yaml")


# The two ways a `.yaml` symlink in the tree leads nowhere, each as `make(folder)`.
BROKEN_YAML_SYMLINKS = pytest.mark.parametrize(
    "make", [_yaml_symlink_loop, _dangling], ids=["yaml-symlink-loop", "dangling-yaml-symlink"]
)


@BROKEN_YAML_SYMLINKS
def test_a_yaml_symlink_that_leads_nowhere_in_the_tree_does_not_hang_or_crash(
    run_minlint: RunMinlint, tmp_path: Path, make: Callable[[Path], None]
) -> None:
    write(tmp_path, {"plan.yaml": BROKEN_PLAN})
    make(tmp_path)
    code, document, _ = quick(run_minlint, cwd=tmp_path)
    assert code in (1, 2)
    assert found(document) == [BROKEN_AT]


TREE_SYMLINK_BUG = (
    "BUG: a `.yaml` symlink in the walked tree that cannot be followed (a loop or a dangling link) is skipped "
    "silently (discovery._walk: `if entry.is_symlink(): continue`), so the gate passes a spec it could not read; "
    "named on the command line the same path is exit 2"
)


@BROKEN_YAML_SYMLINKS
def test_a_yaml_symlink_that_leads_nowhere_in_the_tree_is_exit_2(
    run_minlint: RunMinlint, tmp_path: Path, make: Callable[[Path], None]
) -> None:
    write(tmp_path, {"plan.yaml": VALID_PLAN})
    make(tmp_path)
    code, _, stderr = quick(run_minlint, cwd=tmp_path)
    assert code == 2
    assert error_lines(stderr)


@pytest.mark.parametrize(
    ("make", "name", "why"),
    [
        (_yaml_symlink_loop, "a.yaml", "cannot read: too many levels of symbolic links"),
        (_dangling, "moved.yaml", "a broken symbolic link"),
    ],
    ids=["yaml-symlink-loop", "dangling-yaml-symlink"],
)
def test_a_named_symlink_that_leads_nowhere_is_exit_2_naming_it(
    run_minlint: RunMinlint, tmp_path: Path, make: Callable[[Path], None], name: str, why: str
) -> None:
    make(tmp_path)
    code, document, stderr = quick(run_minlint, name, cwd=tmp_path)
    assert (code, document["findings"]) == (2, [])
    assert any(line.endswith(f"{name}: {why}") for line in error_lines(stderr)), stderr


def test_a_problem_with_a_named_path_is_one_line_naming_it_as_given(run_minlint: RunMinlint, tmp_path: Path) -> None:
    _dangling(tmp_path)
    _, _, stderr = quick(run_minlint, "moved.yaml", cwd=tmp_path)
    assert error_lines(stderr) == ["moved.yaml: a broken symbolic link"]


# -- FIFOs, sockets, devices -----------------------------------------------------------------------------------

NOT_REGULAR = "not a regular file (a FIFO, socket or device)"


def test_a_fifo_in_the_tree_is_exit_2_without_blocking_and_the_rest_is_checked(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    write(tmp_path, {"plan.yaml": BROKEN_PLAN})
    os.mkfifo(tmp_path / "pipe.yaml")
    code, document, stderr = quick(run_minlint, cwd=tmp_path)
    assert code == 2
    assert found(document) == [BROKEN_AT]
    assert error_lines(stderr) == [f"pipe.yaml: {NOT_REGULAR}"]


def test_a_named_fifo_is_exit_2_without_blocking(run_minlint: RunMinlint, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    code, document, stderr = quick(run_minlint, "pipe.yaml", cwd=tmp_path)
    assert (code, document["findings"]) == (2, [])
    assert all(line.endswith(f"pipe.yaml: {NOT_REGULAR}") for line in error_lines(stderr))


def test_a_fifo_without_a_yaml_name_is_ignored(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write(tmp_path, {"plan.yaml": VALID_PLAN})
    os.mkfifo(tmp_path / "pipe")
    code, document, stderr = quick(run_minlint, cwd=tmp_path)
    assert (code, document["findings"], stderr) == (0, [], "")


def test_a_unix_socket_in_the_tree_is_exit_2(run_minlint: RunMinlint, public_dir: Path) -> None:
    # public_dir: a short path, as a socket's path is limited to about 100 bytes.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(public_dir / "s.yaml"))
        code, _, stderr = quick(run_minlint, cwd=public_dir)
    assert code == 2
    assert error_lines(stderr) == [f"s.yaml: {NOT_REGULAR}"]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/urandom"])
def test_a_named_device_is_exit_2_without_reading_it(run_minlint: RunMinlint, tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    code, document, stderr = quick(run_minlint, device, cwd=tmp_path)
    assert (code, document["findings"]) == (2, [])
    assert f"{device}: {NOT_REGULAR}" in error_lines(stderr)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_yaml_symlink_to_a_device_in_the_tree_is_exit_2(run_minlint: RunMinlint, tmp_path: Path, device: str) -> None:
    write(tmp_path, {"plan.yaml": BROKEN_PLAN})
    (tmp_path / "device.yaml").symlink_to(device)
    code, document, stderr = quick(run_minlint, cwd=tmp_path)
    assert code == 2
    assert found(document) == [BROKEN_AT]
    assert error_lines(stderr) == [f"device.yaml: {NOT_REGULAR}"]


def test_a_folder_named_like_a_yaml_file_is_walked_as_a_folder(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write(tmp_path, {"specs.yaml/plan.yaml": BROKEN_PLAN})
    code, document, _ = quick(run_minlint, cwd=tmp_path)
    assert (code, found(document)) == (1, [("specs.yaml/plan.yaml", *BROKEN_AT[1:])])


# -- unreadable files and folders --------------------------------------------------------------------------------


def _unreadable_tree(folder: Path) -> None:
    """A tree with one readable spec (with a finding) and every kind of unreadable thing next to it."""
    write(
        folder,
        {
            "plan.yaml": BROKEN_PLAN,
            "secret.yaml": VALID_PLAN,
            "closed/inside.yaml": VALID_PLAN,
            "no-entry/inside.yaml": VALID_PLAN,
            "notes.txt": "not YAML",
            ".hidden/inside.yaml": VALID_PLAN,
            "node_modules/pkg/inside.yaml": VALID_PLAN,
        },
    )
    (folder / "secret.yaml").chmod(0)
    (folder / "notes.txt").chmod(0)
    (folder / "closed").chmod(0)
    (folder / "no-entry").chmod(0o644)  # listable, but not enterable
    (folder / ".hidden").chmod(0)
    (folder / "node_modules").chmod(0)


def test_unreadable_files_and_folders_in_the_tree_are_exit_2_one_line_each_after_the_findings(
    restricted: Restricted, public_dir: Path
) -> None:
    _unreadable_tree(public_dir)
    result = restricted.run("check", "--format", "json", ".", cwd=public_dir)
    assert_no_crash(result)
    assert result.returncode == 2, restricted.how
    assert found(json.loads(result.stdout)) == [BROKEN_AT]
    assert sorted(error_lines(result.stderr)) == [
        "closed: cannot read folder: permission denied",
        "no-entry/inside.yaml: cannot read: permission denied",
        "secret.yaml: cannot read: permission denied",
    ]


def test_unreadable_files_minlint_would_not_read_anyway_do_not_matter(restricted: Restricted, public_dir: Path) -> None:
    write(public_dir, {"plan.yaml": VALID_PLAN, "notes.txt": "x", ".hidden/in.yaml": VALID_PLAN, "build/in.yaml": "x"})
    for name in ("notes.txt", ".hidden", "build"):
        (public_dir / name).chmod(0)
    result = restricted.run("check", ".", cwd=public_dir)
    assert_no_crash(result)
    assert (result.returncode, result.stderr) == (0, ""), restricted.how


@pytest.mark.parametrize("name", ["secret.yaml", "closed"])
def test_a_named_unreadable_file_or_folder_is_exit_2_naming_it(
    restricted: Restricted, public_dir: Path, name: str
) -> None:
    _unreadable_tree(public_dir)
    result = restricted.run("check", name, cwd=public_dir)
    assert_no_crash(result)
    assert result.returncode == 2, restricted.how
    assert name in result.stderr
    assert "not readable" in result.stderr or "permission denied" in result.stderr


NO_SEARCH_BUG = (
    "BUG: a path named on the command line in (or being) a folder that may be listed but not entered (mode "
    "0644) crashes with 'internal error: PermissionError': config.find_root calls Path.is_file() on "
    "FOLDER/.minlint.yaml, which raises PermissionError (only ENOENT-like errors are swallowed)"
)


@pytest.mark.parametrize("name", ["no-entry", "no-entry/inside.yaml"])
def test_a_named_path_in_a_folder_that_cannot_be_entered_is_exit_2_not_a_crash(
    restricted: Restricted, public_dir: Path, name: str
) -> None:
    _unreadable_tree(public_dir)
    result = restricted.run("check", name, cwd=public_dir)
    assert_no_crash(result)
    assert result.returncode == 2


def test_the_restricted_runner_really_cannot_read_a_mode_000_file(restricted: Restricted, public_dir: Path) -> None:
    # The other tests of this section mean nothing if the child could read everything.
    write(public_dir, {"secret.yaml": VALID_PLAN})
    (public_dir / "secret.yaml").chmod(0)
    result = run_cli("check", "secret.yaml", cwd=public_dir, preexec_fn=restricted.preexec_fn)
    assert result.returncode == 2, restricted.how
