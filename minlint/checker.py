"""Check a set of files as one project: load, validate, model, run the rules, collect findings.

The flow is one way: files -> loader -> model -> engine -> findings. The purposes registry of
the project applies to every plan, so registries are gathered before any rule runs.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Final, NamedTuple

from minlint import __version__
from minlint.cache import Cache, digest
from minlint.discovery import SourceFile
from minlint.engine.engine import Engine
from minlint.engine.rule import CheckContext, ProjectContext, RuleDef
from minlint.findings import FINDING_ORDER, Finding, Summary
from minlint.loader.decode import decode
from minlint.loader.load import DEFAULT_LIMITS, Limits, looks_like_spec
from minlint.loader.tree import SHAPE
from minlint.model.build import build_spec
from minlint.model.project import Fact, FactSharing, ProjectIndex
from minlint.model.registry import PurposeRegistry
from minlint.model.spec import Spec
from minlint.model.vocabulary import CAMPAIGN, TRACKING_PLAN
from minlint.parallel import run_pipeline
from minlint.pipeline import (
    CAMPAIGN_KINDS,
    CONTEXT_KINDS,
    PER_FILE_KINDS,
    Context,
    Outcome,
    finding_data,
    finding_from,
    outcome_data,
    outcome_from,
    read_document,
)
from minlint.reach import can_skip, may_be_campaign, probes
from minlint.report import PathProblem, Report, Suppressed
from minlint.suppressions import Suppression
from minlint.suppressions import apply as apply_suppressions
from minlint.taxonomy import Taxonomy

DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024


class Settings(NamedTuple):
    """Everything a check run needs besides the files: rules, severities, limits."""

    rules: tuple[RuleDef, ...]
    severities: Mapping[str, str] = {}
    limits: Limits = DEFAULT_LIMITS
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    pure_yaml: bool = False
    known_rules: tuple[RuleDef, ...] = ()  # every rule available, running or not (for suppressions)


class ReadFailure(NamedTuple):
    """Why a file's bytes were not read. A file over the size limit is a finding, not an I/O error."""

    message: str
    too_large: bool = False
    head: bytes = b""  # the start of a file too large to read whole: is it meant to be a spec at all?

    def looks_like_spec(self) -> bool:
        """Whether a too-large file starts like a spec (a large YAML data file that is not one is skipped)."""
        text = decode(self.head)
        return looks_like_spec(text) if isinstance(text, str) else b"minlint" in self.head


HEAD_SIZE = 64 * 1024


def human_size(size: int) -> str:
    """``16 MB``, ``512 KB``, ``300 bytes``."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} byte{'s' if size != 1 else ''}"


def read_source(source: SourceFile, max_size: int) -> bytes | ReadFailure:
    """The file's bytes, or why they cannot be read (a file over ``max_size`` is never read at all)."""
    if source.data is not None:
        if len(source.data) > max_size:
            message = f"the file is {human_size(len(source.data))}, over the {human_size(max_size)} limit"
            return ReadFailure(message, True, source.data[:HEAD_SIZE])
        return source.data
    try:
        descriptor = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return ReadFailure(f"cannot read: {(error.strerror or str(error)).lower()}")
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return ReadFailure("not a regular file (a FIFO, socket or device)")
        if info.st_size > max_size:
            message = f"the file is {human_size(info.st_size)}, over the {human_size(max_size)} limit"
            with os.fdopen(descriptor, "rb", closefd=False) as handle:
                return ReadFailure(message, True, handle.read(HEAD_SIZE))
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_size + 1)
    except OSError as error:
        return ReadFailure(f"cannot read: {(error.strerror or str(error)).lower()}")
    finally:
        os.close(descriptor)
    if len(data) > max_size:
        return ReadFailure(f"the file grew past the {human_size(max_size)} limit while being read", True)
    return data


def enrich_campaign(campaign: Spec, index: ProjectIndex) -> None:
    """Give a campaign target the attributes of the data it uses (``used_data``, ``uses_special`` …)."""
    target = next(target for target in campaign.targets if target.kind == "campaign")
    used: list[dict[str, Any]] = []
    for use in campaign.uses:
        found = index.resolve(use.text, suggest=False).resolved
        if found is None:
            continue
        attrs = found.attrs
        used.append(
            {
                "ref": found.qualified,
                "category": attrs.get("category"),
                "personal": attrs.get("personal"),
                "special": attrs.get("special", False),
                "purposes": attrs.get("purposes", []),
            }
        )
    target.attrs["used_data"] = used
    target.attrs["used_refs"] = [item["ref"] for item in used]
    target.attrs["used_categories"] = sorted({item["category"] for item in used if isinstance(item["category"], str)})
    target.attrs["uses_personal"] = any(item["personal"] for item in used)
    target.attrs["uses_special"] = any(item["special"] for item in used)


