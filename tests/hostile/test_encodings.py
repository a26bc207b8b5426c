"""Bytes that are not (UTF-8) text, byte order marks, binary files, empty files and files of comments.

A spec in UTF-8, or in any YAML encoding announced by a byte order mark (UTF-8, UTF-16, UTF-32), is
read with the same findings at the same positions. Bytes that cannot be decoded are ML901 at the bad
byte's line and column; binary files (NULs, random bytes) are ML901 at 1:1 — also when they are not
specs, since a binary ``.yaml`` file is never what anyone meant. Empty files, files of comments or blank
lines, and undecodable files that do not mention minlint are not specs: skipped, exit 0.
"""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.hostile.support import HEADER, Batch, check_batch, check_json

# A plan with findings on several lines and non-ASCII text before them on the same line (an emoji is two
# UTF-16 code units but one column).
PLAN = (
    "# Plän für den Shop 😀\n"
    "minlint: 1\n"
    "kind: tracking-plan\n"
    "name: shop\n"
    "description: Événements — 漢字\n"
    "traits:\n"
    "  email: {type: string}\n"
    '  "😀 emoji": {type: string, purpose: analytics.reporting}\n'
    "events:\n"
    "  Commande passée:\n"
    "    properties:\n"
    "      montant: {type: number, retention: forever}\n"
)

ENCODINGS = {
    "utf-8": PLAN.encode("utf-8"),
    "utf-8-with-bom": codecs.BOM_UTF8 + PLAN.encode("utf-8"),
    "utf-16-le-with-bom": codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"),
    "utf-16-be-with-bom": codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"),
    "utf-32-le-with-bom": codecs.BOM_UTF32_LE + PLAN.encode("utf-32-le"),
    "utf-32-be-with-bom": codecs.BOM_UTF32_BE + PLAN.encode("utf-32-be"),
}


def _comparable(batch: Batch, path: str) -> list[tuple[int, int, str, str]]:
    return [(item["line"], item["column"], item["rule"], item["message"]) for item in batch.findings(path)]


@pytest.fixture(scope="module")
def encoding_batch(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    """The same plan in every encoding, one file each, checked in one run."""
    files = {f"{name}.yaml": data for name, data in ENCODINGS.items()}
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("encodings"), files)


def test_the_utf8_plan_has_findings_on_several_lines(encoding_batch: Batch) -> None:
    lines = {line for line, _, _, _ in _comparable(encoding_batch, "utf-8.yaml")}
    assert {7, 8, 12} <= lines
    assert encoding_batch.stderr == ""


@pytest.mark.parametrize("name", [name for name in ENCODINGS if name != "utf-8"])
def test_spec_with_a_byte_order_mark_has_the_same_findings_at_the_same_positions(
    encoding_batch: Batch, name: str
) -> None:
    assert _comparable(encoding_batch, f"{name}.yaml") == _comparable(encoding_batch, "utf-8.yaml")


# -- bytes that cannot be decoded --------------------------------------------------------------------------------

# name: (bytes, (line, column), message fragment)
UNDECODABLE: dict[str, tuple[bytes, tuple[int, int], str]] = {
    "latin-1-byte-in-a-value": (HEADER.encode() + b"description: caf\xe9\n", (4, 17), "not valid UTF-8 (byte 0xe9)"),
    "latin-1-byte-in-a-key": (HEADER.encode() + b"traits:\n  na\xefve: {}\n", (5, 5), "not valid UTF-8 (byte 0xef)"),
    "latin-1-byte-in-a-first-line-comment": (b"# caf\xe9\n" + HEADER.encode(), (1, 6), "not valid UTF-8"),
    "columns-count-characters-not-bytes": (
        HEADER.encode() + "description: é漢😀".encode() + b"\xff\n",
        (4, 17),
        "byte 0xff",
    ),
    "truncated-multibyte-at-the-end": (HEADER.encode() + b"description: caf\xc3", (4, 17), "not valid UTF-8"),
    "overlong-encoding": (HEADER.encode() + b"description: \xc0\xaf\n", (4, 14), "not valid UTF-8 (byte 0xc0)"),
    "encoded-surrogate": (HEADER.encode() + b"description: \xed\xa0\x80\n", (4, 14), "not valid UTF-8 (byte 0xed)"),
    "windows-line-endings-before-the-bad-byte": (
        HEADER.replace("\n", "\r\n").encode() + b"description: caf\xe9\r\n",
        (4, 17),
        "not valid UTF-8",
    ),
    "utf-8-bom-then-a-bad-byte": (codecs.BOM_UTF8 + HEADER.encode() + b"x-a: \xff\n", (4, 6), "not valid UTF-8"),
    "utf-16-bom-with-an-odd-byte-count": (
        codecs.BOM_UTF16_LE + HEADER.encode("utf-16-le") + b"x",
        (4, 1),
        "not valid UTF-16-LE",
    ),
    "utf-16-bom-without-the-word-minlint": (codecs.BOM_UTF16_BE + b"\x00a\x00:\x00 \xd8", (1, 4), "UTF-16-BE"),
    "control-character": (HEADER.encode() + b"description: a\x07b\n", (4, 15), "does not allow (0x07)"),
    "escape-character": (HEADER.encode() + b"description: a\x1b[31mred\n", (4, 15), "does not allow (0x1b)"),
    "delete-character": (HEADER.encode() + b"description: a\x7fb\n", (4, 15), "does not allow (0x7f)"),
    "c1-control-character": (HEADER.encode() + "description: a\x80b\n".encode(), (4, 15), "(0x80)"),
    "noncharacter-u-fffe": (HEADER.encode() + "description: a\ufffeb\n".encode(), (4, 15), "(0xfffe)"),
    "nul-after-the-first-8-kb": (
        HEADER.encode() + b"description: " + b"a" * 9000 + b"\x00\n",
        (4, 9014),
        "does not allow (0x00)",
    ),
}

