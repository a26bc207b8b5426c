"""The project stage: every file of a run in two passes, then the checks spanning the project.

1. **Read** every source once (:mod:`minlint.run.read`): its content digest when the cache is on,
   and its bytes kept only if it may be a purposes or categories file.
2. The whole run **from the cache**, when an identical run — same settings, same files, same
   bytes — was stored.
3. **Context pass** (:mod:`minlint.run.context`): the files that may be context are read; those
   that are purposes or categories files form the registry and the taxonomy, and are checked
   against them. The others (a plan that only mentions ``kind: purposes``) join the file pass.
4. **File pass** (:mod:`minlint.run.filepass`): every other file through the file stage.
5. **Project checks**: campaigns against the data they use, and the checks across plans.
6. **Tally**: findings and suppressions of the reported files, and the counts.

The result is an :class:`~minlint.report.Analysis` whose report has no gate applied yet
(:mod:`minlint.run.gates` comes next).
"""

from __future__ import annotations

import gc
from difflib import get_close_matches

from minlint.engine.engine import Engine
from minlint.engine.rule import CheckContext, ProjectContext
from minlint.findings import FINDING_ORDER, Finding, Summary
from minlint.model.campaigns import enrich_campaign
from minlint.model.overlay import Overlay
from minlint.model.project import Fact, ProjectIndex
from minlint.model.purposes import PurposeRegistry
from minlint.model.spec import Spec
from minlint.progress import Advance
from minlint.report import Analysis, PathProblem, Report
from minlint.run.broken import fold_cascades
from minlint.run.cache import Cache, digest
from minlint.run.cache.codecs import report_data, report_from
from minlint.run.cache.keys import context_key, run_key, settings_key
from minlint.run.context import ContextResult, context_pass
from minlint.run.discover import SourceFile
from minlint.run.file import CAMPAIGN_TARGETS, Context, Outcome
from minlint.run.filepass import FilePass, file_pass
from minlint.run.read import ReadFailure, Source, could_hide_words, may_be_campaign, maybe_context, read_source
from minlint.run.request import Settings
from minlint.suppressions import Suppression
from minlint.vocabulary import CAMPAIGN, SHAPE, TRACKING_PLAN, UNMATCHED, YAML_SUFFIXES

# Plans' facts share equal values from this much text on: the memory saved is worth the time.
SHARING_BYTES = 1024 * 1024


def analyse(
    sources: list[SourceFile],
    settings: Settings,
    problems: list[PathProblem] | None = None,
    *,
    report_only: frozenset[str] | None = None,
    named: frozenset[str] = frozenset(),
    keep_model: bool = False,
    cache: Cache | None = None,
    progress: Advance | None = None,
) -> Analysis:
    """Check ``sources`` as one project (see the module docstring).

    Every source is context; findings, counts and suppressions are kept only for ``report_only``
    paths when given. ``named`` files were named on the command line: meant as specs, they are
    read strictly. ``keep_model`` keeps every spec whole (the inventory needs it; the cache is then
    not used).
    """
    collector = gc.isenabled()
    gc.disable()  # the stages build many small objects and no cycles: the collector only costs
    try:
        run = _Run(settings, report_only, named, keep_model, cache, progress)
        return run.analyse(sources, list(problems or ()))
    finally:
        if collector:
            gc.enable()


