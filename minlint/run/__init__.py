"""A run of minlint over a project, as named stages with data flowing one way.

- request (:mod:`minlint.run.request`): what the user asked (``Request``), what stages read (``Settings``);
- workspace (:mod:`minlint.run.workspace`): the project root, its configuration, excludes;
- rules (:mod:`minlint.run.rules`): which rules exist, run, at what severity, are ignored where;
- files (:mod:`minlint.run.files`, :mod:`minlint.run.discover`): which files are read, which reported;
- read (:mod:`minlint.run.read`): a file's bytes, and a first look at what they are;
- context pass (:mod:`minlint.run.context`): purposes and categories files, the registry and taxonomy;
- file pass (:mod:`minlint.run.filepass`, :mod:`minlint.run.reach`, :mod:`minlint.run.workers`):
  every other file, from the cache or through the file stage;
- file (:mod:`minlint.run.file`): one file through its reader and the per-file rules;
- project (:mod:`minlint.run.project`): both passes, then the checks spanning the project;
- gates (:mod:`minlint.run.gates`): suppressions, per-path ignores, baseline, ``--new-since``;
- cache (:mod:`minlint.run.cache`): storage, with its keys and codecs beside it.

:class:`Run` sets a run up from a request and runs it; commands start from one, so ``check``,
``baseline``, ``suppressions`` and ``inventory`` agree on what the project is.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from minlint.config import ConfigError
from minlint.engine.packs import PackError
from minlint.progress import Advance, file_progress
from minlint.report import Analysis, PathProblem, Report
from minlint.run import gates
from minlint.run.cache import Cache
from minlint.run.discover import SourceFile
from minlint.run.files import FileSet, project_groups, select_files
from minlint.run.project import analyse
from minlint.run.read import DEFAULT_MAX_FILE_SIZE
from minlint.run.request import Request, Settings
from minlint.run.rules import RuleSet, rule_set
from minlint.run.workers import default_jobs
from minlint.run.workspace import Workspace


class Run:
    """A run set up: workspace, rules and settings. Raises ConfigError or PackError (exit 2) when it cannot be."""

    def __init__(self, request: Request, cwd: Path | None = None, start: Path | None = None) -> None:
        """``start`` is where to look for the project root (default: the current folder)."""
        self.request = request
        if start is None and request.paths and request.config is None:
            # The project is the first path's (`minlint check` splits paths of several projects first).
            start = project_groups(request, cwd)[0][0]
        self.workspace = Workspace(request, cwd, start)
        enabled = request.use_cache and not os.environ.get("MINLINT_NO_CACHE")
        self.cache = Cache(self.workspace.root, enabled=enabled)
        self.rules: RuleSet = rule_set(self.workspace, request, self.cache)
        config = self.workspace.config
        self.fail_on = request.fail_on or config.fail_on or "error"
        self.notes: tuple[PathProblem, ...] = ()  # what the last run left out, and why
        self.settings = Settings(
            rules=self.rules.running,
            severities=self.rules.severities,
            max_file_size=config.max_file_size or DEFAULT_MAX_FILE_SIZE,
            known_rules=self.rules.known,
        )

    def files(self) -> FileSet:
        """Which files this run reads and which it reports on."""
        return select_files(self.workspace, self.request.paths)

    def analyse(
        self,
        today: date | None = None,
        show_progress: bool = False,
        keep_model: bool = False,
        files: FileSet | None = None,
    ) -> Analysis:
        """Run every stage, every gate applied.

        ``show_progress`` allows a progress bar on the terminal (only for long runs); ``keep_model``
        keeps every spec whole (the inventory needs it; the cache is then not used).
        """
        request, workspace = self.request, self.workspace
        files = files or self.files()
        self.notes = files.notes
        jobs = request.jobs if request.jobs is not None else default_jobs(files.total_bytes())
        settings = self.settings._replace(jobs=jobs, schema_plans=self.schema_plans(files))
        with file_progress(len(files.sources), show_progress) as advance:
            analysis = analyse(
                files.sources,
                settings,
                files.problems,
                report_only=files.report_only,
                named=files.named_displays,
                keep_model=keep_model,
                cache=self.cache,
                progress=advance,
            )
        day = today or date.today()
        report = gates.inline(analysis.report, settings, day)
        # Formats that give paths to a code host (SARIF, GitHub, GitLab) want them relative to the
        # repository, whatever the minlint project root is.
        repository = _repository(workspace)
        report = report._replace(root=repository.as_posix(), cwd=workspace.cwd.as_posix())
        report = gates.per_path_ignores(report, self.rules.path_ignores, workspace)
        if request.use_baseline:
            report = gates.baseline(report, workspace, request, files)
        if request.new_since is not None:

            def check_old(sources: list[SourceFile]) -> Report:
                return check_sources(sources, settings, report_only=files.report_only, today=day)

            report = gates.new_since(report, request.new_since, workspace, files, check_old, settings.max_file_size)
        return analysis.with_report(gates.recount(report))

    def schema_plans(self, files: FileSet) -> frozenset[str]:
        """The files the configuration names as plain JSON Schema plans (``plans: {json-schema: …}``)."""
        globs = self.workspace.config.json_schema_plans
        if not globs:
            return frozenset()
        relative = self.workspace.root_relative_display
        return frozenset(
            source.display for source in files.sources if any(glob.matches(relative(source.display)) for glob in globs)
        )

    def check(self, today: date | None = None, show_progress: bool = False) -> Report:
        """The report of :meth:`analyse`."""
        return self.analyse(today, show_progress).report


def check_sources(
    sources: list[SourceFile],
    settings: Settings,
    problems: list[PathProblem] | None = None,
    *,
    report_only: frozenset[str] | None = None,
    today: date | None = None,
    cache: Cache | None = None,
    progress: Advance | None = None,
) -> Report:
    """Check ``sources`` as one project with inline suppressions applied (no other gate)."""
    analysis = analyse(sources, settings, problems, report_only=report_only, cache=cache, progress=progress)
    return gates.inline(analysis.report, settings, today or date.today())


def _repository(workspace: Workspace) -> Path:
    from minlint.paths import git_root

    return git_root(workspace.cwd) or workspace.root


__all__ = ["ConfigError", "PackError", "Request", "Run", "Settings", "check_sources", "project_groups"]
