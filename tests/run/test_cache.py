"""The cache: entries round-trip, anything damaged is ignored, writes are atomic and fail soft."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from minlint.run.cache import FOLDER, LAYOUT, MAX_ENTRY, Cache, digest


def entries(root: Path) -> list[Path]:
    return sorted(path for path in (root / FOLDER / LAYOUT).rglob("*") if path.is_file())


def test_a_value_round_trips_and_the_folder_is_git_ignored_and_tagged(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    value = ("plan.yaml", True, (("ML001", 3, 5),), {"purposes": ["analytics"]}, None, 1.5)
    cache.put("files", digest("a"), value)
    assert cache.get("files", digest("a")) == value
    assert cache.get("files", digest("b")) is None
    assert (tmp_path / FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (tmp_path / FOLDER / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_digest_is_unambiguous_about_where_parts_end() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(b"x") == digest("x")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # truncated
        lambda data: data[:10],  # cut inside the checksum
        lambda data: b"XXXX" + data[4:],  # another format
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),  # one flipped bit in the payload
        lambda data: b"",  # empty
    ],
    ids=["truncated", "short", "magic", "flipped", "empty"],
)
def test_a_damaged_entry_is_never_trusted_and_is_rewritten(tmp_path: Path, damage: object) -> None:
    cache = Cache(tmp_path)
    key = digest("entry")
    cache.put("files", key, ("good", 1))
    (path,) = entries(tmp_path)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert Cache(tmp_path).get("files", key) is None
    Cache(tmp_path).put("files", key, ("good", 1))
    assert Cache(tmp_path).get("files", key) == ("good", 1)


def test_a_value_marshal_cannot_store_is_skipped_quietly(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("files", digest("x"), {"when": object()})
    assert cache.get("files", digest("x")) is None


def test_a_disabled_cache_reads_and_writes_nothing(tmp_path: Path) -> None:
    Cache(tmp_path).put("files", digest("x"), 1)
    disabled = Cache(tmp_path / "other", enabled=False)
    disabled.put("files", digest("x"), 1)
    assert disabled.get("files", digest("x")) is None
    assert not (tmp_path / "other").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_project_runs_without_the_cache(tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        cache = Cache(tmp_path)
        cache.put("files", digest("x"), 1)  # no exception
        assert cache.get("files", digest("x")) is None
    finally:
        tmp_path.chmod(0o755)


def test_a_file_where_the_cache_folder_should_be_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / FOLDER).write_text("mine\n", encoding="utf-8")
    Cache(tmp_path).put("files", digest("x"), 1)
    assert (tmp_path / FOLDER).read_text(encoding="utf-8") == "mine\n"


def test_an_existing_gitignore_inside_the_cache_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / ".gitignore").write_text("# edited\n*\n", encoding="utf-8")
    Cache(tmp_path).put("files", digest("x"), 1)
    assert (tmp_path / FOLDER / ".gitignore").read_text(encoding="utf-8") == "# edited\n*\n"


def test_prune_removes_entries_unused_for_the_given_age_and_keeps_recent_ones(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("files", digest("old"), 1)
    cache.put("files", digest("new"), 2)
    old = next(path for path in entries(tmp_path) if path.name == digest("old"))
    long_ago = time.time() - 30 * 24 * 3600
    os.utime(old, (long_ago, long_ago))
    cache.prune("files")
    assert [path.name for path in entries(tmp_path)] == [digest("new")]


def test_reading_an_entry_marks_it_used_so_pruning_keeps_it(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("files", digest("kept"), 1)
    (path,) = entries(tmp_path)
    long_ago = time.time() - 30 * 24 * 3600
    os.utime(path, (long_ago, long_ago))
    assert cache.get("files", digest("kept")) == 1
    cache.prune("files")
    assert entries(tmp_path) == [path]


def _hammer(root: str, worker: int) -> None:
    cache = Cache(Path(root))
    for round_ in range(200):
        cache.put("files", digest("shared"), ("same", tuple(range(100))))
        cache.put("files", digest(f"own-{worker}-{round_ % 5}"), worker)
        found = cache.get("files", digest("shared"))
        assert found in (None, ("same", tuple(range(100))))


def test_concurrent_writers_never_leave_a_broken_or_half_written_entry(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_hammer, args=(str(tmp_path), worker)) for worker in range(6)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    cache = Cache(tmp_path)
    assert cache.get("files", digest("shared")) == ("same", tuple(range(100)))
    for worker in range(6):
        for round_ in range(5):
            assert cache.get("files", digest(f"own-{worker}-{round_}")) == worker
    assert not [path for path in entries(tmp_path) if path.name.startswith(".")]  # no temporary file left


def test_pruning_now_and_then_walks_the_entries_at_most_once_a_day(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("files", "a" * 40, ("old",))
    entry = next((tmp_path / FOLDER / LAYOUT / "files").rglob("a" * 40))
    os.utime(entry, (0, 0))
    cache.prune_now_and_then("files")  # never pruned before: prunes
    assert not entry.exists()
    cache.put("files", "a" * 40, ("old",))
    os.utime(entry, (0, 0))
    cache.prune_now_and_then("files")  # pruned less than a day ago: leaves it
    assert entry.exists()
    os.utime(tmp_path / FOLDER / LAYOUT / "pruned", (0, 0))
    cache.prune_now_and_then("files")  # a day later: prunes again
    assert not entry.exists()


def test_the_built_in_packs_come_back_from_the_cache_exactly_as_parsed(tmp_path: Path) -> None:
    import marshal

    from minlint.engine.packs import builtin_packs
    from minlint.run.cache.codecs import packs_data, packs_from

    packs = builtin_packs()
    stored = marshal.loads(marshal.dumps(packs_data(packs)))
    assert packs_from(stored) == packs
    assert repr(packs_from(stored)) == repr(packs)  # the run's cache key reads the rules' repr
    assert packs_from((("x", "y", ((1, 2),), ()),)) is None  # an entry of another shape is not trusted


# --- nothing in the folder is trusted --------------------------------------------------------------
#
# A cache restored in CI is whatever its last writer put there. Each planted thing is read by a
# real process with bounded time and memory, so that reading it unguarded fails the test instead
# of hanging it or exhausting the machine.

READ_ONE = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from minlint.run.cache import Cache
print(repr(Cache(Path(sys.argv[1])).get("files", sys.argv[2])))
"""


