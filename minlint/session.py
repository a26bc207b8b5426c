"""A check session: the project, its rules, its files, and the gates applied to findings.

A session knows the project root and its configuration, the rules to run, which files are
context and which are reported, and applies the gates (per-path ignores, the baseline,
``--new-since``).

``check``, ``baseline`` and ``suppressions`` all start from a :class:`Session`, so they agree on
what the project is.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from datetime import date
from pathlib import Path
from typing import NamedTuple

from minlint.baseline import Baseline
from minlint.baseline import load as load_baseline
from minlint.baseline import split as split_baseline
from minlint.cache import Cache
from minlint.checker import DEFAULT_MAX_FILE_SIZE, Analysis, Settings, analyse, check_sources
from minlint.config import ConfigError, find_root, git_root, load_config, rule_codes, select_rules, spec_paths
from minlint.discovery import SourceFile, discover, display_path, walked_into
from minlint.engine.packs import PackError, builtin_packs, combine, load_pack
from minlint.engine.rule import RuleDef
from minlint.findings import Finding, Summary
from minlint.globs import Glob
from minlint.parallel import default_jobs
from minlint.progress import file_progress
from minlint.report import PathProblem, Report, Suppressed


class Request(NamedTuple):
    """What the user asked for on the command line (``None`` means: as configured)."""

    paths: tuple[str, ...] = ()
    config: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()
    fail_on: str | None = None
    baseline: str | None = None
    use_baseline: bool = True
    new_since: str | None = None
    use_cache: bool = True
    jobs: int | None = None  # None: as many as there are cores, for runs big enough


class Plan(NamedTuple):
    """Which files a run reads (``sources``) and which it reports on (``report_only``; None = all)."""

    sources: list[SourceFile]
    report_only: frozenset[str] | None
    problems: list[PathProblem]
    walked: tuple[Path, ...] = ()  # the folders walked for sources
    named: tuple[Path, ...] = ()  # the files named on the command line
    reported_folders: tuple[Path, ...] = ()  # folders all of whose files are reported

    def covers(self, path: Path) -> bool:
        """Whether this run reports on ``path`` (an absolute path; the file may no longer exist)."""
        absolute = Path(os.path.abspath(path))
        if any(absolute == Path(os.path.abspath(named)) for named in self.named):
            return True
        return any(absolute.is_relative_to(Path(os.path.abspath(folder))) for folder in self.reported_folders)


def _split_option(values: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


class Session:
    """The project as one run sees it. Raises ConfigError or PackError (exit 2) when it cannot be set up."""

    def __init__(self, request: Request, cwd: Path | None = None, start: Path | None = None) -> None:
        """``start`` is where to look for the project root (default: the current folder)."""
        self.request = request
        self.cwd = (cwd or Path.cwd()).resolve()
        if request.config is not None:
            source = (self.cwd / request.config).resolve()
            if not os.path.lexists(source):
                raise ConfigError(request.config, 1, 1, "no such configuration file")
            self.root = source.parent
            self.config = load_config(self.root, source, self.cwd)
        else:
            self.root, found = find_root(start or self.cwd)
            self.config = load_config(self.root, found, self.cwd)
        self.known_rules = self._load_rules()
        self.rules = self._select()
        self.severities = self._severities()
        self.fail_on = request.fail_on or self.config.fail_on or "error"
        self.settings = Settings(
            rules=tuple(self.rules),
            severities=self.severities,
            max_file_size=self.config.max_file_size or DEFAULT_MAX_FILE_SIZE,
            known_rules=tuple(self.known_rules),
        )

    # -- set-up --------------------------------------------------------------------------------
    def _load_rules(self) -> list[RuleDef]:
        packs = list(builtin_packs())
        for given in self.config.rules:
            path = self.root / given
            if not path.is_file():
                raise self.config.error("rules", f"`rules`: no rule pack at `{given}` (relative to {self.root})")
            packs.append(load_pack(path, display_path(path, self.cwd)))
        for given in self.request.rule_packs:
            packs.append(load_pack(self.cwd / given, given))
        rules = combine(packs)
        return sorted(rules, key=lambda rule: (not rule.source.startswith("rules/"), rule.id))

    def _select(self) -> list[RuleDef]:
        request, config = self.request, self.config
        command_select = _split_option(request.select)
        command_extend = _split_option(request.extend_select) or ()
        command_ignore = _split_option(request.ignore) or ()
        # Command-line selectors are checked first so that an error names the right place.
        for option, values in (
            ("select", command_select or ()),
            ("extend-select", command_extend),
            ("ignore", command_ignore),
        ):
            for selector in values:
                if not rule_codes([selector], self.known_rules):
                    raise ConfigError("(command line)", 1, 1, f"--{option}: no rule is called `{selector}`")

        def unknown(option: str, selector: str) -> None:
            raise config.error(option, f"`{option}`: no rule is called `{selector}`")

        return select_rules(
            self.known_rules,
            command_select if command_select is not None else config.select,
            (*config.extend_select, *command_extend),
            (*config.ignore, *command_ignore),
            unknown,
        )

    def _severities(self) -> dict[str, str]:
        severities: dict[str, str] = {}
        for selector, severity in self.config.severity.items():
            codes = rule_codes([selector], self.known_rules)
            if not codes:
                raise self.config.error("severity", f"`severity`: no rule is called `{selector}`")
            for code in codes:
                severities[code] = severity
        return severities

    # -- files ---------------------------------------------------------------------------------
    def relative(self, path: Path) -> str:
        """``path`` relative to the project root (POSIX), or absolute when outside it."""
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()

    def root_relative_display(self, display: str) -> str:
        """A finding's path (relative to the current folder) made relative to the project root."""
        return self.relative(self.cwd / display)

    def excluded(self, path: Path) -> bool:
        """Whether ``path`` is excluded by configuration or ``--exclude``."""
        relative = self.relative(path)
        if self.config.is_excluded(relative):
            return True
        return any(self._command_excludes_match(relative))

    def _command_excludes_match(self, relative: str) -> list[bool]:
        from minlint.globs import GlobError, compile_glob

        matches = []
        for pattern in self.request.exclude:
            try:
                matches.append(compile_glob(pattern).matches(relative))
            except GlobError as error:
                raise ConfigError("(command line)", 1, 1, f"--exclude: {error}") from None
        return matches

    def plan(self) -> Plan:
        """Which files to read and which to report on (see the module docstring)."""
        cwd = self.cwd
        named_files: list[str] = []
        named_folders: list[str] = []
        missing: list[PathProblem] = []
        for given in self.request.paths:
            try:
                info = os.stat(cwd / given)
            except FileNotFoundError:
                if os.path.islink(cwd / given):
                    missing.append(PathProblem(given, "a broken symbolic link"))
                else:
                    missing.append(PathProblem(given, "no such file or folder"))
                continue
            except OSError as error:
                missing.append(PathProblem(given, f"cannot read: {(error.strerror or str(error)).lower()}"))
                continue
            (named_folders if stat.S_ISDIR(info.st_mode) else named_files).append(given)
        if not self.request.paths:
            folders = [str(path) for path in spec_paths(self.config)] if self.config.paths is not None else [str(cwd)]
            sources, problems = discover(folders, cwd, self.excluded)
            walked = tuple(Path(folder) for folder in folders)
            return Plan(sources, None, [*missing, *problems], walked, (), walked)
        context_roots = [str(path) for path in spec_paths(self.config)] if named_files else []
        folders = [str(cwd / name) for name in named_folders]
        sources, problems = discover([*context_roots, *folders], cwd, self.excluded)
        folder_sources, _ = discover(folders, cwd, self.excluded) if folders else ([], [])
        named: list[SourceFile] = []
        named_problems: list[PathProblem] = []
        for given in named_files:
            found, trouble = discover([str(cwd / given)], cwd)
            named.extend(found)
            named_problems.extend(PathProblem(given, problem.message) for problem in trouble)
        report = {source.display for source in folder_sources}
        report.update(source.display for source in named if not self.excluded(source.path))
        known = {source.display for source in sources}
        extra = [source for source in named if source.display not in known]
        return Plan(
            sorted([*sources, *extra]),
            frozenset(report),
            [*missing, *problems, *named_problems],
            tuple(Path(folder) for folder in [*context_roots, *folders]),
            tuple(cwd / name for name in named_files),
            tuple(Path(folder) for folder in folders),
        )

    # -- running -------------------------------------------------------------------------------
    def check(self, today: date | None = None, show_progress: bool = False) -> Report:
        """Run the check with every gate applied."""
        return self.analyse(today, show_progress).report

    def analyse(self, today: date | None = None, show_progress: bool = False, keep_model: bool = False) -> Analysis:
        """Run the check with every gate applied.

        ``show_progress`` allows a progress bar on the terminal (only for long runs); ``keep_model``
        keeps every spec whole (the inventory needs it; the cache is then not used).
        """
        plan = self.plan()
        jobs = self.request.jobs
        if jobs is None:
            jobs = default_jobs(sum(_size(source.path) for source in plan.sources))
        cache = Cache(self.root, enabled=self.request.use_cache and not os.environ.get("MINLINT_NO_CACHE"))
        with file_progress(len(plan.sources), show_progress) as advance:
            analysis = analyse(
                plan.sources,
                self.settings,
                plan.problems,
                report_only=plan.report_only,
                today=today,
                progress=advance,
                keep_model=keep_model,
                cache=cache,
                jobs=jobs,
            )
        # Formats that give paths to a code host (SARIF, GitHub, GitLab) want them relative to the
        # repository, whatever the minlint project root is.
        repository = git_root(self.cwd) or self.root
        report = analysis.report._replace(root=repository.as_posix(), cwd=self.cwd.as_posix())
        report = self._per_path_ignores(report)
        if self.request.use_baseline:
            report = self._apply_baseline(report, plan)
        if self.request.new_since is not None:
            report = self._new_since(report, plan, today)
        return analysis.with_report(_recount(report))

    def _per_path_ignores(self, report: Report) -> Report:
        if not self.config.per_path_ignores:
            return report
        rules: list[tuple[Glob, frozenset[str]]] = []
        for glob, selectors in self.config.per_path_ignores:
            codes = rule_codes(selectors, self.known_rules)
            unknown = [selector for selector in selectors if not rule_codes([selector], self.known_rules)]
            if unknown:
                raise self.config.error("per-path-ignores", f"`per-path-ignores`: no rule is called `{unknown[0]}`")
            rules.append((glob, codes))
        kept = []
        for finding in report.findings:
            relative = self.root_relative_display(finding.path)
            if any(finding.rule in codes and glob.matches(relative) for glob, codes in rules):
                continue
            kept.append(finding)
        return report._replace(findings=tuple(kept))

    def baseline_path(self) -> Path:
        """Where the baseline is: ``--baseline``, else the configured one at the project root."""
        if self.request.baseline is not None:
            return self.cwd / self.request.baseline
        return self.root / self.config.baseline

    def _apply_baseline(self, report: Report, plan: Plan) -> Report:
        path = self.baseline_path()
        if self.request.baseline is None and not path.exists():
            return report
        baseline: Baseline = load_baseline(path)
        new, accepted, fixed = split_baseline(
            report.findings, baseline, self.root_relative_display, lambda relative: plan.covers(self.root / relative)
        )
        suppressed = report.suppressed + tuple(
            Suppressed(finding, "baseline", f"accepted in {display_path(path, self.cwd)}") for finding in accepted
        )
        return report._replace(findings=tuple(new), suppressed=suppressed, baseline_fixed=fixed)

    def _new_since(self, report: Report, plan: Plan, today: date | None) -> Report:
        from minlint.gitrev import files_at, renames_since, repository_root, resolve_revision

        repo = repository_root(self.cwd)
        commit = resolve_revision(repo, str(self.request.new_since))
        renamed = renames_since(repo, commit)
        old_sources: list[SourceFile] = []
        named = {Path(os.path.abspath(path)) for path in plan.named}
        for path, data in sorted(files_at(repo, commit).items()):
            current = repo / renamed.get(path, path)
            # Compare like with like: only files this run's discovery would have read.
            walked = any(walked_into(current, folder) for folder in plan.walked)
            if not (walked or Path(os.path.abspath(current)) in named) or self.excluded(current):
                continue
            old_sources.append(SourceFile(display_path(current, self.cwd), current, data))
        report_only = None
        if plan.report_only is not None:
            report_only = plan.report_only
        old = check_sources(old_sources, self.settings, report_only=report_only, today=today)
        existing = Counter(finding.identity(self.root_relative_display(finding.path)) for finding in old.findings)
        new: list[Finding] = []
        for finding in report.findings:
            key = finding.identity(self.root_relative_display(finding.path))
            if existing[key] > 0:
                existing[key] -= 1
            else:
                new.append(finding)
        return report._replace(findings=tuple(new))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def project_groups(request: Request, cwd: Path | None = None) -> list[tuple[Path | None, Request]]:
    """Split a request whose paths lie in different projects into one request per project.

    Like ruff, the project a path belongs to is found from the path itself (the nearest folder
    upward with a configuration, else its git root): in a monorepo, each project's specs are
    checked with that project's configuration and context. Without paths, or with ``--config``,
    there is one group, found from the current folder (``None``).
    """
    if not request.paths or request.config is not None:
        return [(None, request)]
    folder = (cwd or Path.cwd()).resolve()
    groups: dict[Path, list[str]] = {}
    for given in request.paths:
        path = folder / given
        try:
            start = path if path.is_dir() else path.parent
            root = find_root(start)[0] if start.is_dir() else find_root(folder)[0]
        except OSError:
            root = find_root(folder)[0]  # cannot look inside: the run will say what it cannot read
        groups.setdefault(root, []).append(given)
    return [(root, request._replace(paths=tuple(paths))) for root, paths in groups.items()]


def _recount(report: Report) -> Report:
    summary = report.summary
    counted = Summary.of(list(report.findings), summary.files, summary.fields, summary.skipped)
    return report._replace(summary=counted)


__all__ = ["ConfigError", "PackError", "Plan", "Request", "Session"]
