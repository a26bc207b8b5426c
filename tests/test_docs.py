"""Generated documentation is never stale."""

from __future__ import annotations

from minlint.docgen import rules_page
from minlint.engine.packs import builtin_rules
from tests.conftest import REPO


def test_rules_page_is_generated_from_the_packs() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_page(builtin_rules()), "docs/rules.md is stale: run `python -m minlint.docgen`"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install . && minlint check examples/storefront" in readme
    assert "pip install -e '.[test]' && pytest" in readme
