"""The pygls server: documents in, diagnostics out; hover, quick fixes and completion on request.

Full document sync: pygls applies incremental edits by ``str.splitlines``, which also breaks lines at
form feeds, NEL, LS and PS where LSP does not, and would corrupt such a buffer; with full sync the
client's text is taken as it is. Standard output is the protocol channel: :func:`serve` moves it
aside first, so that nothing else — a library's print, a warning — can ever write into it; logs go
to standard error.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from minlint import __version__
from minlint.run.read import maybe_context
from minlint.server.checks import CHANGE_DELAY, LOG, OPEN_DELAY, Checks, Entry, Published
from minlint.server.completion import completion_context
from minlint.server.diagnostics import Support, lsp_range
from minlint.server.hover import hover_text
from minlint.server.project import Buffer
from minlint.server.quickfix import FixRequest, code_action_of, quick_fixes
from minlint.server.text import UTF16, Place, Text, is_json

CONFIG_NAMES = frozenset({".minlint.yaml", "pyproject.toml"})
TRIGGERS = [" ", "[", ",", '"', "'"]


def file_of(uri: str) -> Path | None:
    """The file a document URI names (resolved), or None for a document that is not a file."""
    path = to_fs_path(uri)
    if path is None or not uri.startswith("file:"):
        return None
    return Path(os.path.realpath(path))


class MinlintServer(LanguageServer):
    """minlint's language server: pygls' protocol and workspace, minlint's :class:`Checks`."""

    def __init__(self) -> None:
        super().__init__("minlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.checks = Checks(self)
        self.shut_down = False  # LSP: exit status 0 only after a `shutdown` request

    # -- what the checks need (minlint.server.checks.Host) ---------------------------------------

    def encoding(self) -> str:
        """The position encoding agreed with the client."""
        agreed = self.workspace.position_encoding or UTF16
        return str(agreed.value if isinstance(agreed, types.PositionEncodingKind) else agreed)

    def support(self) -> Support:
        """What the client accepts in diagnostics."""
        document = self.client_capabilities.text_document
        published = document.publish_diagnostics if document is not None else None
        if published is None:
            return Support()
        return Support(bool(published.code_description_support), bool(published.data_support))

    def open_documents(self) -> list[tuple[str, Path, str, int | None]]:
        """Every open document that is a file: URI, file, text, version."""
        found = []
        for uri, document in list(self.workspace.text_documents.items()):
            path = file_of(uri)
            if path is not None:
                found.append((uri, path, document.source, document.version))
        return found

    def publish(self, params: types.PublishDiagnosticsParams) -> None:
        """Send diagnostics to the client."""
        self.text_document_publish_diagnostics(params)

    def notify(self, message: str, kind: types.MessageType) -> None:
        """Show the user a message."""
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    # -- what the client accepts -----------------------------------------------------------------

    def markdown(self) -> bool:
        """Whether the client shows Markdown in hovers."""
        document = self.client_capabilities.text_document
        hover = document.hover if document is not None else None
        formats = (hover.content_format if hover is not None else None) or [types.MarkupKind.PlainText]
        return types.MarkupKind.Markdown in formats

    def document_changes(self) -> bool:
        """Whether the client takes versioned document edits."""
        workspace = self.client_capabilities.workspace
        edit = workspace.workspace_edit if workspace is not None else None
        return bool(edit is not None and edit.document_changes)

    def buffers(self) -> dict[Path, Buffer]:
        """Every open document's buffer, by file."""
        return {path: Buffer(path, text, version) for _, path, text, version in self.open_documents()}


server = MinlintServer()


def _opened_or_changed(ls: MinlintServer, uri: str, delay: float) -> None:
    path = file_of(uri)
    if path is None:
        return
    text = ls.workspace.get_text_document(uri).source
    ls.checks.changed(path, delay, context=maybe_context(text.encode("utf-8", "surrogatepass")))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: MinlintServer, params: types.DidOpenTextDocumentParams) -> None:
    """Check a document as it opens (with its project)."""
    _opened_or_changed(ls, params.text_document.uri, OPEN_DELAY)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: MinlintServer, params: types.DidChangeTextDocumentParams) -> None:
    """Check again once the edits pause."""
    _opened_or_changed(ls, params.text_document.uri, CHANGE_DELAY)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: MinlintServer, params: types.DidSaveTextDocumentParams) -> None:
    """A saved configuration may change every project; a saved file, its own."""
    path = file_of(params.text_document.uri)
    if path is None:
        return
    if path.name in CONFIG_NAMES:
        ls.checks.forget_roots()
        for root in {ls.checks.root(document.buffer.path) for document in ls.checks.documents()}:
            ls.checks.schedule(root, 0)
        return
    ls.checks.changed(path, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: MinlintServer, params: types.DidCloseTextDocumentParams) -> None:
    """Clear a closed document's diagnostics; its project is checked again from the disk."""
    uri = params.text_document.uri
    ls.checks.clear(uri)
    path = file_of(uri)
    if path is not None:
        ls.checks.changed(path, OPEN_DELAY)


