"""A ``.minlint.yaml`` with each hostile problem: exit 2 with exactly one ``minlint: error: .minlint.yaml:LINE:COL:``
line, never a traceback — or, for the harmless ones (byte order marks, empty files, comments, Windows line
endings), a configuration that works.
"""

from __future__ import annotations

import codecs
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.hostile.conftest import Restricted
from tests.hostile.support import HEADER, assert_no_crash, check_json, laughs, run_measured, write

SPEC = HEADER + "traits:\n  email: {purpose: x, basis: consent}\n"  # ML003 and ML101, both at 5:3
SELECT = "select: [ML003]\n"

# name: (content of .minlint.yaml, (line, column), message fragment)
BROKEN: dict[str, tuple[bytes, tuple[int, int], str]] = {
    "syntax-error": (b"select: [ML003\n", (2, 1), "YAML syntax error"),
    "tab-indentation": (b"select:\n\t- ML003\n", (2, 1), "YAML indentation must use spaces, not tabs"),
    "duplicate-key": (
        b"select: [ML003]\nselect: [ML001]\n",
        (2, 1),
        "duplicate key `select` (first defined at line 1)",
    ),
    "duplicate-nested-key": (
        b"severity:\n  ML101: error\n  ML101: info\n",
        (3, 3),
        "duplicate key `ML101`",
    ),
    "non-utf8-byte": (b"select: [ML003]\n# caf\xe9\n", (2, 6), "not valid UTF-8 (byte 0xe9)"),
    "utf-16-bom-odd-byte-count": (codecs.BOM_UTF16_LE + SELECT.encode("utf-16-le") + b"x", (2, 1), "UTF-16-LE"),
    "binary-random-bytes": (random.Random(3).randbytes(512), (1, 1), "binary file"),
    "nul-bytes": (b"\x00" * 64, (1, 1), "binary file"),
    "control-character": (b"select: [ML003]\nfail-on: err\x07or\n", (2, 13), "does not allow (0x07)"),
    "billion-laughs": (laughs().encode(), (5, 47), "billion laughs"),
    "nesting-10000-deep": (b"select: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", (1, 1008), "nested"),  # libyaml stops
    "integer-key": (b"1: a\n", (1, 1), "key `1` is read as a number"),
    "null-key": (b"null: x\n", (1, 1), "key `null` is read as null"),
    "boolean-key": (b"on: x\n", (1, 1), "key `on` is read as true/false"),
    "list-key": (b"[a]: b\n", (1, 1), "a mapping key must be a name"),
    "python-tag": (b"select: !!python/object/apply:os.system [ML003]\n", (1, 9), "YAML tag `!!python/object/apply"),
    "custom-tag": (b"select: !custom [ML003]\n", (1, 9), "YAML tag `!custom`"),
    "alias-to-no-anchor": (b"select: *nowhere\n", (1, 9), "refers to no anchor"),
    "a-list-not-a-mapping": (b"- select\n", (1, 1), "must be a mapping"),
    "a-scalar-not-a-mapping": (b"select\n", (1, 1), "must be a mapping"),
}


