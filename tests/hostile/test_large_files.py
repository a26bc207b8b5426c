"""A single 100 MB file: refused unread by the size limit (16 MB by default) with a finding at 1:1, quickly and
in bounded memory; the limit is configurable (``max-file-size`` in ``.minlint.yaml``), and with it raised to
200 MB a real 100 MB spec is read and checked to its last line.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import RunMinlint
from tests.hostile.support import HEADER, check_json, found, run_measured

MB = 1024 * 1024


def sparse(path: Path, size: int, head: str = HEADER) -> Path:
    """A file of ``size`` bytes that starts like a spec and is NULs after (sparse: no disk used)."""
    with path.open("wb") as handle:
        handle.write(head.encode())
        handle.truncate(size)
    return path


def test_a_100_mb_file_is_refused_unread_at_1_1_quickly_and_in_bounded_memory(tmp_path: Path) -> None:
    sparse(tmp_path / "big.yaml", 100 * MB)
    result = run_measured("check", "--format", "json", "big.yaml", cwd=tmp_path)
    assert result.code == 1
    (finding,) = result.json["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("ML902", 1, 1)
    assert finding["message"] == (
        "the file is 100 MB, over the 16 MB limit; not checked (raise `max-file-size` to check it)"
    )
    assert result.seconds < 10
    assert result.max_rss_mb < 60, f"{result.max_rss_mb:.0f} MB for a file that should never be read"


def test_a_100_mb_file_in_a_walked_folder_is_refused_the_same_way(run_minlint: RunMinlint, tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    sparse(tmp_path / "specs" / "big.yaml", 100 * MB)
    code, document, stderr = check_json(run_minlint, cwd=tmp_path)
    assert (code, stderr) == (1, "")
    assert found(document) == [("specs/big.yaml", 1, 1, "ML902")]


def test_a_file_over_the_limit_that_does_not_start_like_a_spec_is_skipped(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    # Only its first 64 KB are read: a large YAML data file is not a spec, and says so at once.
    sparse(tmp_path / "data.yaml", 20 * MB, head="rows:\n")
    code, document, _ = check_json(run_minlint, cwd=tmp_path)
    assert code == 0
    assert found(document) == []


def test_a_file_over_the_limit_that_starts_like_a_spec_is_refused_with_a_finding(
    run_minlint: RunMinlint, tmp_path: Path
) -> None:
    sparse(tmp_path / "big.yaml", 20 * MB, head="minlint: 1\nkind: tracking-plan\nname: p\n")
    code, document, _ = check_json(run_minlint, cwd=tmp_path)
    assert code == 1
    assert found(document) == [("big.yaml", 1, 1, "ML902")]


@pytest.mark.parametrize(("size", "refused"), [(1024, False), (1025, True)], ids=["at-the-limit", "one-byte-over"])
def test_max_file_size_is_configurable_to_the_byte(
    run_minlint: RunMinlint, tmp_path: Path, size: int, refused: bool
) -> None:
    (tmp_path / ".minlint.yaml").write_text("max-file-size: 1 KB\n", encoding="utf-8")
    text = HEADER + "# padding\n"
    (tmp_path / "spec.yaml").write_text(text + "#" * (size - len(text) - 1) + "\n", encoding="utf-8")
    assert (tmp_path / "spec.yaml").stat().st_size == size
    code, document, _ = check_json(run_minlint, cwd=tmp_path)
    if refused:
        assert (code, found(document)) == (1, [("spec.yaml", 1, 1, "ML902")])
        assert "over the 1 KB limit" in document["findings"][0]["message"]
    else:
        assert (code, document["findings"], document["summary"]["files"]) == (0, [], 1)


def test_raising_the_limit_reads_the_100_mb_file(tmp_path: Path) -> None:
    (tmp_path / ".minlint.yaml").write_text("max-file-size: 200 MB\n", encoding="utf-8")
    sparse(tmp_path / "big.yaml", 100 * MB)
    result = run_measured("check", "--format", "json", "big.yaml", cwd=tmp_path)
    assert result.code == 1
    # Read this time: it is 100 MB of NULs after the header, so it is reported as binary.
    (finding,) = result.json["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("ML901", 1, 1)
    assert finding["message"] == "this is a binary file, not YAML text"


# -- a real 100 MB spec, read and checked -----------------------------------------------------------------------

PLAN_HEAD = (
    "minlint: 1\nkind: tracking-plan\nname: big\n"
    "defaults:\n  basis: legitimate_interests\n  retention: P13M\n  purpose: analytics.reporting\n  category: none\n"
    "events:\n"
)
PAD = "x" * 900


def generate(path: Path, size: int) -> tuple[int, int]:
    """A valid plan of about ``size`` bytes (events of ~1 KB each, two fields each) ending with one field that
    has a finding (ML007, indefinite retention); returns (fields, line of the finding)."""
    events = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write(PLAN_HEAD)
        while handle.tell() < size:
            handle.write(
                f"  Event {events}:\n    description: {PAD}\n    properties:\n"
                f"      a_{events}: {{type: string}}\n      b_{events}: {{type: number}}\n"
            )
            events += 1
        handle.write("traits:\n  kept_forever: {type: string, retention: forever}\n")
    return events * 2 + 1, PLAN_HEAD.count("\n") + events * 5 + 2


def test_a_real_100_mb_spec_is_read_and_checked_to_its_last_line_with_the_limit_raised(tmp_path: Path) -> None:
    (tmp_path / ".minlint.yaml").write_text("max-file-size: 200 MB\n", encoding="utf-8")
    # Measure a 4 MB sample first, and run the 100 MB one only if it should take under a minute here.
    generate(tmp_path / "sample.yaml", 4 * MB)
    started = time.monotonic()
    sample = run_measured("check", "--format", "json", "sample.yaml", cwd=tmp_path)
    projected = (time.monotonic() - started) * 25
    assert sample.code == 1
    if projected > 60:
        pytest.skip(f"checking 100 MB would take about {projected:.0f} s on this machine (over a minute)")
    (tmp_path / "sample.yaml").unlink()
    fields, line = generate(tmp_path / "big.yaml", 100 * MB)
    assert (tmp_path / "big.yaml").stat().st_size > 100 * MB
    result = run_measured("check", "--format", "json", "big.yaml", cwd=tmp_path, timeout=300)
    (tmp_path / "big.yaml").unlink()
    assert result.code == 1
    assert [(item["rule"], item["line"]) for item in result.json["findings"]] == [("ML007", line)]
    assert result.json["summary"]["fields"] == fields
    assert result.seconds < 90, f"{result.seconds:.1f} s"
    # Read into memory as a tree: a few times the file's size, never unbounded.
    assert result.max_rss_mb < 1500, f"{result.max_rss_mb:.0f} MB"