def _under(published: Published | None, position: types.Position) -> list[Entry]:
    if published is None:
        return []
    place = Place(position.line, position.character)
    return [entry for entry in published.entries if entry.span.start <= place <= entry.span.end]


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: MinlintServer, params: types.HoverParams) -> types.Hover | None:
    """Explain the findings under the cursor."""
    uri = params.text_document.uri
    path = file_of(uri)
    entries = [entry for entry in _under(ls.checks.published.get(uri), params.position) if entry.finding]
    if path is None or not entries:
        return None
    rules = await ls.checks.run(ls.checks.rules_of, ls.checks.root(path))
    findings = [(entry.finding, rules.get(entry.finding.rule)) for entry in entries if entry.finding is not None]
    markdown = ls.markdown()
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=hover_text(findings, markdown)), range=lsp_range(entries[0].span)
    )


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
)
async def code_action(ls: MinlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    """Quick fixes for minlint's diagnostics: a "did you mean", a missing declaration, a suppression."""
    only = params.context.only
    if only and not any(types.CodeActionKind.QuickFix.value.startswith(kind) for kind in only):
        return None
    uri = params.text_document.uri
    path = file_of(uri)
    if path is None:
        return None
    buffers = ls.buffers()
    buffer = buffers.get(path)
    if buffer is None:
        return None
    root = ls.checks.root(path)
    text = Text(buffer.text, ls.encoding())
    request = FixRequest(uri, path, root, text, is_json(str(path), buffer.text), ls.checks.published.get(uri), buffers)
    fixes = await ls.checks.run(quick_fixes, ls.checks, request, list(params.context.diagnostics))
    versioned = ls.document_changes()
    return [code_action_of(fix, diagnostic, request, versioned) for fix, diagnostic in fixes] or None


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS))
async def completion(ls: MinlintServer, params: types.CompletionParams) -> types.CompletionList | None:
    """Purpose ids, lawful bases, categories and recipients, where a declaration's value is typed."""
    uri = params.text_document.uri
    path = file_of(uri)
    if path is None:
        return None
    text = Text(ls.workspace.get_text_document(uri).source, ls.encoding())
    place = Place(params.position.line, params.position.character)
    context = completion_context(text, place)
    if context is None:
        return None
    buffers = list(ls.buffers().values())
    words = await ls.checks.run(ls.checks.words, ls.checks.root(path), buffers)
    start = types.Position(line=place.line, character=text.character(place.line, context.start))
    replaced = types.Range(start=start, end=params.position)
    items = [
        types.CompletionItem(
            label=item.label,
            kind=types.CompletionItemKind.EnumMember,
            detail=item.detail,
            documentation=item.documentation or None,
            text_edit=types.TextEdit(range=replaced, new_text=item.label),
        )
        for item in words.words.get(context.kind, ())
    ]
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.SHUTDOWN)
def shutdown(ls: MinlintServer, params: None) -> None:
    """Stop checking: the client is leaving."""
    ls.shut_down = True
    ls.checks.close()


def serve() -> int:
    """Run the server over standard input and output until the client says ``exit``; the exit status."""
    gc.enable()  # the command line keeps the collector off for its short runs; a server runs for hours
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="minlint server: %(levelname)s: %(message)s")
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray writes to stdout land on stderr
    sys.stdout = sys.stderr
    try:
        server.start_io(sys.stdin.buffer, channel)
    finally:
        server.checks.close()
    LOG.debug("stopped")
    return 0 if server.shut_down else 1
