"""Golden files: ``minlint dsr examples/… --format X`` run from the repository root, exactly.

Regenerate after an intended change with ``MINLINT_UPDATE_GOLDEN=1 pytest tests/dsr`` and review the
diff like any other change.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, RunMinlint
from tests.helpers import assert_matches_golden

GOLDEN = REPO / "tests" / "golden"
RUNS = {
    "dsr-storefront.md": ("examples/storefront", "markdown"),
    "dsr-storefront.json": ("examples/storefront", "json"),
    "dsr-violations.md": ("examples/violations", "markdown"),
}


@pytest.mark.parametrize("golden", RUNS)
def test_runbook_matches_golden_file(golden: str, run_minlint: RunMinlint) -> None:
    folder, output_format = RUNS[golden]
    result = run_minlint("dsr", folder, "--format", output_format, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert_matches_golden(result.stdout, GOLDEN / golden)
