"""The file pass: every file that is not context through the file stage, from the cache where possible.

Files are read again one at a time as the file stage takes them (a run over many files never
holds all their bytes), on ``jobs`` processes (:mod:`minlint.run.workers`). When only some files
are reported (a hook naming staged files), those go first, and the rest only as far as they can
be reached from them (:mod:`minlint.run.reach`), read for context only.

A file whose bytes changed between the two reads is checked as it is now but never cached; one
that cannot be read again, or that turns out to be a purposes or categories file after the
context pass, is a path problem (the run exits 2): no rule may run without the project's context.
"""

from __future__ import annotations

import contextlib

from minlint.model.project import Fact, FactSharing
from minlint.progress import Advance
from minlint.run.cache import Cache, digest
from minlint.run.cache.codecs import outcome_data, outcome_from
from minlint.run.cache.keys import file_key
from minlint.run.file import Context, Outcome
from minlint.run.reach import can_skip, probes
from minlint.run.read import ReadFailure, Source, read_source
from minlint.run.workers import process_all
from minlint.vocabulary import CAMPAIGN, CONTEXT_KINDS


class FilePass:
    """How the file pass runs: the per-file context, the cache, processes, and what went wrong.

    ``failed`` holds the files that could not be read the second time (display -> message);
    ``changed`` those whose bytes were different the second time (their results are never cached).
    """

    __slots__ = ("cache", "changed", "context", "failed", "jobs", "key", "max_size", "progress", "sharing")

    def __init__(
        self,
        context: Context,
        cache: Cache | None,
        key: str,
        max_size: int,
        progress: Advance | None,
        jobs: int,
        share: bool = True,
    ) -> None:
        """``share``: keep equal lists of many plans' facts once (worth it only for large runs)."""
        self.context = context
        self.cache = cache
        self.key = key
        self.max_size = max_size
        self.progress = progress
        self.jobs = jobs
        self.sharing = FactSharing() if share else None
        self.failed: dict[str, str] = {}
        self.changed: set[str] = set()

    def read(self, file: Source) -> bytes | None:
        """The file's bytes (read again unless kept); None, noted in ``failed``, if that fails."""
        if file.data is not None:
            return file.data
        data = read_source(file.source, self.max_size)
        if isinstance(data, ReadFailure):
            self.failed[file.display] = f"changed while being checked: {data.message}"
            return None
        if file.content and digest(data) != file.content:
            self.changed.add(file.display)
        return data

    def shared(self, facts: list[Fact]) -> list[Fact]:
        """``facts``, sharing equal values with those of files before when sharing."""
        return facts if self.sharing is None or not facts else self.sharing.facts(facts)

    def advance(self, display: str) -> None:
        """One more file done, for the progress bar."""
        if self.progress is not None:
            self.progress(display)


def file_pass(files: list[Source], report_only: frozenset[str] | None, run: FilePass) -> list[Outcome]:
    """The files through the file stage: all of them, or — when only some are reported — those,
    then what they can reach, read for context only."""
    if report_only is None or run.context.keep_model:
        return _through([(file, True) for file in files], run)
    reported = _through([(file, True) for file in files if file.display in report_only], run)
    others = [file for file in files if file.display not in report_only]
    # A reported campaign reaches every plan (suggestions); a reported registry every plan and campaign
    # (consent-mechanism reports at a registry entry what any of them bases on consent).
    registry = not run.context.registry.paths().isdisjoint(report_only)
    if others and not registry and not any(outcome.kind == CAMPAIGN for outcome in reported):
        wanted = probes(fact[0] for outcome in reported for fact in outcome.facts)
        kept = []
        for file in others:
            data = run.read(file)
            if data is not None and can_skip(data, wanted):
                run.advance(file.display)
            else:
                kept.append(file)
        others = kept
    return reported + _through([(file, False) for file in others], run)


def _through(items: list[tuple[Source, bool]], run: FilePass) -> list[Outcome]:
    """Files (``(file, report)``) through the file stage, from the cache where possible, in order."""
    cache = run.cache
    results: list[Outcome | None] = [None] * len(items)
    todo: list[int] = []
    keys: list[str] = []
    for index, (file, report) in enumerate(items):
        stored = None
        entry_key = ""
        if cache is not None:
            # A file read for context only can use what a full check of it stored.
            named = file.display in run.context.named
            full_key = file_key(run.key, file.display, file.content, True, named)
            entry_key = full_key if report else file_key(run.key, file.display, file.content, False, named)
            stored = cache.get("files", full_key)
            if stored is None and not report:
                stored = cache.get("files", entry_key)
        keys.append(entry_key)
        if stored is not None:
            with contextlib.suppress(TypeError, ValueError, KeyError):  # an entry of another shape: rewritten below
                cached = outcome_from(stored)
                cached.facts = run.shared(cached.facts)
                results[index] = cached
        if results[index] is None:
            todo.append(index)
        else:
            run.advance(file.display)
    feed = ((items[index][0].display, run.read(items[index][0]) or b"", items[index][1]) for index in todo)
    for index, outcome in zip(todo, process_all(feed, len(todo), run.context, run.jobs), strict=True):
        display = items[index][0].display
        if display in run.failed:
            continue  # reported as a path problem instead
        if outcome.kind in CONTEXT_KINDS:
            # Its first look said "not context"; only a change since then, or a miss of that look (a bug), does this.
            run.failed[display] = (
                f"read as a {outcome.kind} file only after the project's context was formed "
                "(did it change while being checked?); check again"
            )
            continue
        outcome.facts = run.shared(outcome.facts)
        results[index] = outcome
        if cache is not None and outcome.kind != CAMPAIGN and display not in run.changed:
            cache.put("files", keys[index], outcome_data(outcome))  # campaigns keep their model: not cached
        run.advance(display)
    return [outcome for outcome in results if outcome is not None]