class _Run:
    """One project stage: what every step shares."""

    def __init__(
        self,
        settings: Settings,
        report_only: frozenset[str] | None,
        named: frozenset[str],
        keep_model: bool,
        cache: Cache | None,
        progress: Advance | None,
    ) -> None:
        self.settings = settings
        self.report_only = report_only
        self.named = named
        self.keep_model = keep_model
        self.cache = cache if cache is not None and cache.enabled and not keep_model else None
        self.progress = progress
        self.settings_key = settings_key(settings) if self.cache is not None else ""

    def counted(self, path: str) -> bool:
        """Whether a file that is not a spec counts as "other YAML file skipped": a YAML file, or any
        file named on the command line. The JSON files of a walked folder (package.json …) are
        walked only for the plans of other formats among them, and are otherwise passed in silence."""
        return path.endswith(YAML_SUFFIXES) or path in self.named

    def reported(self, path: str) -> bool:
        """Whether findings in ``path`` are reported."""
        return self.report_only is None or path in self.report_only

    def analyse(self, sources: list[SourceFile], unreadable: list[PathProblem]) -> Analysis:
        """Steps 1 to 6 of the module docstring."""
        files, failures, contents, campaigns, size = self._read(sources)
        key = ""
        if self.cache is not None and not unreadable:
            key = run_key(self.settings_key, self.report_only, self.named, contents)
            stored = report_from(self.cache.get("runs", key), self.settings.rules)
            if stored is not None:
                return Analysis(stored)
        engine = Engine(self.settings.rules, self.settings.severities)
        # Plan fields are kept across files only for the checks that read them: project checks, and
        # campaign rules (a campaign sees the data it uses). Never building them keeps memory flat.
        facts = self.keep_model or bool(engine.project_rules) or (campaigns and engine.runs_on(CAMPAIGN))
        outcomes, skipped = self._too_large(failures, engine, unreadable)
        settings = self.settings
        base = Context(
            engine,
            PurposeRegistry(),
            None,
            settings.pure_yaml,
            settings.limits,
            facts,
            self.keep_model,
            self.named,
            schema_plans=settings.schema_plans,
        )
        context = context_pass([file for file in files if file.data is not None], base)
        others = [file for file in files if file.data is None]  # misfits were let go by the context pass
        used = [(file.display, file.content) for file in files if file.display in context.paths]
        run = FilePass(
            base._replace(
                registry=context.registry,
                taxonomy=context.taxonomy,
                recipients=context.recipients,
                foreign=context.foreign,
            ),
            self.cache,
            context_key(self.settings_key, used, facts) if self.cache is not None else "",
            settings.max_file_size,
            self.progress,
            settings.jobs,
            share=size >= SHARING_BYTES,
        )
        outcomes += context.outcomes + file_pass(others, self.report_only, run)
        unreadable += [PathProblem(display, message) for display, message in run.failed.items()]
        _unmatched_plans(context.foreign.overlays, outcomes, engine)
        report, specs, index = self._tally(outcomes, skipped, engine, context)
        report = report._replace(path_problems=tuple(unreadable))
        if self.cache is not None and key and not unreadable and not run.changed:
            self.cache.put("runs", key, report_data(report))
            self.cache.prune_now_and_then("files", "runs", "packs")
        return Analysis(report, specs, context.registry, context.taxonomy, index)

    def _read(
        self, sources: list[SourceFile]
    ) -> tuple[list[Source], list[tuple[str, ReadFailure]], list[str], bool, int]:
        """Step 1: the sources read (bytes kept for maybe-context), failures, the run's contents,
        whether any may be a campaign, and how many bytes they hold."""
        files: list[Source] = []
        failures: list[tuple[str, ReadFailure]] = []
        contents: list[str] = []  # what the run's result depends on, file by file
        campaigns = False  # whether any file may be a campaign
        size = 0
        use_cache = self.cache is not None
        for source in sources:
            data = read_source(source, self.settings.max_file_size)
            if isinstance(data, ReadFailure):
                failures.append((source.display, data))
                contents += [source.display, f"unread:{data.message}:{digest(data.head)}"]
                continue
            size += len(data)
            content = digest(data) if use_cache else ""
            hidden = could_hide_words(data)
            files.append(Source(source, content, data if maybe_context(data, hidden) else None))
            contents += [source.display, content]
            campaigns = campaigns or may_be_campaign(data, hidden)
        return files, failures, contents, campaigns, size

    def _too_large(
        self, failures: list[tuple[str, ReadFailure]], engine: Engine, unreadable: list[PathProblem]
    ) -> tuple[list[Outcome], list[str]]:
        """Files that could not be read: a spec over the size limit is a finding, a large data file is skipped."""
        outcomes: list[Outcome] = []
        skipped: list[str] = []
        for display, failure in failures:
            if failure.too_large and not failure.looks_like_spec():
                if self.counted(display):
                    skipped.append(display)
            elif failure.too_large:
                message = f"{failure.message}; not checked (raise `max-file-size` to check it)"
                found = engine.stamp(SHAPE, display, 1, 1, message)
                outcomes.append(Outcome(display, True, [found] if found else []))
            else:
                unreadable.append(PathProblem(display, failure.message))
        return outcomes, skipped

    def _tally(
        self,
        outcomes: list[Outcome],
        skipped: list[str],
        engine: Engine,
        context: ContextResult,
    ) -> tuple[Report, tuple[Spec, ...], ProjectIndex]:
        """Steps 5 and 6: the project checks, then what the reported files found, and the counts."""
        registry, taxonomy, recipients = context.registry, context.taxonomy, context.recipients
        findings: list[Finding] = []
        suppressions: list[Suppression] = []
        specs: list[Spec] = []
        facts: list[tuple[str, str, Fact]] = []
        fields: dict[str, int] = {}
        spec_paths: list[str] = []
        for outcome in outcomes:
            if not outcome.is_spec:
                if self.counted(outcome.path):
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
            check_context = CheckContext(campaign, registry, taxonomy, recipients)
            findings.extend(engine.findings_for(campaign, check_context, CAMPAIGN_TARGETS))
        findings.extend(engine.project_findings(index, ProjectContext(registry, taxonomy, recipients)))
        broken = [outcome.path for outcome in outcomes if outcome.is_spec and outcome.kind is None]
        findings = fold_cascades(findings, broken, index)
        reported = self.reported
        kept = sorted({finding for finding in findings if reported(finding.path)}, key=FINDING_ORDER)
        summary = Summary.of(
            kept,
            sum(1 for path in spec_paths if reported(path)),
            sum(count for path, count in fields.items() if reported(path)),
            sum(1 for path in skipped if reported(path)),
        )
        shown = tuple(item for item in suppressions if reported(item.path))
        return Report(tuple(kept), summary, self.settings.rules, suppressions=shown), tuple(specs), index