class Analysis:
    """A check run's report together with the project model it was computed from.

    The model (specs with resolved targets, the purposes registry, the taxonomy, the index of plan
    fields and campaigns) is what ``minlint inventory`` turns into a record of processing.
    """

    # Not a NamedTuple (a field named `index` would hide tuple.index), nor a dataclass (see Finding).
    __slots__ = ("index", "registry", "report", "specs", "taxonomy")

    def __init__(
        self,
        report: Report,
        specs: tuple[Spec, ...],
        registry: PurposeRegistry,
        taxonomy: Taxonomy,
        index: ProjectIndex,
    ) -> None:
        self.report: Final = report
        self.specs: Final = specs
        self.registry: Final = registry
        self.taxonomy: Final = taxonomy
        self.index: Final = index

    def with_report(self, report: Report) -> Analysis:
        """The same analysis with another report."""
        return Analysis(report, self.specs, self.registry, self.taxonomy, self.index)


def check_sources(
    sources: list[SourceFile],
    settings: Settings,
    problems: list[PathProblem] | None = None,
    *,
    report_only: frozenset[str] | None = None,
    today: date | None = None,
) -> Report:
    """Check ``sources`` as one project (see :func:`analyse`); only the report."""
    return analyse(sources, settings, problems, report_only=report_only, today=today).report


_CONTEXT_SNIFF = re.compile(rb"kind[\"']?[ \t]*:[ \t]*[\"']?(?:purposes|categories)\b")


class _File:
    """A source read once: its digest (``content``, "" when there is no cache), and its bytes only
    if it is context (read again when needed, so that a run over many files never holds them all)."""

    __slots__ = ("content", "data", "source")

    def __init__(self, source: SourceFile, content: str, data: bytes | None) -> None:
        self.source = source
        self.content = content
        self.data = data

    @property
    def display(self) -> str:
        """The path shown for this file."""
        return self.source.display


class _Pass:
    """How one run sends files through the pipeline.

    ``failed`` holds the files that could not be read the second time; ``changed`` those whose
    bytes were different the second time (their results are never cached). Both are the whole
    run's, shared by the passes of one run.
    """

    __slots__ = (
        "cache",
        "changed",
        "context",
        "failed",
        "jobs",
        "keep_model",
        "key",
        "max_size",
        "progress",
        "sharing",
    )

    def __init__(
        self,
        context: Context,
        keep_model: bool,
        cache: Cache | None,
        key: str,
        jobs: int,
        max_size: int,
        progress: Callable[[str], None] | None,
        failed: dict[str, str],
        changed: set[str],
    ) -> None:
        self.context = context
        self.keep_model = keep_model
        self.cache = cache
        self.key = key
        self.jobs = jobs
        self.max_size = max_size
        self.progress = progress
        self.sharing = FactSharing()
        self.failed = failed
        self.changed = changed

    def read(self, file: _File) -> bytes | None:
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


def _settings_key(settings: Settings) -> str:
    """What per-file results depend on besides the file and the project's context."""
    rules = sorted(repr(rule) for rule in settings.rules)
    return digest(
        __version__,
        *rules,
        repr(sorted(settings.severities.items())),
        # Suppressions naming a rule that exists but does not run are not "unknown rules" (ML905).
        *sorted(f"{rule.id}:{rule.name}" for rule in settings.known_rules),
        repr(settings.limits),
        str(settings.max_file_size),
        str(settings.pure_yaml),
    )


def analyse(
    sources: list[SourceFile],
    settings: Settings,
    problems: list[PathProblem] | None = None,
    *,
    report_only: frozenset[str] | None = None,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
    keep_model: bool = False,
    cache: Cache | None = None,
    jobs: int = 1,
) -> Analysis:
    """Check ``sources`` as one project.

    Every source is context (purposes, categories, plans that campaigns refer to …); findings,
    counts and suppressions are kept only for ``report_only`` paths when given. Inline
    suppressions are applied (``today`` decides which have expired).

    Files stream through :mod:`minlint.pipeline` one at a time (on ``jobs`` processes), keeping
    only their findings and a few attributes per field; ``keep_model`` keeps every spec whole (the
    inventory needs it). ``cache`` makes unchanged files — or an unchanged project — nearly free.
    """
    collector = gc.isenabled()
    gc.disable()  # the pipeline builds many small objects and no cycles: the collector only costs
    try:
        return _analyse(
            sources, settings, problems, report_only, today or date.today(), progress, keep_model, cache, jobs
        )
    finally:
        if collector:
            gc.enable()


