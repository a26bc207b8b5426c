"""Golden files: ``minlint notice examples/… --format X`` run from the repository root, exactly.

Regenerate after an intended change with ``MINLINT_UPDATE_GOLDEN=1 pytest tests/notice`` and review
the diff like any other change: these are the words a company would publish.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, RunMinlint
from tests.helpers import assert_matches_golden
from tests.notice import STOREFRONT, VIOLATIONS

GOLDEN = REPO / "tests" / "golden"
RUNS = {
    "notice-storefront.md": (STOREFRONT, "markdown"),
    "notice-storefront.html": (STOREFRONT, "html"),
    "notice-violations.md": (VIOLATIONS, "markdown"),
}


@pytest.mark.parametrize("golden", RUNS)
def test_notice_matches_golden_file(golden: str, run_minlint: RunMinlint) -> None:
    folder, output_format = RUNS[golden]
    result = run_minlint("notice", folder, "--format", output_format, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert_matches_golden(result.stdout, GOLDEN / golden)
