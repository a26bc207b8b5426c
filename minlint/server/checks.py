"""When to check, and what to publish: debounced project checks off the event loop, the latest winning.

An edit schedules a check of the document's project ~300 ms later; another edit in the project before
then replaces it, so typing costs one check. Opening, saving and closing schedule one at once. A
check names every open document of the project and lays all their buffers over the disk
(:mod:`minlint.server.project`), so an edit to a registry or declarations file re-checks the plans
open beside it. Checks run one at a time on a worker thread, so the server keeps answering; a check
overtaken by a newer one is dropped unpublished. Each document gets the findings in its own file
only, and a document whose diagnostics did not change is not published again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

from lsprotocol import types

from minlint import __version__
from minlint.api import CheckResult, Project
from minlint.engine.packs import builtin_rules
from minlint.engine.rule import RuleDef
from minlint.errors import SetupError
from minlint.findings import Finding
from minlint.server.completion import Vocabulary, vocabulary
from minlint.server.diagnostics import (
    Support,
    file_diagnostic,
    finding_diagnostic,
    finding_span,
    setup_diagnostic,
    span_of,
)
from minlint.server.hover import rule_link
from minlint.server.project import Buffer, absolute, check_buffers, load_project, project_root, project_rules
from minlint.server.text import Span, Text, is_json

CHANGE_DELAY = 0.3  # seconds of quiet after an edit before checking
OPEN_DELAY = 0.05  # lets a burst of opened documents make one check
ISSUES_URL = "https://github.com/minlint/minlint/issues"
LOG = logging.getLogger("minlint.server")
T = TypeVar("T")


class Entry(NamedTuple):
    """One published diagnostic, with the finding it shows (None for a file-level error) and its range."""

    finding: Finding | None
    span: Span
    diagnostic: types.Diagnostic


class Published(NamedTuple):
    """What was last published for a document: for its version, over its text, with its entries."""

    version: int | None
    text: Text
    entries: tuple[Entry, ...]


class Document(NamedTuple):
    """An open document as a check sees it: its URI, and its buffer."""

    uri: str
    buffer: Buffer


class Host(Protocol):
    """What the checks need of the server."""

    def encoding(self) -> str:
        """The negotiated position encoding (``utf-16``, ``utf-8`` or ``utf-32``)."""

    def support(self) -> Support:
        """What the client accepts in diagnostics."""

    def open_documents(self) -> list[tuple[str, Path, str, int | None]]:
        """Every open document with a file: URI, file (resolved), text, version."""

    def publish(self, params: types.PublishDiagnosticsParams) -> None:
        """Send diagnostics."""

    def notify(self, message: str, kind: types.MessageType) -> None:
        """Show the user a message."""


class Checks:
    """The server's checking state: roots, pending checks, published diagnostics, cached models."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="minlint-check")
        self.pending: dict[Path, asyncio.Task[None]] = {}
        self.published: dict[str, Published] = {}
        self.roots: dict[Path, Path] = {}
        self.generations: dict[Path, int] = {}
        self.models: dict[Path, tuple[int, Project | None]] = {}
        self.vocabularies: dict[Path, Vocabulary] = {}
        self.rules: dict[Path, dict[str, RuleDef]] = {}
        self.setup_errors: dict[Path, str] = {}

    # -- which project ---------------------------------------------------------------------------

    def root(self, path: Path) -> Path:
        """The project root of a document's file (remembered until a configuration is saved)."""
        found = self.roots.get(path)
        if found is None:
            found = self.roots[path] = project_root(path)
        return found

    def documents(self, root: Path | None = None) -> list[Document]:
        """The open documents (of the project at ``root``, when given)."""
        found = []
        for uri, path, text, version in self.host.open_documents():
            if root is None or self.root(path) == root:
                found.append(Document(uri, Buffer(path, text, version)))
        return found

    def forget_roots(self) -> None:
        """Forget every root and what was cached per project: a configuration appeared or changed."""
        self.roots.clear()
        self.models.clear()
        self.vocabularies.clear()
        self.rules.clear()

    # -- scheduling ------------------------------------------------------------------------------

    def changed(self, path: Path, delay: float, context: bool = True) -> None:
        """A document of the project of ``path`` changed: check the project after ``delay`` seconds.

        ``context``: the change may change what the project knows (a registry, taxonomy or recipient),
        so the words offered for completion are read again.
        """
        root = self.root(path)
        self.generations[root] = self.generations.get(root, 0) + 1
        if context:
            self.vocabularies.pop(root, None)
        self.schedule(root, delay)

    def schedule(self, root: Path, delay: float) -> None:
        """Check the project at ``root`` after ``delay`` seconds, replacing its pending or running check
        (whose result is then dropped)."""
        previous = self.pending.pop(root, None)
        if previous is not None:
            previous.cancel()
        self.pending[root] = asyncio.get_running_loop().create_task(self._check(root, delay))

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Run blocking ``function(*args)`` on the worker thread (one at a time: minlint's runs)."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    async def _check(self, root: Path, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            documents = self.documents(root)
            if not documents:
                return
            try:
                result: CheckResult | Exception = await self.run(
                    check_buffers, root, [document.buffer for document in documents]
                )
            except SetupError as error:
                result = error
            self._publish(root, documents, result)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # never let a check take the server down
            LOG.exception("checking %s failed", root)
            self._publish(root, self.documents(root), error)
        finally:
            if self.pending.get(root) is asyncio.current_task():
                del self.pending[root]

    # -- publishing ------------------------------------------------------------------------------

    def _publish(self, root: Path, documents: list[Document], result: CheckResult | Exception) -> None:
        if isinstance(result, SetupError):
            said = str(result)
            if self.setup_errors.get(root) != said:
                self.setup_errors[root] = said
                self.host.notify(f"minlint: {said}", types.MessageType.Error)
        else:
            self.setup_errors.pop(root, None)
        still_open = {uri for uri, *_ in self.host.open_documents()}
        for document in documents:
            if document.uri in still_open:  # one closed while it was checked has been cleared already
                self.publish(document, self._entries(root, document, result))

    def _entries(self, root: Path, document: Document, result: CheckResult | Exception) -> Published:
        buffer = document.buffer
        text = Text(buffer.text, self.host.encoding())
        flow = is_json(str(buffer.path), buffer.text)
        if isinstance(result, SetupError):
            diagnostic = setup_diagnostic(result, root, buffer.path, text, flow)
            return Published(buffer.version, text, (_file_entry(diagnostic),))
        if isinstance(result, Exception):
            message = (
                f"minlint could not check this file: internal error ({type(result).__name__}: {result}) — "
                f"this is a bug in minlint {__version__}; please report it at {ISSUES_URL}"
            )
            return Published(buffer.version, text, (_file_entry(file_diagnostic(message, text)),))
        support = self.host.support()
        known = {rule.id: rule for rule in builtin_rules()}
        entries: list[Entry] = []
        for problem in result.problems:
            if absolute(root, problem.path) == buffer.path:
                entries.append(_file_entry(file_diagnostic(problem.message, text)))
        for finding in result.findings:
            if absolute(root, finding.path) != buffer.path:
                continue
            span = finding_span(finding, text, flow)
            rule = known.get(finding.rule)
            diagnostic = finding_diagnostic(finding, span, rule, support, rule_link(rule))
            entries.append(Entry(finding, span, diagnostic))
        return Published(buffer.version, text, tuple(entries))

    def publish(self, document: Document, published: Published) -> None:
        """Send a document's diagnostics, unless the client has exactly these for this version already."""
        before = self.published.get(document.uri)
        self.published[document.uri] = published
        diagnostics = [entry.diagnostic for entry in published.entries]
        unchanged = before is not None and before.version == published.version
        if unchanged and before is not None and [entry.diagnostic for entry in before.entries] == diagnostics:
            return
        self.host.publish(
            types.PublishDiagnosticsParams(uri=document.uri, version=published.version, diagnostics=diagnostics)
        )

    def clear(self, uri: str) -> None:
        """A document was closed: take its diagnostics away."""
        self.published.pop(uri, None)
        self.host.publish(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # -- the project, for hover, quick fixes and completion --------------------------------------

    def model(self, root: Path, buffers: list[Buffer]) -> Project | None:
        """The project model with ``buffers`` laid over (call on the worker thread; cached until an edit)."""
        generation = self.generations.get(root, 0)
        cached = self.models.get(root)
        if cached is not None and cached[0] == generation:
            return cached[1]
        # Only the project's own buffers: another project's open files must not lend it their words.
        project = load_project(root, [buffer for buffer in buffers if self.root(buffer.path) == root])
        self.models[root] = (generation, project)
        return project

    def words(self, root: Path, buffers: list[Buffer]) -> Vocabulary:
        """The words completion offers in the project (call on the worker thread; cached)."""
        found = self.vocabularies.get(root)
        if found is None:
            found = self.vocabularies[root] = vocabulary(self.model(root, buffers))
        return found

    def rules_of(self, root: Path) -> dict[str, RuleDef]:
        """Every rule the project knows, by code (call on the worker thread; cached)."""
        found = self.rules.get(root)
        if found is None:
            found = self.rules[root] = project_rules(root)
        return found

    def close(self) -> None:
        """Stop: cancel pending checks, and let the worker finish without waiting for it."""
        for task in self.pending.values():
            task.cancel()
        self.pending.clear()
        self.executor.shutdown(wait=False, cancel_futures=True)


def _file_entry(diagnostic: types.Diagnostic) -> Entry:
    return Entry(None, span_of(diagnostic.range), diagnostic)
