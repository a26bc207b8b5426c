"""Check a set of files as one project: load, validate, model, run the rules, collect findings.

The flow is one way: files -> loader -> model -> engine -> findings. The purposes registry of
the project applies to every plan, so registries are gathered before any rule runs.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field

from minlint.discovery import PathProblem, SourceFile
from minlint.engine.engine import Engine
from minlint.engine.rule import CheckContext, RuleDef
from minlint.findings import Finding, Summary
from minlint.loader.load import Limits, LoadedFile, load_document
from minlint.loader.tree import SHAPE
from minlint.model.build import build_spec
from minlint.model.registry import PurposeRegistry
from minlint.model.spec import Spec
from minlint.schema import shape_errors

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


class _Run:
    """State of one check run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = Engine(settings.rules, settings.severities)
        self.findings: list[Finding] = []
        self.specs: list[Spec] = []
        self.spec_files = 0
        self.skipped = 0

    def add(self, rule: str, path: str, line: int, column: int, message: str, target: str = "") -> None:
        finding = self.engine.stamp(rule, path, line, column, message, target)
        if finding is not None:
            self.findings.append(finding)

    def load(self, display: str, data: bytes) -> None:
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
        if loaded.kind != "rules":
            self.specs.append(build_spec(display, loaded.kind, loaded.root))

    def evaluate(self) -> None:
        registry = PurposeRegistry(purpose for spec in self.specs for purpose in spec.purposes)
        for spec in self.specs:
            self.findings.extend(self.engine.check_spec(spec, CheckContext(spec, registry)))


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
    findings = sorted(run.findings)
    fields = sum(1 for spec in run.specs for target in spec.targets if target.kind == "field")
    summary = Summary.of(findings, run.spec_files, fields, run.skipped)
    return Report(tuple(findings), summary, settings.rules, tuple(unreadable))
