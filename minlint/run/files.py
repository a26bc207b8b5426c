"""The files stage: which files a run reads, and which it reports on.

Without paths, the configured ``paths`` (else the current folder) are walked and every file is
reported. With paths, named folders are walked and reported, named files are reported, and the
project's own paths are read too, as context: a hook names a few files, and `minlint check
campaigns/` names a folder, yet their findings depend on the registry and the other plans.
A named file that cannot be a spec (not YAML or JSON) is left out with a note. :func:`project_groups`
splits paths lying in different projects (a monorepo), like ruff, so each is checked with its own
configuration.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from minlint.config import find_root, spec_paths
from minlint.paths import display_path
from minlint.report import PathProblem
from minlint.run.discover import SourceFile, discover
from minlint.run.request import Request
from minlint.run.workspace import Workspace
from minlint.vocabulary import SPEC_SUFFIXES


class FileSet(NamedTuple):
    """Which files a run reads (``sources``) and which it reports on (``report_only``; None = all)."""

    sources: list[SourceFile]
    report_only: frozenset[str] | None
    problems: list[PathProblem]
    walked: tuple[Path, ...] = ()  # the folders walked for sources
    named: tuple[Path, ...] = ()  # the files named on the command line
    reported_folders: tuple[Path, ...] = ()  # folders all of whose files are reported
    named_displays: frozenset[str] = frozenset()  # the named files as findings show them
    notes: tuple[PathProblem, ...] = ()  # named files left out, and why (one line each)

    def covers(self, path: Path) -> bool:
        """Whether this run reports on ``path`` (an absolute path; the file may no longer exist)."""
        absolute = Path(os.path.abspath(path))
        if any(absolute == Path(os.path.abspath(named)) for named in self.named):
            return True
        return any(absolute.is_relative_to(Path(os.path.abspath(folder))) for folder in self.reported_folders)

    def total_bytes(self) -> int:
        """The size of every source on disk (what decides the default number of processes)."""
        return sum(_size(source.path) for source in self.sources)


def select_files(workspace: Workspace, paths: tuple[str, ...]) -> FileSet:
    """The files of a run over ``paths`` in ``workspace`` (see the module docstring)."""
    cwd, config = workspace.cwd, workspace.config
    named_files: list[str] = []
    named_folders: list[str] = []
    missing: list[PathProblem] = []
    for given in paths:
        try:
            info = os.stat(cwd / given)
        except FileNotFoundError:
            reason = "a broken symbolic link" if os.path.islink(cwd / given) else "no such file or folder"
            missing.append(PathProblem(given, reason))
            continue
        except OSError as error:
            missing.append(PathProblem(given, f"cannot read: {(error.strerror or str(error)).lower()}"))
            continue
        (named_folders if stat.S_ISDIR(info.st_mode) else named_files).append(given)
    if not paths:
        folders = [str(path) for path in spec_paths(config)] if config.paths is not None else [str(cwd)]
        sources, problems = discover(folders, cwd, workspace.excluded)
        walked = tuple(Path(folder) for folder in folders)
        return FileSet(sources, None, [*missing, *problems], walked, (), walked)
    # Named files and folders alike are checked with the whole project as context (as ruff and ESLint do).
    # Even when every named path is missing (a file only an editor's buffer holds yet, `minlint.check(contents=)`).
    context_roots = [str(path) for path in spec_paths(config)]
    given_missing = {problem.path for problem in missing}  # said once, as given
    folders = [str(cwd / name) for name in named_folders]
    sources, problems = discover(_outermost([*context_roots, *folders]), cwd, workspace.excluded)
    folder_sources, _ = discover(folders, cwd, workspace.excluded) if folders else ([], [])
    named: list[SourceFile] = []
    named_problems: list[PathProblem] = []
    notes: list[PathProblem] = []
    for given in named_files:
        found, trouble = discover([str(cwd / given)], cwd)
        named_problems.extend(PathProblem(given, problem.message) for problem in trouble)
        for source in found:
            suffix = source.path.suffix.lower()
            if suffix and suffix not in SPEC_SUFFIXES:  # README.md; a name without a suffix may be YAML
                notes.append(PathProblem(given, f"a `{suffix}` file is not a spec (only YAML and JSON are); skipped"))
            else:
                named.append(source)
    report = {source.display for source in folder_sources}
    report.update(source.display for source in named if not workspace.excluded(source.path))
    # A named folder is walked as named even when the project walk skips it (a hidden folder …).
    known = {source.display for source in sources}
    extra = [source for source in [*folder_sources, *named] if source.display not in known]
    extra = list({source.display: source for source in extra}.values())
    return FileSet(
        sorted([*sources, *extra]),
        frozenset(report),
        [*missing, *[problem for problem in problems if problem.path not in given_missing], *named_problems],
        tuple(Path(folder) for folder in [*context_roots, *folders]),
        tuple(cwd / name for name in named_files),
        tuple(Path(folder) for folder in folders),
        frozenset(source.display for source in named),
        tuple(notes),
    )


def _outermost(folders: list[str]) -> list[str]:
    """``folders`` without repeats and without those inside another of them: each is walked once,
    so each problem is said once."""
    absolute = [Path(os.path.abspath(folder)) for folder in folders]
    kept = []
    for index, folder in enumerate(folders):
        inside = any(
            (other != absolute[index] and absolute[index].is_relative_to(other))
            or (other == absolute[index] and at < index)
            for at, other in enumerate(absolute)
        )
        if not inside:
            kept.append(folder)
    return kept


def project_groups(request: Request, cwd: Path | None = None) -> list[tuple[Path | None, Request]]:
    """Split a request whose paths lie in different projects into one request per project.

    The project a path belongs to is found from the path itself (the nearest folder upward with a
    configuration, else its git root). Without paths, or with ``--config``, there is one group,
    found from the current folder (``None``).
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


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def with_contents(files: FileSet, contents: Mapping[Path, bytes], cwd: Path) -> FileSet:
    """``files`` with the text of some files given rather than read from the disk (an editor's unsaved
    buffers), by absolute path: a file the run reads takes the given bytes; a given file it does not
    read is added, reported on (and no longer missing) when it was named."""
    if not contents:
        return files
    wanted = {Path(os.path.abspath(path)): data for path, data in contents.items()}
    given = set(wanted)
    sources: list[SourceFile] = []
    for source in files.sources:
        data = wanted.pop(Path(os.path.abspath(source.path)), None)
        sources.append(source if data is None else SourceFile(source.display, source.path, data))
    report = set(files.report_only) if files.report_only is not None else None
    # Named but missing from the disk (a new buffer not saved yet): named all the same.
    missing = {Path(os.path.abspath(cwd / problem.path)) for problem in files.problems}
    named = {Path(os.path.abspath(path)) for path in files.named} | (missing & given)
    added: set[str] = set()
    for path, data in wanted.items():
        display = display_path(path, cwd)
        sources.append(SourceFile(display, path, data))
        added.add(display)
        if report is not None and (path in named or files.covers(path)):
            report.add(display)
    problems = [problem for problem in files.problems if Path(os.path.abspath(cwd / problem.path)) not in given]
    return files._replace(
        sources=sorted(sources),
        report_only=frozenset(report) if report is not None else None,
        problems=problems,
        named_displays=files.named_displays | (added & (report or set())),
    )
