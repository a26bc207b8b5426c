"""Check a set of files as one project: load, validate, model, run the rules, collect findings.

The flow is one way: files -> loader -> model -> engine -> findings. The purposes registry of
the project applies to every plan, so registries are gathered before any rule runs.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from minlint.discovery import SourceFile
from minlint.engine.engine import Engine
from minlint.engine.rule import CheckContext, ProjectContext, RuleDef
from minlint.findings import Finding, Summary
from minlint.loader.decode import decode
from minlint.loader.load import Limits, LoadedFile, load_document, looks_like_spec
from minlint.loader.tree import SHAPE
from minlint.model.build import build_spec
from minlint.model.project import ProjectIndex
from minlint.model.registry import PurposeRegistry
from minlint.model.spec import Spec
from minlint.model.vocabulary import CATEGORIES, PURPOSES, RULES
from minlint.report import PathProblem, Report, Suppressed
from minlint.schema import shape_errors
from minlint.suppressions import Suppression
from minlint.suppressions import apply as apply_suppressions
from minlint.taxonomy import Taxonomy

DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a check run needs besides the files: rules, severities, limits."""

    rules: tuple[RuleDef, ...]
    severities: Mapping[str, str] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    pure_yaml: bool = False
    known_rules: tuple[RuleDef, ...] = ()  # every rule available, running or not (for suppressions)


@dataclass(frozen=True, slots=True)
class ReadFailure:
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


CONTEXT_KINDS = frozenset({PURPOSES, CATEGORIES})


class _Run:
    """State of one check run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = Engine(settings.rules, settings.severities)
        self.findings: list[Finding] = []
        self.documents: list[LoadedFile] = []
        self.specs: list[Spec] = []
        self.spec_paths: list[str] = []
        self.skipped_paths: list[str] = []
        self.suppressions: list[Suppression] = []
        self.registry = PurposeRegistry()
        self.taxonomy = Taxonomy.builtin()
        self.index = ProjectIndex()

    def add(self, rule: str, path: str, line: int, column: int, message: str, target: str = "") -> None:
        finding = self.engine.stamp(rule, path, line, column, message, target)
        if finding is not None:
            self.findings.append(finding)

    def load(self, display: str, data: bytes) -> None:
        """Read one file: report its loading and shape problems, keep it if it can be modelled."""
        loaded: LoadedFile = load_document(display, data, pure=self.settings.pure_yaml, limits=self.settings.limits)
        if not loaded.is_spec:
            self.skipped_paths.append(display)
            return
        self.spec_paths.append(display)
        self.suppressions.extend(loaded.suppressions)
        for problem in loaded.problems:
            self.add(problem.code, display, problem.line, problem.column, problem.message)
        if loaded.root is None or loaded.kind is None:
            return
        for line, column, message, target in shape_errors(loaded.root, loaded.kind):
            self.add(SHAPE, display, line, column, message, target)
        if loaded.kind != RULES:
            self.documents.append(loaded)

    def evaluate(self) -> None:
        """Model every document (context first), run per-target rules, then the project's."""
        context = [doc for doc in self.documents if doc.kind in CONTEXT_KINDS]
        context_specs = [build_spec(doc.path, str(doc.kind), doc.root) for doc in context if doc.root is not None]
        registry = PurposeRegistry(purpose for spec in context_specs for purpose in spec.purposes)
        taxonomy = Taxonomy.builtin().with_categories(
            category for spec in context_specs for category in spec.categories
        )
        specs = list(context_specs)
        for doc in self.documents:
            if doc.kind not in CONTEXT_KINDS and doc.root is not None:
                specs.append(build_spec(doc.path, str(doc.kind), doc.root, taxonomy))
        self.documents = []
        self.specs = specs
        self.registry = registry
        self.taxonomy = taxonomy
        for spec in specs:
            check_context = CheckContext(spec, registry, taxonomy)
            self.findings.extend(self.engine.check_spec(spec, check_context, PER_FILE_KINDS))
        index = self.index = ProjectIndex.of(specs)
        for campaign in index.campaigns:
            enrich_campaign(campaign, index)
            self.findings.extend(
                self.engine.check_spec(campaign, CheckContext(campaign, registry, taxonomy), CAMPAIGN_KINDS)
            )
        self.findings.extend(self.engine.check_project(index, ProjectContext(registry, taxonomy)))


PER_FILE_KINDS = frozenset({"field", "event", "plan", "purpose"})
CAMPAIGN_KINDS = frozenset({"campaign"})


def enrich_campaign(campaign: Spec, index: ProjectIndex) -> None:
    """Give a campaign target the attributes of the data it uses (``used_data``, ``uses_special`` …)."""
    target = next(target for target in campaign.targets if target.kind == "campaign")
    used: list[dict[str, Any]] = []
    for use in campaign.uses:
        found = index.resolve(use.text, suggest=False).resolved
        if found is None:
            continue
        attrs = found.target.attrs
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


@dataclass(frozen=True, slots=True)
class Analysis:
    """A check run's report together with the project model it was computed from.

    The model (specs with resolved targets, the purposes registry, the taxonomy, the index of plan
    fields and campaigns) is what ``minlint inventory`` turns into a record of processing.
    """

    report: Report
    specs: tuple[Spec, ...]
    registry: PurposeRegistry
    taxonomy: Taxonomy
    index: ProjectIndex


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


def analyse(
    sources: list[SourceFile],
    settings: Settings,
    problems: list[PathProblem] | None = None,
    *,
    report_only: frozenset[str] | None = None,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Analysis:
    """Check ``sources`` as one project, keeping the model.

    Every source is context (purposes, categories, plans that campaigns refer to …); findings,
    counts and suppressions are kept only for ``report_only`` paths when given. Inline
    suppressions are applied (``today`` decides which have expired).
    """
    run = _Run(settings)
    unreadable = list(problems or ())
    for source in sources:
        data = read_source(source, settings.max_file_size)
        if isinstance(data, ReadFailure):
            if data.too_large and not data.looks_like_spec():
                run.skipped_paths.append(source.display)  # a large YAML file that is not a spec
            elif data.too_large:
                run.spec_paths.append(source.display)
                run.add(SHAPE, source.display, 1, 1, f"{data.message}; not checked (raise `max-file-size` to check it)")
            else:
                unreadable.append(PathProblem(source.display, data.message))
            continue
        run.load(source.display, data)
        if progress is not None:
            progress(source.display)
    run.evaluate()

    def reported(path: str) -> bool:
        return report_only is None or path in report_only

    findings = [finding for finding in set(run.findings) if reported(finding.path)]
    suppressions = [item for item in run.suppressions if reported(item.path)]
    running = frozenset(rule.id for rule in settings.rules)
    known = {rule.id: rule.name for rule in settings.known_rules or settings.rules}
    outcome = apply_suppressions(findings, suppressions, today or date.today(), running, known)
    kept = list(outcome.kept)
    for code, suppression, message in outcome.problems:
        stamped = run.engine.stamp(code, suppression.path, suppression.line, suppression.column, message)
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
        for finding, suppression in sorted(outcome.silenced, key=lambda pair: pair[0])
    )
    findings = sorted(set(kept))
    fields = sum(1 for spec in run.specs if reported(spec.path) for target in spec.targets if target.kind == "field")
    spec_files = sum(1 for path in run.spec_paths if reported(path))
    skipped = sum(1 for path in run.skipped_paths if reported(path))
    summary = Summary.of(findings, spec_files, fields, skipped)
    report = Report(tuple(findings), summary, settings.rules, tuple(unreadable), silenced)
    return Analysis(report, tuple(run.specs), run.registry, run.taxonomy, run.index)