def read_in_a_process(root: Path, key: str) -> str:
    """What ``Cache(root).get("files", key)`` gives in a process of 1 GB of address space and 20 seconds."""
    done = subprocess.run(
        [sys.executable, "-c", READ_ONE, str(root), key], capture_output=True, text=True, timeout=20, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def sparse(path: Path, size: int) -> None:
    """A file of ``size`` bytes that takes no room on disk."""
    with path.open("wb") as handle:
        handle.truncate(size)


def entry_path(root: Path, key: str) -> Path:
    path = root / FOLDER / LAYOUT / "files" / key[:2] / key
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize(
    "plant",
    [
        os.mkfifo,
        lambda path: path.symlink_to("/dev/zero"),
        lambda path: sparse(path, 64 * 1024**3),
        lambda path: path.mkdir(),
    ],
    ids=["fifo-no-writer", "symlink-to-dev-zero", "sparse-64-GB", "folder"],
)
def test_an_entry_that_is_no_regular_file_of_a_sane_size_is_missing_at_once_and_then_replaced(
    tmp_path: Path, plant: Callable[[Path], None]
) -> None:
    key = digest("planted")
    plant(entry_path(tmp_path, key))
    started = time.monotonic()
    assert read_in_a_process(tmp_path, key) == "None"
    assert time.monotonic() - started < 10
    if not entry_path(tmp_path, key).is_dir():
        Cache(tmp_path).put("files", key, ("good", 1))  # rewritten as a regular file, over what was there
        assert Cache(tmp_path).get("files", key) == ("good", 1)


def test_an_entry_symlinked_to_a_valid_entry_elsewhere_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    Cache(elsewhere).put("files", digest("a"), "from elsewhere")
    (source,) = entries(elsewhere)
    entry_path(tmp_path, digest("a")).symlink_to(source)
    assert Cache(tmp_path).get("files", digest("a")) is None


def test_entries_are_bounded_on_writing_as_on_reading(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("files", digest("big"), b"x" * MAX_ENTRY)  # over the bound with its header: not written
    cache.put("files", digest("fits"), b"x" * (MAX_ENTRY - 1024))
    assert cache.get("files", digest("big")) is None
    assert [path.name for path in entries(tmp_path)] == [digest("fits")]
    assert cache.get("files", digest("fits")) == b"x" * (MAX_ENTRY - 1024)
    path = entries(tmp_path)[0]
    with path.open("ab") as handle:
        handle.truncate(MAX_ENTRY + 1)  # one byte over: never read
    assert cache.get("files", digest("fits")) is None


@pytest.mark.parametrize("where", ["", LAYOUT, f"{LAYOUT}/files", f"{LAYOUT}/files/{digest('x')[:2]}"])
def test_a_cache_folder_that_is_a_symlink_is_neither_read_nor_written_through(tmp_path: Path, where: str) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    Cache(elsewhere).put("files", digest("x"), "planted")  # a valid entry, reached only through the link
    project.mkdir()
    link = project / FOLDER / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere / FOLDER / where, target_is_directory=True)
    before = sorted(str(path) for path in elsewhere.rglob("*"))

    cache = Cache(project)
    assert cache.get("files", digest("x")) is None
    cache.put("files", digest("x"), "new")
    cache.put("files", digest("y"), "new")
    assert sorted(str(path) for path in elsewhere.rglob("*")) == before  # nothing written there


def test_pruning_never_follows_a_symlinked_bucket_out_of_the_cache(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "old-file").write_text("keep\n", encoding="utf-8")
    os.utime(victim / "old-file", (0, 0))
    project = tmp_path / "project"
    Cache(project).put("files", digest("x"), 1)
    (project / FOLDER / LAYOUT / "files" / "zz").symlink_to(victim, target_is_directory=True)
    Cache(project).prune("files")
    assert (victim / "old-file").read_text(encoding="utf-8") == "keep\n"


def test_a_planted_symlink_entry_is_pruned_itself_and_its_target_kept(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n", encoding="utf-8")
    os.utime(victim, (0, 0))
    link = entry_path(tmp_path / "project", digest("x"))
    link.symlink_to(victim)
    os.utime(link, (0, 0), follow_symlinks=False)
    Cache(tmp_path / "project").prune("files")
    assert not link.is_symlink()
    assert victim.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.parametrize("dangling", [True, False], ids=["to-a-missing-file", "to-an-existing-file"])
def test_the_pruned_marker_is_never_written_through_a_planted_symlink(tmp_path: Path, dangling: bool) -> None:
    victim = tmp_path / "victim.txt"
    if not dangling:
        victim.write_text("keep\n", encoding="utf-8")
        os.utime(victim, (0, 0))
    project = tmp_path / "project"
    Cache(project).put("files", digest("x"), 1)
    marker = project / FOLDER / LAYOUT / "pruned"
    marker.symlink_to(victim)
    Cache(project).prune_now_and_then("files")
    assert marker.is_file() and not marker.is_symlink()  # replaced by a marker of its own
    if dangling:
        assert not victim.exists()
    else:
        assert victim.read_text(encoding="utf-8") == "keep\n"
        assert victim.stat().st_mtime == 0  # not even touched


@pytest.mark.parametrize("name", [".gitignore", "CACHEDIR.TAG"])
def test_a_planted_gitignore_or_tag_that_is_no_regular_file_is_replaced_not_written_through(
    tmp_path: Path, name: str
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n", encoding="utf-8")
    (tmp_path / "project" / FOLDER).mkdir(parents=True)
    planted = tmp_path / "project" / FOLDER / name
    planted.symlink_to(victim)
    Cache(tmp_path / "project").put("files", digest("x"), 1)
    assert not planted.is_symlink()
    assert planted.read_text(encoding="utf-8").startswith(("# minlint's cache", "Signature: "))
    assert victim.read_text(encoding="utf-8") == "keep\n"


def test_the_code_stamp_changes_with_any_source_or_data_file_and_ignores_bytecode(tmp_path: Path) -> None:
    from minlint.run.cache.keys import folder_stamp

    (tmp_path / "engine").mkdir()
    source = tmp_path / "engine" / "core.py"
    source.write_text("A = 1\n", encoding="utf-8")
    (tmp_path / "rules.json").write_text("{}", encoding="utf-8")
    before = folder_stamp(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "core.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "notes.txt").write_text("not code", encoding="utf-8")
    assert folder_stamp(tmp_path) == before
    source.write_text("A = 2\n", encoding="utf-8")  # same size: the time tells
    os.utime(source, ns=(1, 1))
    assert folder_stamp(tmp_path) != before
