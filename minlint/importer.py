"""``minlint import``: plans kept in other formats written as minlint tracking plans.

The paths are read as ``check`` reads them — the same workspace, files and context pass, so that a
RudderStack plan resolves its project's catalog and declarations files apply — and every plan in
another format is written to ``<output>/<plan-name-slug>.yaml`` by :mod:`minlint.plan_yaml`.
Nothing is written unless every target may be (``force`` to overwrite existing files).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from minlint.engine.engine import Engine
from minlint.engine.names import NameMatcher, compile_matcher
from minlint.engine.packs import builtin_rules
from minlint.fileio import write_atomic
from minlint.loader.nodes import YMap
from minlint.model.purposes import PurposeRegistry
from minlint.paths import slug
from minlint.plan_yaml import GUESSED_NAME, plan_text
from minlint.readers import ReadOptions, read
from minlint.report import PathProblem
from minlint.run import Run
from minlint.run.context import context_pass
from minlint.run.file import Context
from minlint.run.read import ReadFailure, Source, maybe_context, read_source
from minlint.run.request import Request
from minlint.vocabulary import TRACKING_PLAN

_GUESSING_RULE = "ML101"


class Imported(NamedTuple):
    """One plan in another format, ready to write: where it was read, its name, its tree."""

    path: str
    name: str
    tree: YMap


class Guesser:
    """What rule ML101 knows of names and formats, as a category guess for a field."""

    def __init__(self) -> None:
        rule = next((rule for rule in builtin_rules() if rule.id == _GUESSING_RULE), None)
        options: Mapping[str, Any] = rule.options if rule is not None else {}
        self.matcher: NameMatcher = compile_matcher(options)
        formats = options.get("formats")
        self.formats: Mapping[str, Any] = formats if isinstance(formats, Mapping) else {}

    def __call__(self, name: str, node: Mapping[str, Any], parent: str | None) -> tuple[str, str] | None:
        """The category ``name`` (nested in ``parent``) or its ``format`` makes clear, and the comment saying so."""
        if node.get("type") == "boolean":
            return None  # a yes/no answer about an email address is not the address
        field_format = node.get("format")
        if isinstance(field_format, str) and field_format in self.formats:
            return str(self.formats[field_format]), f"# guessed from `format: {field_format}`; check it"
        found = self.matcher.match(name, parent)
        return (found.category, GUESSED_NAME) if found is not None and found.category else None


def foreign_plans(request: Request, cwd: Path | None = None) -> tuple[list[Imported], tuple[PathProblem, ...]]:
    """Every plan in another format under ``request.paths``, read with the project's context.

    Raises the set-up errors of :data:`minlint.commands.common.SETUP_ERRORS`.
    """
    run = Run(request._replace(use_cache=False), cwd)
    files = run.files()
    settings = run.settings
    sources: list[Source] = []
    problems = list(files.problems)
    for source in files.sources:
        data = read_source(source, settings.max_file_size)
        if isinstance(data, ReadFailure):
            problems.append(PathProblem(source.display, data.message))
            continue
        sources.append(Source(source, "", data))
    base = Context(Engine(()), PurposeRegistry(), None, settings.pure_yaml, settings.limits, facts=False)
    context = context_pass([source for source in sources if maybe_context(source.data or b"")], base)
    schema_plans = run.schema_plans(files)
    plans: list[Imported] = []
    for kept in sources:
        if kept.display in context.paths or kept.data is None:
            continue
        options = ReadOptions(
            context.taxonomy,
            settings.pure_yaml,
            settings.limits,
            validate=False,
            foreign=context.foreign,
            plain_schema=kept.display in schema_plans,
            keep_tree=True,
        )
        document = read(kept.display, kept.data, options)
        if document.kind == TRACKING_PLAN and document.tree is not None and document.spec is not None:
            plans.append(Imported(kept.display, document.spec.name, document.tree))
    return merged(plans), tuple(problems)


def merged(plans: list[Imported]) -> list[Imported]:
    """One plan per name: the events and fields of a plan read from several files (a Snowplow
    vendor's schemas) joined into the first file's, each name once."""
    first: dict[str, Imported] = {}
    for plan in plans:
        kept = first.setdefault(plan.name, plan)
        if kept is plan:
            continue
        for section in ("context", "traits", "events"):
            extra = plan.tree.get(section)
            if not isinstance(extra, YMap):
                continue
            into = kept.tree.setdefault(section, YMap(kept.tree.line, kept.tree.column))
            for name, value in extra.items():
                into.setdefault(name, value)
    return list(first.values())


def targets(plans: list[Imported], output: Path) -> list[tuple[Path, Imported]]:
    """Where each plan goes: ``<output>/<slug>.yaml``, ``-2``, ``-3`` … for names that meet."""
    taken: set[str] = set()
    placed = []
    for plan in plans:
        stem = base = slug(plan.name)
        number = 1
        while stem in taken:
            number += 1
            stem = f"{base}-{number}"
        taken.add(stem)
        placed.append((output / f"{stem}.yaml", plan))
    return placed


def write_plans(placed: list[tuple[Path, Imported]], guess: Guesser, force: bool) -> list[Path]:
    """Write each plan to its place (atomically); the paths written. Raises OSError."""
    written = []
    for path, plan in placed:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, plan_text(plan.tree, guess, plan.path), overwrite=force)
        written.append(path)
    return written
