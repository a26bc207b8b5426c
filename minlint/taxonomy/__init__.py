"""Data categories: the built-in Fides taxonomy (fideslang) with minlint's additions, and the project's own.

``from minlint.taxonomy import Taxonomy`` stays cheap: only the standard library is imported.
:mod:`minlint.taxonomy.project` reads ``kind: categories`` files; :mod:`minlint.taxonomy.convert` is
the maintainer tool that derived ``minlint/data/categories.json`` from fideslang.
"""

from minlint.taxonomy.categories import NONE_CATEGORY, REGIMES, Category, Taxonomy, covers, default_parent

__all__ = ["NONE_CATEGORY", "REGIMES", "Category", "Taxonomy", "covers", "default_parent"]
