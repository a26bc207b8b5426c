"""docs/api.md is a tested example: its ```pycon blocks run, in order, as one doctest session.

They run from a temporary folder holding a copy of ``examples/`` (what the page says), so that the
cache a check writes never lands in the repository.
"""

from __future__ import annotations

import doctest
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

PAGE = REPO / "docs" / "api.md"
BLOCK = re.compile(r"^```pycon\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_the_page_has_examples() -> None:
    assert len(BLOCK.findall(PAGE.read_text(encoding="utf-8"))) >= 5


def test_every_example_of_the_api_page_prints_what_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns(".minlint_cache"))
    monkeypatch.chdir(tmp_path)
    text = "\n".join(BLOCK.findall(PAGE.read_text(encoding="utf-8")))
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, "docs/api.md", str(PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    failures: list[str] = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)
