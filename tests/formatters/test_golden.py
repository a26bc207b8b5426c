"""Golden files: the exact output of each format on examples/violations, through the real CLI.

Regenerate after an intended change with ``MINLINT_UPDATE_GOLDEN=1 pytest tests/formatters``
and review the diff like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, RunMinlint
from tests.formatters.support import GOLDEN, check_violations
from tests.helpers import assert_matches_golden

FORMATS = {"text": "violations.txt", "json": "violations.json"}


@pytest.mark.parametrize(("output_format", "golden"), FORMATS.items())
def test_output_matches_golden_file(run_minlint: RunMinlint, checkout: Path, output_format: str, golden: str) -> None:
    check_violations(run_minlint, checkout, output_format, golden)


def test_clean_example_text_output_matches_golden_file(run_minlint: RunMinlint) -> None:
    result = run_minlint("check", "examples/storefront", cwd=REPO)
    assert result.returncode == 0
    assert_matches_golden(result.stdout, GOLDEN / "storefront.txt")
