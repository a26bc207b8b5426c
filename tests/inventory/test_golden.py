"""Golden files: ``minlint inventory examples/storefront --format X``, exactly.

Regenerate after an intended change with ``MINLINT_UPDATE_GOLDEN=1 pytest tests/inventory`` and
review the diff like any other change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO, RunMinlint
from tests.helpers import assert_matches_golden
from tests.inventory.conftest import inventory_output

GOLDEN = REPO / "tests" / "golden"
FORMATS = {"markdown": "inventory.md", "csv": "inventory.csv", "json": "inventory.json", "html": "inventory.html"}


@pytest.mark.parametrize(("output_format", "golden"), FORMATS.items())
def test_storefront_inventory_matches_golden_file(
    output_format: str, golden: str, run_minlint: RunMinlint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = inventory_output(output_format, "examples/storefront", run_minlint, tmp_path, monkeypatch)
    assert_matches_golden(output, GOLDEN / golden)


SAMPLE = re.compile(r"^<!-- sample: (\S+) -->\n(.*?)^<!-- /sample -->$", re.MULTILINE | re.DOTALL)


def test_docs_samples_are_real_output() -> None:
    """Every sample in docs/inventory.md is an excerpt of the golden output it names (which the tests check)."""
    page = (REPO / "docs" / "inventory.md").read_text(encoding="utf-8")
    samples = SAMPLE.findall(page)
    assert len(samples) >= 4
    for source, sample in samples:
        produced = {line.strip() for line in (REPO / source).read_text(encoding="utf-8").splitlines()}
        for line in sample.splitlines():
            if line.strip() and not line.startswith("```"):
                assert line.strip() in produced, f"docs/inventory.md: not in {source}: {line}"
    golden = (GOLDEN / "inventory.md").read_text(encoding="utf-8")
    mermaid = re.compile(r"^```mermaid\n.*?^```$", re.MULTILINE | re.DOTALL)
    assert mermaid.findall(page) == mermaid.findall(golden)  # the picture, whole


def test_docs_screenshot_exists() -> None:
    image = REPO / "docs" / "images" / "inventory.png"
    assert "](images/inventory.png)" in (REPO / "docs" / "inventory.md").read_text(encoding="utf-8")
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