BINARY: dict[str, bytes] = {
    "nul-bytes-only": b"\x00" * 4096,
    "one-nul-byte": b"\x00",
    "nul-inside-a-spec": HEADER.encode() + b"description: a\x00b\n",
    "utf-16-without-a-bom": HEADER.encode("utf-16-le"),
    "control-bytes": bytes(range(1, 9)) * 100,
    **{f"random-bytes-seed-{seed}": random.Random(seed).randbytes(2048) for seed in range(6)},
    "random-bytes-starting-like-a-spec": HEADER.encode() + random.Random(7).randbytes(2048),
}

NOT_SPECS: dict[str, bytes] = {
    "empty": b"",
    "only-a-utf-8-bom": codecs.BOM_UTF8,
    "only-comments": b"# a comment\n# another, mentioning minlint: 1\n",
    "only-blank-lines": b"\n\n   \n\n",
    "only-a-document-marker": b"---\n",
    "only-document-markers": b"---\n...\n---\n",
    "comments-with-windows-line-endings": b"# a\r\n# b\r\n",
    "latin-1-without-the-word-minlint": "name: café\n".encode("latin-1"),
    "utf-8-bom-then-utf-16-text": codecs.BOM_UTF8 + HEADER.encode("utf-16-le"),
}


@pytest.fixture(scope="module")
def broken_batch(tmp_path_factory: pytest.TempPathFactory, run_minlint_module: RunMinlint) -> Batch:
    """Every undecodable, binary and not-a-spec case as its own file, checked in one run."""
    files: dict[str, str | bytes] = {f"undecodable-{name}.yaml": data for name, (data, _, _) in UNDECODABLE.items()}
    files.update({f"binary-{name}.yaml": data for name, data in BINARY.items()})
    files.update({f"not-a-spec-{name}.yaml": data for name, data in NOT_SPECS.items()})
    return check_batch(run_minlint_module, tmp_path_factory.mktemp("bytes"), files)


def test_the_run_over_broken_bytes_fails_with_findings_and_counts_the_skipped_files(broken_batch: Batch) -> None:
    assert (broken_batch.code, broken_batch.stderr) == (1, "")
    assert broken_batch.document["summary"]["files"] == len(UNDECODABLE) + len(BINARY)


@pytest.mark.parametrize(
    ("name", "where", "message"), [(name, *case[1:]) for name, case in UNDECODABLE.items()], ids=list(UNDECODABLE)
)
def test_undecodable_bytes_are_ml901_at_the_bad_byte(
    broken_batch: Batch, name: str, where: tuple[int, int], message: str
) -> None:
    (finding,) = broken_batch.findings(f"undecodable-{name}.yaml")
    assert (finding["rule"], (finding["line"], finding["column"])) == ("ML901", where)
    assert message in finding["message"]


@pytest.mark.parametrize("name", list(BINARY))
def test_binary_file_is_ml901_at_the_first_line_and_column(broken_batch: Batch, name: str) -> None:
    (finding,) = broken_batch.findings(f"binary-{name}.yaml")
    assert (finding["rule"], finding["line"], finding["column"]) == ("ML901", 1, 1)
    assert finding["message"] == "this is a binary file, not YAML text"


@pytest.mark.parametrize("name", list(NOT_SPECS))
def test_empty_comment_only_and_unrecognisable_files_are_not_specs(broken_batch: Batch, name: str) -> None:
    assert broken_batch.findings(f"not-a-spec-{name}.yaml") == []


@pytest.mark.parametrize("data", [b"", b"# only a comment\n", codecs.BOM_UTF8], ids=["empty", "comments", "bom"])
def test_a_named_file_that_is_not_a_spec_passes_and_says_it_was_skipped(
    run_minlint: RunMinlint, tmp_path: Path, data: bytes
) -> None:
    (tmp_path / "other.yaml").write_bytes(data)
    result = run_minlint("check", "--no-color", "other.yaml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert "1 other YAML file skipped: not a minlint spec" in result.stdout


def test_a_large_binary_file_is_refused_quickly(run_minlint: RunMinlint, tmp_path: Path) -> None:
    (tmp_path / "blob.yaml").write_bytes(random.Random(0).randbytes(8 * 1024 * 1024))
    code, document, _ = check_json(run_minlint, "blob.yaml", cwd=tmp_path)
    assert code == 1
    assert [(item["rule"], item["line"], item["column"]) for item in document["findings"]] == [("ML901", 1, 1)]
