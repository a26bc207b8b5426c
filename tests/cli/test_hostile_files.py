"""Hostile and broken spec files end in a located finding through the real CLI: never a traceback,
never a hang, never a silent pass."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import RunMinlint

HEADER = "minlint: 1\nkind: tracking-plan\nname: p\n"
LAUGHS = (
    HEADER
    + "x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"x-{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(9))
)

CASES: dict[str, tuple[bytes, str, int]] = {
    # name: (file content, expected rule, expected line)
    "tab-indentation": ((HEADER + "traits:\n\temail: {}\n").encode(), "ML901", 5),
    "unclosed-flow": ((HEADER + "traits: {email: [\n").encode(), "ML901", 5),
    "invalid-utf8": (HEADER.encode() + b"description: caf\xe9\n", "ML901", 4),
    "binary-nuls": (b"\x00" * 512, "ML901", 1),
    "utf16-with-bom-missing-purpose": (
        (HEADER + "traits:\n  email: {basis: consent, retention: P1Y}\n").encode("utf-16"),
        "ML001",
        5,
    ),
    "second-document": ((HEADER + "---\nminlint: 1\n").encode(), "ML902", 4),
    "alias-bomb": (LAUGHS.encode(), "ML902", 8),
    "deep-flow-nesting": ((HEADER + "x-deep: " + "[" * 10000 + "]" * 10000 + "\n").encode(), "ML902", 4),
    "deep-block-nesting": (
        (HEADER + "x-deep:\n" + "".join("  " * i + "a:\n" for i in range(1, 400))).encode(),
        "ML902",
        204,
    ),
    "python-tag": ((HEADER + "traits: !!python/object/apply:os.system [echo pwned]\n").encode(), "ML902", 4),
    "non-text-key": ((HEADER + "traits:\n  1: {}\n").encode(), "ML902", 5),
    "duplicate-top-level-key": ((HEADER + "name: q\n").encode(), "ML903", 4),
    "wrong-version": (b"minlint: 2\nkind: tracking-plan\n", "ML902", 1),
    "unknown-kind": (b"minlint: 1\nkind: tracking_plan\n", "ML902", 2),
    "control-character": ((HEADER + "description: a\x07b\n").encode(), "ML901", 4),
}


@pytest.mark.parametrize(("name", "case"), CASES.items(), ids=list(CASES))
def test_hostile_file_gives_a_located_finding(
    run_minlint: RunMinlint, tmp_path: Path, name: str, case: tuple[bytes, str, int]
) -> None:
    content, rule, line = case
    (tmp_path / "spec.yaml").write_bytes(content)
    started = time.monotonic()
    result = run_minlint("check", "--format", "json", "spec.yaml", cwd=tmp_path)
    assert time.monotonic() - started < 20
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert (findings[0]["rule"], findings[0]["line"], findings[0]["path"]) == (rule, line, "spec.yaml")


def test_python_tags_are_never_constructed(run_minlint: RunMinlint, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    spec = HEADER + f"traits: !!python/object/apply:os.system ['touch {marker}']\n"
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    run_minlint("check", "spec.yaml", cwd=tmp_path)
    assert not marker.exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"# only a comment\n", b"---\n...\n", b"services: {web: {image: nginx}}\n", b"- a\n- b\n"],
    ids=["empty", "comments", "empty-document", "other-yaml", "a-list"],
)
def test_files_that_are_not_specs_are_skipped_without_findings(
    run_minlint: RunMinlint, tmp_path: Path, content: bytes
) -> None:
    (tmp_path / "other.yaml").write_bytes(content)
    result = run_minlint("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["findings"] == []


def test_oversized_file_is_refused_unread_with_a_finding(run_minlint: RunMinlint, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(20 * 1024 * 1024)
    result = run_minlint("check", "--format", "json", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("ML902", 1)]
    assert "over the 16 MB limit" in findings[0]["message"]
