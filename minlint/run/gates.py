"""The gates: what silences a finding, all in one place, applied in this order.

1. **Inline suppressions** (``# minlint: ignore ML003 -- reason``): a finding on a suppressed line
   is silenced; a suppression that cannot be honoured is itself a finding (ML904 to ML907), and one
   past its ``until`` date stops taking effect (``today`` decides).
2. **Per-path ignores** (``per-path-ignores`` in the configuration): findings of the named rules in
   matching files are dropped — never ML901 to ML903 (a file that was not checked).
3. **The baseline** (``.minlint-baseline.json``, or ``--baseline``): findings it accepted are
   silenced; the rest are new. It never accepts ML901 to ML903.
4. **``--new-since REF``**: only findings the project at ``REF`` did not have are kept (the project
   at ``REF`` is checked through gate 1 only).

The counts are made again after the last gate. Each gate takes a report and gives one back.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path, PurePosixPath

from minlint.baseline import load as load_baseline
from minlint.baseline import split as split_baseline
from minlint.findings import FINDING_ORDER, Finding, Summary
from minlint.globs import Glob
from minlint.paths import display_path
from minlint.report import Report, Suppressed
from minlint.run.discover import SourceFile, walked_into
from minlint.run.files import FileSet
from minlint.run.request import Request, Settings
from minlint.run.workspace import Workspace
from minlint.suppressions import apply as apply_suppressions
from minlint.vocabulary import ALWAYS_REPORTED

# Checks the project as it was at a git revision: its sources in, its report (gate 1 applied) out.
CheckOld = Callable[[list[SourceFile]], Report]


def inline(report: Report, settings: Settings, today: date) -> Report:
    """Gate 1: inline suppressions (see the module docstring)."""
    if not report.suppressions:
        return report  # nothing to apply, nothing to report about: the findings are already in order
    running = frozenset(rule.id for rule in settings.rules)
    known = {rule.id: rule.name for rule in settings.known_rules or settings.rules}
    applied = apply_suppressions(list(report.findings), list(report.suppressions), today, running, known)
    kept = list(applied.kept)
    rules = {rule.id: rule for rule in settings.rules}
    for code, suppression, message in applied.problems:
        rule = rules.get(code)
        if rule is not None:
            severity = settings.severities.get(code, rule.severity)
            kept.append(
                Finding(suppression.path, suppression.line, suppression.column, code, message, rule.name, severity, "")
            )
    silenced = tuple(
        Suppressed(
            finding,
            "inline",
            suppression.reason or "",
            suppression.line,
            suppression.until.isoformat() if suppression.until else None,
        )
        for finding, suppression in sorted(applied.silenced, key=lambda pair: FINDING_ORDER(pair[0]))
    )
    return recount(report._replace(findings=tuple(sorted(set(kept), key=FINDING_ORDER)), suppressed=silenced))


def per_path_ignores(report: Report, ignores: Iterable[tuple[Glob, frozenset[str]]], workspace: Workspace) -> Report:
    """Gate 2: drop findings of the rules ignored in the files they are in."""
    ignores = tuple(ignores)
    if not ignores:
        return report
    kept = []
    for finding in report.findings:
        relative = workspace.root_relative_display(finding.path)
        ignored = finding.rule not in ALWAYS_REPORTED and any(
            finding.rule in codes and glob.matches(relative) for glob, codes in ignores
        )
        if not ignored:
            kept.append(finding)
    return report._replace(findings=tuple(kept))


def baseline_path(workspace: Workspace, request: Request) -> Path:
    """Where the baseline is: ``--baseline``, else the configured one at the project root."""
    if request.baseline is not None:
        return workspace.cwd / request.baseline
    return workspace.root / workspace.config.baseline


def baseline(report: Report, workspace: Workspace, request: Request, files: FileSet) -> Report:
    """Gate 3: silence the findings the baseline accepted (a missing default baseline accepts none)."""
    path = baseline_path(workspace, request)
    if request.baseline is None and not path.exists():
        return report
    new, accepted, fixed = split_baseline(
        report.findings,
        load_baseline(path),
        workspace.root_relative_display,
        lambda relative: files.covers(workspace.root / relative),
    )
    shown = display_path(path, workspace.cwd)
    suppressed = report.suppressed + tuple(
        Suppressed(finding, "baseline", f"accepted in {shown}") for finding in accepted
    )
    return report._replace(findings=tuple(new), suppressed=suppressed, baseline_fixed=fixed)


def new_since(
    report: Report, revision: str, workspace: Workspace, files: FileSet, check_old: CheckOld, max_size: int
) -> Report:
    """Gate 4: keep only the findings that the project at ``revision`` did not have.

    The specs at ``revision`` are read as this run read the work tree: only those its discovery
    would reach, and none past ``max_size`` (such a spec gets the same "too large" finding it gets
    in the work tree).
    """
    from minlint.gitrev import files_at, renames_since, repository_root, resolve_revision

    repo = repository_root(workspace.cwd)
    commit = resolve_revision(repo, revision)
    renamed = renames_since(repo, commit)
    under = git_folders(repo, files, renamed)
    snapshot = files_at(repo, commit, under=under, max_size=max_size)
    old_sources: list[SourceFile] = []
    named = {Path(os.path.abspath(path)) for path in files.named}
    contents: dict[str, bytes | int] = {**snapshot, **snapshot.too_large}
    for path, data in sorted(contents.items()):
        current = repo / renamed.get(path, path)
        # Compare like with like: only files this run's discovery would have read.
        walked = any(walked_into(current, folder) for folder in files.walked)
        if not (walked or Path(os.path.abspath(current)) in named) or workspace.excluded(current):
            continue
        display = display_path(current, workspace.cwd)
        if isinstance(data, int):
            old_sources.append(SourceFile(display, current, snapshot.heads.get(path, b""), size=data))
        else:
            old_sources.append(SourceFile(display, current, data))
    old = check_old(old_sources)
    identity = workspace.root_relative_display
    existing = Counter(finding.identity(identity(finding.path)) for finding in old.findings)
    new: list[Finding] = []
    for finding in report.findings:
        key = finding.identity(identity(finding.path))
        if existing[key] > 0:
            existing[key] -= 1
        else:
            new.append(finding)
    return report._replace(findings=tuple(new))


def git_folders(repo: Path, files: FileSet, renamed: dict[str, str]) -> tuple[str, ...]:
    """The repository folders (relative, POSIX) a run's files can come from, or ``()`` for all of it:
    the folders walked, those holding the named files, and those a renamed file came from."""
    folders: set[str] = set()
    root = Path(os.path.abspath(repo))
    for folder in (*files.walked, *(Path(os.path.abspath(path)).parent for path in files.named)):
        try:
            relative = Path(os.path.abspath(folder)).relative_to(root)
        except ValueError:
            return ()  # a folder outside the repository (through a symlink): read it all
        if not relative.parts:
            return ()
        folders.add(relative.as_posix())
    folders.update(str(PurePosixPath(old).parent) for old in renamed)
    return () if "." in folders else tuple(sorted(folders))


def recount(report: Report) -> Report:
    """The report with its counts made from its findings."""
    summary = report.summary
    return report._replace(summary=Summary.of(list(report.findings), summary.files, summary.fields, summary.skipped))


__all__ = ["CheckOld", "baseline", "baseline_path", "git_folders", "inline", "new_since", "per_path_ignores", "recount"]