def _one_error(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("minlint: error: .minlint.yaml:"), stderr
    return lines[0].removeprefix("minlint: error: .minlint.yaml:")


@pytest.mark.parametrize(("content", "where", "message"), BROKEN.values(), ids=list(BROKEN))
def test_hostile_config_is_exit_2_with_one_located_line(
    run_minlint: RunMinlint, tmp_path: Path, content: bytes, where: tuple[int, int], message: str
) -> None:
    write(tmp_path, {".minlint.yaml": content, "spec.yaml": SPEC})
    started = time.monotonic()
    result = run_minlint("check", "spec.yaml", cwd=tmp_path)
    assert time.monotonic() - started < 10
    assert_no_crash(result)
    assert (result.returncode, result.stdout) == (2, "")
    line, column, text = _one_error(result.stderr).split(":", 2)
    assert (int(line), int(column)) == where
    assert message in text


def test_python_tags_in_the_config_are_never_constructed(run_minlint: RunMinlint, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write(
        tmp_path, {".minlint.yaml": f"select: !!python/object/apply:os.system ['touch {marker}']\n", "spec.yaml": SPEC}
    )
    assert run_minlint("check", "spec.yaml", cwd=tmp_path).returncode == 2
    assert not marker.exists()


# name: (content of .minlint.yaml, the rules found in SPEC)
WORKING: dict[str, tuple[bytes, list[str]]] = {
    "utf-8-bom": (codecs.BOM_UTF8 + SELECT.encode(), ["ML003"]),
    "utf-16-le-bom": (codecs.BOM_UTF16_LE + SELECT.encode("utf-16-le"), ["ML003"]),
    "utf-16-be-bom": (codecs.BOM_UTF16_BE + SELECT.encode("utf-16-be"), ["ML003"]),
    "windows-line-endings": (b"fail-on: error\r\nselect:\r\n  - ML003\r\n", ["ML003"]),
    "cr-line-endings": (b"fail-on: error\rselect: [ML003]\r", ["ML003"]),
    "anchor-and-alias": (b"x-mine: &mine [ML003]\nselect: *mine\n", ["ML003"]),
    "start-and-end-markers": (b"---\nselect: [ML003]\n...\n", ["ML003"]),
    "empty-is-no-configuration": (b"", ["ML003", "ML101"]),
    "only-a-bom-is-no-configuration": (codecs.BOM_UTF8, ["ML003", "ML101"]),
    "only-comments-is-no-configuration": (b"# select: [ML003]\n# nothing else\n", ["ML003", "ML101"]),
    "only-a-document-marker-is-no-configuration": (b"---\n", ["ML003", "ML101"]),
}


@pytest.mark.parametrize(("content", "rules"), WORKING.values(), ids=list(WORKING))
def test_harmless_config_oddities_work(
    run_minlint: RunMinlint, tmp_path: Path, content: bytes, rules: list[str]
) -> None:
    write(tmp_path, {".minlint.yaml": content, "spec.yaml": SPEC})
    code, document, stderr = check_json(run_minlint, "spec.yaml", cwd=tmp_path)
    assert (code, stderr) == (1, "")
    assert [item["rule"] for item in document["findings"]] == rules


def test_a_second_document_in_the_config_is_exit_2(run_minlint: RunMinlint, tmp_path: Path) -> None:
    write(tmp_path, {".minlint.yaml": "select: [ML003]\n---\nselect: [ML101]\n", "spec.yaml": SPEC})
    result = run_minlint("check", "spec.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert _one_error(result.stderr) == "2:1: the configuration is one YAML document; a second starts here"


def test_a_100_mb_config_is_refused_quickly(tmp_path: Path) -> None:
    write(tmp_path, {"spec.yaml": SPEC})
    with (tmp_path / ".minlint.yaml").open("wb") as handle:
        handle.write(SELECT.encode())
        handle.truncate(100 * 1024 * 1024)
    result = run_measured("check", "spec.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.seconds < 10
    # Refused by its size, before a byte of it is read.
    assert _one_error(result.stderr) == "1:1: the configuration is 104,857,600 bytes; at most 1 MB is read"


# -- a configuration file that is not a regular file -------------------------------------------------------------


def test_a_config_option_naming_a_device_or_fifo_is_exit_2_without_reading_it(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    write(tmp_path, {"spec.yaml": SPEC})
    os.mkfifo(tmp_path / "fifo.yaml")
    for config in ("/dev/zero", "fifo.yaml"):
        started = time.monotonic()
        result = run_minlint("check", "--config", config, "spec.yaml", cwd=tmp_path)
        assert time.monotonic() - started < 10
        assert_no_crash(result)
        assert result.returncode == 2
        assert result.stderr.startswith(f"minlint: error: {config}:1:1: ")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(
    "make",
    [_fifo, _device, _dangling, _loop, _folder],
    ids=["fifo", "device", "dangling-symlink", "symlink-loop", "folder"],
)
def test_a_minlint_yaml_that_is_not_a_regular_file_never_hangs(
    run_minlint: RunMinlint, tmp_path: Path, make: Callable[[Path], None]
) -> None:
    write(tmp_path, {"spec.yaml": SPEC})
    make(tmp_path / ".minlint.yaml")
    started = time.monotonic()
    result = run_minlint("check", "spec.yaml", cwd=tmp_path)
    assert time.monotonic() - started < 10
    assert_no_crash(result)


@pytest.mark.parametrize(
    "make",
    [_fifo, _device, _dangling, _loop, _folder],
    ids=["fifo", "device", "dangling-symlink", "symlink-loop", "folder"],
)
def test_a_minlint_yaml_that_is_not_a_regular_file_is_exit_2(
    run_minlint: RunMinlint, tmp_path: Path, make: Callable[[Path], None]
) -> None:
    write(tmp_path, {"spec.yaml": SPEC})
    make(tmp_path / ".minlint.yaml")
    result = run_minlint("check", "spec.yaml", cwd=tmp_path)
    assert result.returncode == 2
    _one_error(result.stderr)


def test_an_unreadable_config_is_exit_2_with_one_line(restricted: Restricted, public_dir: Path) -> None:
    write(public_dir, {".minlint.yaml": SELECT, "spec.yaml": SPEC})
    (public_dir / ".minlint.yaml").chmod(0)
    result = restricted.run("check", "spec.yaml", cwd=public_dir)
    assert_no_crash(result)
    assert result.returncode == 2, restricted.how
    assert _one_error(result.stderr) == "1:1: cannot read: permission denied"
