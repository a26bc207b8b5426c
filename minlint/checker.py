"""Check a set of files as one project: load, validate, model, run the rules, collect findings.

The flow is one way: files -> loader -> model -> engine -> findings. The purposes registry of
the project applies to every plan, so registries are gathered before any rule runs.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from minlint.discovery import PathProblem, SourceFile
from minlint.engine.engine import Engine
from minlint.engine.rule import CheckContext, ProjectContext, RuleDef
from minlint.findings import Finding, Summary
from minlint.loader.load import Limits, LoadedFile, load_document
from minlint.loader.tree import SHAPE
from minlint.model.build import build_spec
from minlint.model.project import ProjectIndex
from minlint.model.registry import PurposeRegistry
from minlint.model.spec import Spec
from minlint.model.vocabulary import CATEGORIES, PURPOSES, RULES
from minlint.schema import shape_errors
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


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of a run: sorted findings, counts, the rules that ran, paths that could not be read."""

    findings: tuple[Finding, ...]
    summary: Summary
    rules: tuple[RuleDef, ...]
    path_problems: tuple[PathProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """Why a file's bytes were not read. A file over the size limit is a finding, not an I/O error."""

    message: str
    too_large: bool = False


def read_source(source: SourceFile, max_size: int) -> bytes | ReadFailure:
    """The file's bytes, or why they cannot be read (a file over ``max_size`` is never read at all)."""
    try:
        descriptor = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return ReadFailure(f"cannot read: {(error.strerror or str(error)).lower()}")
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return ReadFailure("not a regular file (a FIFO, socket or device)")
        if info.st_size > max_size:
            size = info.st_size / 1048576
            return ReadFailure(f"the file is {size:.1f} MB, over the {max_size / 1048576:g} MB limit", True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_size + 1)
    except OSError as error:
        return ReadFailure(f"cannot read: {(error.strerror or str(error)).lower()}")
    finally:
        os.close(descriptor)
    if len(data) > max_size:
        return ReadFailure(f"the file grew past the {max_size / 1048576:g} MB limit while being read", True)
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
        self.spec_files = 0
        self.skipped = 0

    def add(self, rule: str, path: str, line: int, column: int, message: str, target: str = "") -> None:
        finding = self.engine.stamp(rule, path, line, column, message, target)
        if finding is not None:
            self.findings.append(finding)

    def load(self, display: str, data: bytes) -> None:
        """Read one file: report its loading and shape problems, keep it if it can be modelled."""
        loaded: LoadedFile = load_document(display, data, pure=self.settings.pure_yaml, limits=self.settings.limits)
        if not loaded.is_spec:
            self.skipped += 1
            return
        self.spec_files += 1
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
        for spec in specs:
            check_context = CheckContext(spec, registry, taxonomy)
            self.findings.extend(self.engine.check_spec(spec, check_context, PER_FILE_KINDS))
        index = ProjectIndex.of(specs)
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


def check_sources(sources: list[SourceFile], settings: Settings, problems: list[PathProblem] | None = None) -> Report:
    """Check ``sources`` as one project."""
    run = _Run(settings)
    unreadable = list(problems or ())
    for source in sources:
        data = read_source(source, settings.max_file_size)
        if isinstance(data, ReadFailure):
            if data.too_large:
                run.spec_files += 1
                run.add(
                    SHAPE,
                    source.display,
                    1,
                    1,
                    f"{data.message}; not checked (raise `max-file-size` to check it)",
                )
            else:
                unreadable.append(PathProblem(source.display, data.message))
            continue
        run.load(source.display, data)
    run.evaluate()
    findings = sorted(set(run.findings))
    fields = sum(1 for spec in run.specs for target in spec.targets if target.kind == "field")
    summary = Summary.of(findings, run.spec_files, fields, run.skipped)
    return Report(tuple(findings), summary, settings.rules, tuple(unreadable))