def _analyse(
    sources: list[SourceFile],
    settings: Settings,
    problems: list[PathProblem] | None,
    report_only: frozenset[str] | None,
    today: date,
    progress: Callable[[str], None] | None,
    keep_model: bool,
    cache: Cache | None,
    jobs: int,
) -> Analysis:
    unreadable = list(problems or ())
    use_cache = cache is not None and cache.enabled and not keep_model
    files: list[_File] = []
    failures: list[tuple[str, ReadFailure]] = []
    contents: list[str] = []  # what the run's result depends on, file by file
    campaigns = False  # whether any file may be a campaign
    for source in sources:
        data = read_source(source, settings.max_file_size)
        if isinstance(data, ReadFailure):
            failures.append((source.display, data))
            contents += [source.display, f"unread:{data.message}:{digest(data.head)}"]
            continue
        content = digest(data) if use_cache else ""
        is_context = _CONTEXT_SNIFF.search(data) is not None
        files.append(_File(source, content, data if is_context else None))
        contents += [source.display, content]
        campaigns = campaigns or may_be_campaign(data)
    settings_key = _settings_key(settings) if use_cache else ""
    run_key = ""
    if use_cache and cache is not None and not unreadable:
        only = repr(sorted(report_only or ())), str(report_only is None)
        run_key = digest(settings_key, today.isoformat(), *only, *contents)
        cached = _cached_report(cache, run_key, settings)
        if cached is not None:
            return Analysis(cached, (), PurposeRegistry(), Taxonomy.builtin(), ProjectIndex())
    engine = Engine(settings.rules, settings.severities)
    # Plan fields are kept across files only for the checks that read them: project checks, and
    # campaign rules (a campaign sees the data it uses). Never building them keeps memory flat.
    facts = keep_model or bool(engine.project_rules) or (campaigns and engine.runs_on(CAMPAIGN))
    outcomes: list[Outcome] = []
    skipped: list[str] = []
    spec_paths: list[str] = []
    for display, failure in failures:
        if failure.too_large and not failure.looks_like_spec():
            skipped.append(display)  # a large YAML file that is not a spec
        elif failure.too_large:
            spec_paths.append(display)
            message = f"{failure.message}; not checked (raise `max-file-size` to check it)"
            found = engine.stamp(SHAPE, display, 1, 1, message)
            outcomes.append(Outcome(display, True, [found] if found else []))
        else:
            unreadable.append(PathProblem(display, failure.message))
    context_files = [file for file in files if file.data is not None]
    others = [file for file in files if file.data is None]
    failed: dict[str, str] = {}
    changed: set[str] = set()
    moved: set[str] = set()  # each file changes sides at most once, whatever a changing file says
    while True:
        context_reads = [(file.display, file.data) for file in context_files if file.data is not None]
        context_outcomes, registry, taxonomy = _context(context_reads, engine, settings)
        misfits = {outcome.path for outcome in context_outcomes if outcome.kind not in (None, *CONTEXT_KINDS)} - moved
        if misfits:
            moved |= misfits
            # The quick look took a plan or a campaign for context (it mentions `kind: purposes` in
            # a comment …): it goes through the pipeline like any other, and the context is read again.
            for file in context_files:
                if file.display in misfits:
                    file.data = None
            context_files = [file for file in context_files if file.display not in misfits]
            staying = {id(file) for file in others}
            others = [file for file in files if id(file) in staying or file.display in misfits]
            continue
        context_key = (
            digest(*(part for file in context_files for part in (file.display, file.content))) if use_cache else ""
        )
        # Context read again must be what the key says it is, or nothing of this run may be cached.
        stale = any(file.display in changed for file in context_files)
        run = _Pass(
            Context(engine, registry, taxonomy, settings.pure_yaml, settings.limits, facts),
            keep_model,
            cache if use_cache and not stale else None,
            digest(settings_key, context_key, str(facts)) if use_cache else "",
            jobs,
            settings.max_file_size,
            progress,
            failed,
            changed,
        )
        processed = _process_reachable(others, report_only, run)
        late = {outcome.path for outcome in processed if outcome.kind in CONTEXT_KINDS} - moved
        if not late:
            break
        moved |= late
        # A registry or categories file the quick look did not recognise (an odd encoding): read it
        # as context and check again, so that no rule ever runs without the project's context.
        for file in others:
            if file.display in late:
                file.data = run.read(file)
                context_files.append(file)
        others = [file for file in others if file.display not in late]
    unreadable += [PathProblem(display, message) for display, message in failed.items()]
    outcomes += context_outcomes + processed
    keep = use_cache and not changed
    return _finish(
        outcomes,
        skipped,
        spec_paths,
        unreadable,
        engine,
        settings,
        registry,
        taxonomy,
        report_only,
        today,
        cache if keep else None,
        run_key,
    )


