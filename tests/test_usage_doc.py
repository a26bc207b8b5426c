"""docs/usage.md shows real output: every `<!-- command: ... -->` block is re-run and compared."""

from __future__ import annotations

import os
import re
import shlex

from tests.conftest import REPO, RunMinlint

DOC = REPO / "docs" / "usage.md"
# Four backticks: the output of `minlint explain` contains three-backtick code blocks.
BLOCK = re.compile(r"(<!-- command: (?P<command>.+?) -->\n````console\n)(?P<output>.*?)(````)", re.DOTALL)


def render(run_minlint: RunMinlint, command: str) -> str:
    words = shlex.split(command)
    assert words[0] == "minlint"
    result = run_minlint(*words[1:], cwd=REPO, env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.returncode in (0, 1), result.stderr
    return f"$ {command}\n{result.stdout}"


def test_usage_page_outputs_are_current(run_minlint: RunMinlint) -> None:
    text = DOC.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert len(blocks) >= 5

    def replace(match: re.Match[str]) -> str:
        return match.group(1) + render(run_minlint, match.group("command")) + match.group(4)

    fresh = BLOCK.sub(replace, text)
    if os.environ.get("MINLINT_UPDATE_GOLDEN"):
        DOC.write_text(fresh, encoding="utf-8")
    assert text == fresh, "docs/usage.md is stale: MINLINT_UPDATE_GOLDEN=1 pytest tests/test_usage_doc.py"
