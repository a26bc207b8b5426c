"""minlint as a library: check a project, or load its model, from Python.

``minlint.check()`` runs what ``minlint check`` runs — the same project root and configuration, the
same rules, gates (suppressions, per-path ignores, baseline, ``new_since``) and cache — and returns
the findings as typed values; ``minlint.load()`` returns the project model the rules ran on (plans,
campaigns, registries, every field with its resolved declarations), for scripts that build on it.
The command line is a thin layer over :func:`check`. Documented, with examples that are run as
tests, in docs/api.md; the names :data:`__all__` lists are the stable API.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Final, NamedTuple, TypedDict, Unpack

from minlint.errors import SetupError
from minlint.findings import Finding
from minlint.model.project import ProjectIndex
from minlint.model.purposes import PurposeRegistry
from minlint.model.spec import Spec, Target
from minlint.report import PathProblem, Report, merge_reports
from minlint.run import Run
from minlint.run.files import FileSet, project_groups, with_contents
from minlint.run.request import Request
from minlint.taxonomy import Taxonomy
from minlint.vocabulary import CAMPAIGN, TRACKING_PLAN

StrPath = str | os.PathLike[str]


class CheckResult(NamedTuple):
    """What :func:`check` found.

    ``findings`` are those left after every gate, sorted by file, line, column and rule; ``failing``
    says whether one reaches ``fail_on`` (the severity that fails the check; empty when the projects
    checked set different ones, each then judged by its own), and ``passed`` whether none does and
    every path could be read (the command's exit 0).
    ``problems`` are the paths that could not be read (a gate must not pass them); ``skipped`` the
    named files left out, and why (a ``README.md``). ``report`` is the whole report the formatters
    render (counts, suppressed findings, what the gates did).
    """

    findings: tuple[Finding, ...]
    passed: bool
    failing: bool
    fail_on: str
    problems: tuple[PathProblem, ...]
    skipped: tuple[PathProblem, ...]
    report: Report


class Project:
    """The model of a checked project (:func:`load`): every spec as read, with resolved targets.

    ``specs`` holds the tracking plans (in any format), campaigns and registries; :attr:`plans`,
    :attr:`campaigns` and :meth:`fields` pick from them. ``registry`` is the purposes registry,
    ``taxonomy`` the data categories (Fides's and the project's own) and ``index`` every plan field
    and campaign by reference. ``findings`` are those of the same run, as :func:`check` gives them.
    """

    # Not a NamedTuple: a field named `index` would hide tuple.index.
    __slots__ = ("findings", "index", "registry", "specs", "taxonomy")

    def __init__(
        self,
        specs: tuple[Spec, ...],
        registry: PurposeRegistry,
        taxonomy: Taxonomy,
        index: ProjectIndex,
        findings: tuple[Finding, ...],
    ) -> None:
        self.specs: Final = specs
        self.registry: Final = registry
        self.taxonomy: Final = taxonomy
        self.index: Final = index
        self.findings: Final = findings

    def __repr__(self) -> str:
        return f"Project({len(self.plans)} plans, {len(self.campaigns)} campaigns, {len(self.findings)} findings)"

    @property
    def plans(self) -> tuple[Spec, ...]:
        """The tracking plans, in every format minlint reads."""
        return tuple(spec for spec in self.specs if spec.kind == TRACKING_PLAN)

    @property
    def campaigns(self) -> tuple[Spec, ...]:
        """The campaign specs."""
        return tuple(spec for spec in self.specs if spec.kind == CAMPAIGN)

    def fields(self) -> list[Target]:
        """Every field of every plan, nested fields included, in file order."""
        return [field for plan in self.plans for field in plan.fields()]


class Options(TypedDict, total=False):
    """The options of ``minlint check``, as keyword arguments of :func:`check` (docs/api.md has the table)."""

    config: StrPath | None
    select: Sequence[str] | None
    extend_select: Sequence[str]
    ignore: Sequence[str]
    exclude: Sequence[str]
    rule_packs: Sequence[StrPath]
    fail_on: str | None
    baseline: StrPath | None
    use_baseline: bool
    new_since: str | None
    cache: bool
    jobs: int | None


def request_of(paths: Iterable[StrPath] = (), **options: Unpack[Options]) -> Request:
    """The request a call of :func:`check` makes (the command line builds the same from its options).

    Raises TypeError for a keyword that is not an option, as a misspelt keyword argument would.
    """
    unknown = sorted(set(options) - set(Options.__annotations__))
    if unknown:
        raise TypeError(f"unexpected keyword argument {unknown[0]!r} (options: {', '.join(Options.__annotations__)})")
    config, baseline = options.get("config"), options.get("baseline")
    select = options.get("select")
    return Request(
        paths=tuple(os.fspath(path) for path in paths),
        config=os.fspath(config) if config is not None else None,
        select=tuple(select) if select is not None else None,
        extend_select=tuple(options.get("extend_select", ())),
        ignore=tuple(options.get("ignore", ())),
        exclude=tuple(options.get("exclude", ())),
        rule_packs=tuple(os.fspath(pack) for pack in options.get("rule_packs", ())),
        fail_on=options.get("fail_on"),
        baseline=os.fspath(baseline) if baseline is not None else None,
        use_baseline=options.get("use_baseline", True),
        new_since=options.get("new_since"),
        use_cache=options.get("cache", True),
        jobs=options.get("jobs"),
    )


def check(
    paths: Iterable[StrPath] = (),
    *,
    contents: Mapping[StrPath, str | bytes] | None = None,
    cwd: StrPath | None = None,
    today: date | None = None,
    **options: Unpack[Options],
) -> CheckResult:
    """Check the specs under ``paths`` (default: the configured paths, else ``cwd``) as ``minlint check`` does.

    The keyword ``options`` are the command's (``select=["ML1"]`` is ``--select ML1``;
    ``cache=False`` is ``--no-cache``; :class:`Options` lists them). ``contents`` gives the text of
    files by path instead of their bytes on disk — an editor's unsaved buffers — and may name files
    that do not exist yet. ``cwd`` is the folder relative paths start from and the project is
    looked for from (default: the current one). Raises :class:`~minlint.errors.SetupError` when the
    run cannot start (a bad configuration, rule pack, baseline or revision), with the one-line
    message the command prints.
    """
    return check_request(request_of(paths, **options), contents=contents, cwd=cwd, today=today)


def check_request(
    request: Request,
    *,
    contents: Mapping[StrPath, str | bytes] | None = None,
    cwd: StrPath | None = None,
    today: date | None = None,
    show_progress: bool = False,
) -> CheckResult:
    """:func:`check` for a :class:`~minlint.run.request.Request` already made (what the command line
    calls); ``show_progress`` allows a progress bar on the terminal for long runs."""
    folder = Path(cwd) if cwd is not None else None
    reports: list[Report] = []
    skipped: list[PathProblem] = []
    failing = False
    levels: set[str] = set()
    for start, part in project_groups(request, folder):
        run = Run(part, folder, start)
        files = _files(run, contents)
        report = run.analyse(today, show_progress, files=files).report
        levels.add(run.fail_on)
        failing = failing or any(finding.reaches(run.fail_on) for finding in report.findings)
        reports.append(report)
        skipped.extend(run.notes)
    report = merge_reports(reports)
    problems = tuple(report.path_problems)
    fail_on = levels.pop() if len(levels) == 1 else ""
    return CheckResult(
        tuple(report.findings), not failing and not problems, failing, fail_on, problems, tuple(skipped), report
    )


def load(
    paths: Iterable[StrPath] = (),
    *,
    config: StrPath | None = None,
    exclude: Sequence[str] = (),
    contents: Mapping[StrPath, str | bytes] | None = None,
    cwd: StrPath | None = None,
    today: date | None = None,
) -> Project:
    """The model of the project under ``paths`` (see :func:`check` for the arguments), with its findings.

    The files are read whole (never from the cache), so a large project costs the memory of its
    model. Paths in several projects are loaded as the first path's project. Raises
    :class:`~minlint.errors.SetupError` as :func:`check` does.
    """
    folder = Path(cwd) if cwd is not None else None
    request = request_of(paths, config=config, exclude=exclude, cache=False)
    run = Run(request, folder)
    analysis = run.analyse(today, keep_model=True, files=_files(run, contents))
    return Project(
        analysis.specs, analysis.registry, analysis.taxonomy, analysis.index, tuple(analysis.report.findings)
    )


def _files(run: Run, contents: Mapping[StrPath, str | bytes] | None) -> FileSet:
    """The run's files, with the given contents in place of the disk's."""
    files = run.files()
    if not contents:
        return files
    cwd = run.workspace.cwd
    given = {
        Path(os.path.abspath(cwd / os.fspath(path))): data.encode("utf-8") if isinstance(data, str) else data
        for path, data in contents.items()
    }
    return with_contents(files, given, cwd)


__all__ = ["CheckResult", "Finding", "PathProblem", "Project", "SetupError", "Spec", "Target", "check", "load"]