def _context(
    reads: list[tuple[str, bytes]], engine: Engine, settings: Settings
) -> tuple[list[Outcome], PurposeRegistry, Taxonomy]:
    """Read the purposes and categories files, then check them with the registry they form."""
    base = Context(engine, PurposeRegistry(), Taxonomy.builtin(), settings.pure_yaml, settings.limits)
    outcomes: list[Outcome] = []
    specs: list[Spec] = []
    for display, data in reads:
        outcome, loaded = read_document(display, data, base)
        outcomes.append(outcome)
        if loaded is not None:
            spec = build_spec(display, str(loaded.kind), loaded.root)
            outcome.spec, outcome.name = spec, spec.name
            specs.append(spec)
    registry = PurposeRegistry(purpose for spec in specs for purpose in spec.purposes)
    taxonomy = Taxonomy.builtin().with_categories(category for spec in specs for category in spec.categories)
    for outcome in outcomes:
        if outcome.spec is not None:
            check_context = CheckContext(outcome.spec, registry, taxonomy)
            outcome.findings.extend(engine.check_spec(outcome.spec, check_context, PER_FILE_KINDS))
    return outcomes, registry, taxonomy


def _process_reachable(files: list[_File], report_only: frozenset[str] | None, run: _Pass) -> list[Outcome]:
    """The non-context files through the pipeline: all of them, or — when only some are reported
    on — those, then what they can reach (:mod:`minlint.reach`), read for context only."""
    if report_only is None or run.keep_model:
        return _process_all([(file, True) for file in files], run)
    reported = _process_all([(file, True) for file in files if file.display in report_only], run)
    others = [file for file in files if file.display not in report_only]
    if others and not any(outcome.kind == CAMPAIGN for outcome in reported):
        wanted = probes(fact[0] for outcome in reported for fact in outcome.facts)
        kept = [file for file in others if not _unreachable(file, wanted, run)]
        if run.progress is not None:
            for display in sorted({file.display for file in others} - {file.display for file in kept}):
                run.progress(display)
        others = kept
    return reported + _process_all([(file, False) for file in others], run)


def _unreachable(file: _File, wanted: frozenset[tuple[bytes, ...]], run: _Pass) -> bool:
    data = run.read(file)
    return data is not None and can_skip(data, wanted)


def _process_all(items: list[tuple[_File, bool]], run: _Pass) -> list[Outcome]:
    """Files through the pipeline (``(file, report)``), from the cache where possible, in order.

    Files are read again one at a time as the pipeline takes them, so only a few are in memory.
    """
    cache = run.cache
    results: list[Outcome | None] = [None] * len(items)
    todo: list[int] = []
    keys: list[str] = []
    for index, (file, report) in enumerate(items):
        stored = None
        entry_key = ""
        if cache is not None:
            # A file read for context only can use what a full check of it stored.
            full_key = digest(run.key, file.display, file.content, "report")
            entry_key = full_key if report else digest(run.key, file.display, file.content, "context")
            stored = cache.get("files", full_key)
            if stored is None and not report:
                stored = cache.get("files", entry_key)
        keys.append(entry_key)
        if stored is not None:
            with contextlib.suppress(TypeError, ValueError, KeyError):  # an entry of another shape: rewritten below
                cached = outcome_from(stored)
                cached.facts = run.sharing.facts(cached.facts)
                results[index] = cached
        if results[index] is None:
            todo.append(index)
        elif run.progress is not None:
            run.progress(file.display)
    feed = ((items[index][0].display, run.read(items[index][0]) or b"", items[index][1]) for index in todo)
    for index, outcome in zip(todo, run_pipeline(feed, len(todo), run.context, run.keep_model, run.jobs), strict=True):
        display = items[index][0].display
        if display in run.failed:
            continue  # reported as a path problem instead
        outcome.facts = run.sharing.facts(outcome.facts)
        results[index] = outcome
        if cache is not None and outcome.kind != CAMPAIGN and display not in run.changed:
            cache.put("files", keys[index], outcome_data(outcome))  # campaigns keep their model: not cached
        if run.progress is not None:
            run.progress(display)
    return [outcome for outcome in results if outcome is not None]