def _unmatched_plans(overlays: tuple[Overlay, ...], outcomes: list[Outcome], engine: Engine) -> None:
    """Add to each declarations file's outcome its ML908 findings: each plan it names that no file is,
    and each entry that no file of its plans matched (a plan may be kept in many files)."""
    if not overlays:
        return  # no declarations file: nothing to match (and no entry was looked at)
    plans = {outcome.name for outcome in outcomes if outcome.kind == TRACKING_PLAN and outcome.name is not None}
    by_path = {outcome.path: outcome for outcome in outcomes}
    matched: set[tuple[str, str]] = set()
    unmatched: dict[tuple[str, str], tuple[int, int, str]] = {}
    for outcome in outcomes:
        for where, line, column, message, target in outcome.declared:
            if not message:
                matched.add((where, target))
            elif "did you mean" in message or (where, target) not in unmatched:
                unmatched[where, target] = (line, column, message)  # a file with a suggestion says it best
    for overlay in overlays:
        found = by_path.get(overlay.path)
        if found is None:
            continue
        for name in overlay.plans:
            if name in plans:
                continue
            message = f"`{name}` names no plan of this project; these declarations apply to nothing"
            close = get_close_matches(name, sorted(plans), n=1, cutoff=0.6) if plans else []
            if close:
                message += f" (did you mean `{close[0]}`?)"
            stamped = engine.stamp(UNMATCHED, overlay.path, overlay.line, overlay.column, message, "plan")
            if stamped is not None:
                found.findings.append(stamped)
    for (where, target), (line, column, message) in sorted(unmatched.items()):
        owner = by_path.get(where)
        if owner is None or (where, target) in matched:
            continue
        stamped = engine.stamp(UNMATCHED, where, line, column, message, target)
        if stamped is not None:
            owner.findings.append(stamped)
