"""Generated documentation is never stale."""

from __future__ import annotations

import re

from minlint.docgen import accuracy_block, rules_page
from minlint.engine.packs import builtin_rules
from tests.conftest import REPO


def test_rules_page_is_generated_from_the_packs() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    accuracy = accuracy_block(page)  # measured by tests/accuracy/, which checks it
    assert accuracy, "docs/rules.md has lost its accuracy table: run tests/accuracy with MINLINT_UPDATE_GOLDEN=1"
    expected = rules_page(builtin_rules(), accuracy)
    assert page == expected, "docs/rules.md is stale: run `python -m minlint.docgen`"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install . && minlint check examples/storefront" in readme
    assert "pip install -e '.[test]' && pytest" in readme


def test_every_module_the_architecture_names_exists_and_every_run_stage_is_named() -> None:
    page = (REPO / "docs" / "development.md").read_text(encoding="utf-8")
    text = page[page.index("## Architecture") : page.index("## Types, lint and format")]
    named = set(re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)`", text))
    missing = [
        name
        for name in named
        if not (REPO / "minlint" / name).exists()
        and not (REPO / name).exists()
        and not any((folder / name).exists() for folder in (REPO / "minlint").iterdir() if folder.is_dir())
    ]
    assert missing == []
    stages = {path.name for path in (REPO / "minlint" / "run").glob("*.py")} - {"__init__.py"}
    unnamed = [stage for stage in sorted(stages) if f"run/{stage}" not in text]
    assert unnamed == []
    packages = {path.name for path in (REPO / "minlint").iterdir() if (path / "__init__.py").exists()}
    assert [package for package in sorted(packages) if f"`{package}/`" not in text] == []
