"""The cache: entries round-trip, anything damaged is ignored, writes are atomic and fail soft."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from minlint.run.cache import FOLDER, LAYOUT, Cache, digest


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
