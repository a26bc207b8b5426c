"""Golden files: the exact output of each format on examples/violations, through the real CLI.

Regenerate after an intended change with ``MINLINT_UPDATE_GOLDEN=1 pytest tests/formatters``
and review the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import REPO, RunMinlint

GOLDEN = REPO / "tests" / "golden"
FORMATS = {"text": "violations.txt", "json": "violations.json"}


@pytest.mark.parametrize(("output_format", "golden"), FORMATS.items())
def test_output_matches_golden_file(run_minlint: RunMinlint, output_format: str, golden: str) -> None:
    result = run_minlint("check", "examples/violations", "--format", output_format, cwd=REPO)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    path = GOLDEN / golden
    if os.environ.get("MINLINT_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


def test_clean_example_text_output_matches_golden_file(run_minlint: RunMinlint) -> None:
    result = run_minlint("check", "examples/storefront", cwd=REPO)
    assert result.returncode == 0
    path: Path = GOLDEN / "storefront.txt"
    if os.environ.get("MINLINT_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
