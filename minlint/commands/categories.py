"""``minlint categories``: the data-category keys a field's ``category:`` may name.

The built-in taxonomy (fideslang's categories and minlint's three Art. 9 additions) and the
project's own, from its ``kind: categories`` files, as the checks see them: the project is read as
``minlint check`` reads it, so a project category that overrides a built-in one is shown once, as
overridden, with its effective flags (a child of a special category is special, and so on).
"""

from __future__ import annotations

import json
import sys
from typing import Any, NamedTuple

from minlint.commands.common import EXIT_CLEAN, EXIT_ERROR, SETUP_ERRORS, error, unreadable
from minlint.report import PathProblem
from minlint.run.request import Request
from minlint.taxonomy import NONE_CATEGORY, Category, Taxonomy, covers
from minlint.taxonomy.categories import BUILTIN_SOURCES

HEADERS = ("key", "name", "personal", "special", "regime", "source")


class CategoryFilter(NamedTuple):
    """Which categories to list: those under ``key`` (itself and its descendants), and only personal,
    only special-category, only the project's own ones when asked."""

    key: str | None = None
    personal: bool = False
    special: bool = False
    own: bool = False

    def keeps(self, category: Category) -> bool:
        """Whether ``category`` passes every filter."""
        return (
            (self.key is None or covers(self.key, category.key))
            and (not self.personal or category.personal is True)
            and (not self.special or category.special)
            and (not self.own or not category.builtin)
        )


class CategoryRow(NamedTuple):
    """One category as the listing shows it (effective flags)."""

    key: str
    name: str
    personal: bool | None  # None: a project category whose parent chain says nothing
    special: bool
    regime: str | None
    source: str  # "fideslang", "minlint" or the project file that declares it
    line: int | None  # of the key in that file
    parent: str | None
    description: str

    @property
    def origin(self) -> str:
        """Where the category comes from, for people: ``fideslang``, ``minlint`` or ``file:line``."""
        return self.source if self.line is None else f"{self.source}:{self.line}"


def project_taxonomy(request: Request) -> tuple[Taxonomy, tuple[PathProblem, ...]]:
    """The taxonomy the checks of the project ``request`` names use (built-in plus the project's own
    categories), and the paths that could not be read.

    Raises the setup errors of :data:`minlint.commands.common.SETUP_ERRORS` (bad configuration …).
    """
    from minlint.run import Run

    analysis = Run(request).analyse(keep_model=True)
    return analysis.taxonomy, analysis.report.path_problems


def category_rows(taxonomy: Taxonomy, wanted: CategoryFilter) -> list[CategoryRow]:
    """The categories of ``taxonomy`` that ``wanted`` keeps, sorted by key."""
    return [
        CategoryRow(
            key=category.key,
            name=category.name,
            personal=category.personal,
            special=category.special,
            regime=category.regime,
            source=category.source,
            line=None if category.builtin else category.line,
            parent=category.parent,
            description=category.description,
        )
        for category in taxonomy.categories()
        if wanted.keeps(category)
    ]


def unknown_key_message(taxonomy: Taxonomy, key: str) -> str | None:
    """Why ``key`` lists nothing — it is ``none``, or no category is it or below it — else ``None``."""
    if key == NONE_CATEGORY:
        return "`none` is not a category: `category: none` declares data that is not personal"
    if any(covers(key, known) for known in taxonomy):
        return None
    suggestion = taxonomy.suggest(key)
    hint = f"; did you mean `{suggestion}`?" if suggestion and suggestion != NONE_CATEGORY else ""
    return f"no category `{key}` in the Fides taxonomy or the project's categories{hint}"


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _cells(row: CategoryRow) -> list[str]:
    return [row.key, row.name, _yes_no(row.personal), _yes_no(row.special), row.regime or "", row.origin]


def render(rows: list[CategoryRow], output_format: str, total: int) -> str:
    """The listing as text (a table and a count), JSON or Markdown; ``total`` is the count before filtering."""
    if output_format == "json":
        document: dict[str, Any] = {
            "version": 1,
            "categories": [row._asdict() for row in rows],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output_format == "markdown":
        headers = (*HEADERS, "description")
        lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
        for row in rows:
            markdown = _cells(row)
            markdown[0] = f"`{markdown[0]}`"
            markdown.append(" ".join(row.description.split()))
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in markdown) + " |")
        return "\n".join(lines) + "\n"
    table = [list(HEADERS), *(_cells(row) for row in rows)]
    widths = [max(len(line[index]) for line in table) for index in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in table]
    personal = sum(1 for row in rows if row.personal)
    special = sum(1 for row in rows if row.special)
    own = sum(1 for row in rows if row.source not in BUILTIN_SOURCES)
    shown = f"{len(rows)} of {total} categories" if len(rows) != total else f"{len(rows)} categories"
    lines += [
        "",
        f"{shown} ({personal} personal data, {special} special-category data under Art. 9); "
        f"{own} declared by the project.",
        "`category: none` declares data that is not personal.",
    ]
    return "\n".join(lines) + "\n"


def run_categories(request: Request, wanted: CategoryFilter, output_format: str) -> int:
    """Print the categories ``wanted`` keeps; exit 2 when the project cannot be read or the key is unknown."""
    try:
        taxonomy, problems = project_taxonomy(request)
    except SETUP_ERRORS as failure:
        error(str(failure))
        return EXIT_ERROR
    if unreadable(problems, "categories not listed"):
        return EXIT_ERROR
    if wanted.key is not None:
        unknown = unknown_key_message(taxonomy, wanted.key)
        if unknown is not None:
            error(unknown)
            return EXIT_ERROR
    rows = category_rows(taxonomy, wanted)
    sys.stdout.write(render(rows, output_format, len(taxonomy)))
    return EXIT_CLEAN


__all__ = ["CategoryFilter", "CategoryRow", "category_rows", "project_taxonomy", "render", "run_categories"]
