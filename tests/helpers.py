"""Helpers shared by tests: run Python, run a whole project in-process, a rule's own examples, golden files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from minlint.engine.rule import Example, RuleDef
from minlint.report import Report
from minlint.run import Settings, check_sources
from minlint.run.discover import discover

EXPECT = re.compile(r"(?:#\s*|\band )expect:\s*([A-Z][A-Z0-9]*\d{3})")


def run_python(
    *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run the Python of the tests with ``args`` (text mode, output captured)."""
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=check)


def assert_matches_golden(text: str, path: Path) -> None:
    """``text`` is exactly the golden file ``path``; under ``MINLINT_UPDATE_GOLDEN=1`` it is written there first."""
    if os.environ.get("MINLINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def check_folder(folder: Path, rules: Iterable[RuleDef], cwd: Path | None = None) -> Report:
    """Check every spec under ``folder`` as one project."""
    sources, problems = discover([str(folder)], cwd or folder)
    assert not problems, problems
    return check_sources(sources, Settings(rules=tuple(rules)))


def example_positions(rule: RuleDef, example: Example, folder: Path, rules: Iterable[RuleDef]) -> list[tuple[int, int]]:
    """Where ``rule`` fires in its example's ``spec.yaml`` when the example project is checked."""
    for name, text in example.files.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = check_folder(folder, rules)
    return [(f.line, f.column) for f in report.findings if f.rule == rule.id and f.path == "spec.yaml"]


def expected_from_comments(folder: Path, root: Path) -> list[tuple[str, int, str]]:
    """``(path, line, rule)`` for every ``# expect: CODE`` comment in the YAML files under ``folder``."""
    expected = []
    for path in sorted(folder.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for code in EXPECT.findall(line):
                expected.append((path.relative_to(root).as_posix(), number, code))
    return expected