def _finish(
    outcomes: list[Outcome],
    skipped: list[str],
    spec_paths: list[str],
    unreadable: list[PathProblem],
    engine: Engine,
    settings: Settings,
    registry: PurposeRegistry,
    taxonomy: Taxonomy,
    report_only: frozenset[str] | None,
    today: date,
    cache: Cache | None,
    run_key: str,
) -> Analysis:
    """The checks spanning the project, then suppressions, filtering and counts."""
    findings: list[Finding] = []
    suppressions: list[Suppression] = []
    specs: list[Spec] = []
    facts: list[tuple[str, str, Fact]] = []
    fields: dict[str, int] = {}
    for outcome in outcomes:
        if not outcome.is_spec:
            skipped.append(outcome.path)
            continue
        spec_paths.append(outcome.path)
        findings.extend(outcome.findings)
        suppressions.extend(outcome.suppressions)
        fields[outcome.path] = outcome.fields
        if outcome.spec is not None:
            specs.append(outcome.spec)
        elif outcome.kind == TRACKING_PLAN:
            facts.extend((str(outcome.name), outcome.path, fact) for fact in outcome.facts)
    plans = [str(outcome.name) for outcome in outcomes if outcome.kind == TRACKING_PLAN and outcome.spec is None]
    index = ProjectIndex.of(specs, facts, plans)
    for campaign in index.campaigns:
        enrich_campaign(campaign, index)
        findings.extend(engine.check_spec(campaign, CheckContext(campaign, registry, taxonomy), CAMPAIGN_KINDS))
    findings.extend(engine.check_project(index, ProjectContext(registry, taxonomy)))

    def reported(path: str) -> bool:
        return report_only is None or path in report_only

    findings = [finding for finding in set(findings) if reported(finding.path)]
    suppressions = [item for item in suppressions if reported(item.path)]
    running = frozenset(rule.id for rule in settings.rules)
    known = {rule.id: rule.name for rule in settings.known_rules or settings.rules}
    applied = apply_suppressions(findings, suppressions, today, running, known)
    kept = list(applied.kept)
    for code, suppression, message in applied.problems:
        stamped = engine.stamp(code, suppression.path, suppression.line, suppression.column, message)
        if stamped is not None:
            kept.append(stamped)
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
    final = sorted(set(kept), key=FINDING_ORDER)
    summary = Summary.of(
        final,
        sum(1 for path in spec_paths if reported(path)),
        sum(count for path, count in fields.items() if reported(path)),
        sum(1 for path in skipped if reported(path)),
    )
    report = Report(tuple(final), summary, settings.rules, tuple(unreadable), silenced)
    if cache is not None and run_key and not unreadable:
        cache.put("runs", run_key, _report_data(report))
        cache.prune("files")
        cache.prune("runs")
    return Analysis(report, tuple(specs), registry, taxonomy, index)


def _report_data(report: Report) -> tuple[Any, ...]:
    summary = report.summary
    return (
        tuple(finding_data(finding) for finding in report.findings),
        tuple(
            (finding_data(item.finding), item.by, item.reason, item.line, item.expires) for item in report.suppressed
        ),
        (summary.files, summary.fields, summary.skipped),
    )


def _cached_report(cache: Cache, key: str, settings: Settings) -> Report | None:
    stored: Any = cache.get("runs", key)
    if stored is None:
        return None
    try:
        findings, suppressed, (files, fields, skipped) = stored
        final = tuple(finding_from(item) for item in findings)
        silenced = tuple(
            Suppressed(finding_from(finding), by, reason, line, expires)
            for finding, by, reason, line, expires in suppressed
        )
        return Report(final, Summary.of(list(final), files, fields, skipped), settings.rules, (), silenced)
    except (TypeError, ValueError):
        return None
