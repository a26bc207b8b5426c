"""What a large tree costs: positions on one line share their line number; the memory benchmark runs.

Positions are most of a tree's memory, and a line number past 256 is an object of its own: the
key's and the value's line of ``key: value`` (and every item of ``[a, b]``) are one object, not two.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from minlint.loader.nodes import ParsedYaml, YMap, YSeq
from tests.conftest import REPO

Parse = Callable[..., ParsedYaml]

PAST_THE_SMALL_INTS = "".join(f"filler_{index}: {index}\n" for index in range(300))


def test_a_key_and_its_value_on_one_line_share_one_line_number(parse: Parse) -> None:
    text = PAST_THE_SMALL_INTS + "email: {purpose: [a, b], basis: consent}\nlast: x\n"
    root = parse(text).root
    assert isinstance(root, YMap)
    for key in ("filler_299", "email", "last"):
        key_line, _, value_line, _ = root.marks[key]
        assert key_line > 256
        assert key_line is value_line
    email = root["email"]
    assert isinstance(email, YMap)
    purposes = email["purpose"]
    assert isinstance(purposes, YSeq)
    line = root.marks["email"][0]
    assert email.line is line and purposes.line is line
    assert all(mark[0] is line for mark in email.marks.values())
    assert all(item_line is line for item_line, _ in purposes.marks)


def test_positions_on_different_lines_keep_their_own_numbers(parse: Parse) -> None:
    root = parse(PAST_THE_SMALL_INTS + "plan:\n  email:\n    basis: consent\n").root
    assert isinstance(root, YMap)
    plan = root["plan"]
    assert isinstance(plan, YMap)
    email = plan["email"]
    assert isinstance(email, YMap)
    assert (root.marks["plan"][0], plan.marks["email"][0], email.marks["basis"][0]) == (301, 302, 303)


def test_the_memory_benchmark_prints_the_factor_for_a_plan() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "memory.py"), "--mb", "0.3"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (row,) = [line for line in done.stdout.splitlines() if line.startswith("| 0.3 MB")]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[1].endswith(" MB") and float(cells[2]) > 1 and cells[5] == "1"
