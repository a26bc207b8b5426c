"""Files shipped inside the package (schemas, the taxonomy, the built-in rule packs).

Read by path next to this module rather than through ``importlib.resources``: minlint is always
installed as files on disk (never zipped), and importing ``importlib.resources`` costs a
pre-commit hook more than reading the files does.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def package_file(*parts: str) -> Path:
    """The path of a file shipped in the package: ``package_file("data", "schemas", "rules.json")``."""
    return PACKAGE.joinpath(*parts)
