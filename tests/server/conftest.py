"""A real language-server session: ``python -m minlint server`` over stdio, driven by pytest-lsp's client.

Every test gets a server of its own and a temporary project copied from ``examples/``. The client
records every ``publishDiagnostics`` it receives (with its version), so a test can wait for the one
it expects and check that no other came; every wait is bounded by a timeout.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, default_converter, register_lsp_features

from minlint.server.text import Place, Span, Text
from tests.conftest import REPO

SERVER = [sys.executable, "-m", "minlint", "server"]
WAIT = 15  # seconds: a bound on every wait, far above what a check takes


def _record(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)  # type: ignore[attr-defined]


def recording_client() -> LanguageClient:
    """pytest-lsp's test client, also keeping every publishDiagnostics in ``client.published``."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record})
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


def copy_example(name: str, destination: Path) -> Path:
    """A copy of ``examples/NAME`` (without its cache) at ``destination``."""
    shutil.copytree(REPO / "examples" / name, destination, ignore=shutil.ignore_patterns(".minlint_cache"))
    return destination


class Session:
    """The client side of a session, in the words of the tests."""

    def __init__(self, client: LanguageClient, encoding: str = "utf-16") -> None:
        self.client = client
        self.encoding = encoding
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

    @property
    def published(self) -> list[types.PublishDiagnosticsParams]:
        """Every publishDiagnostics received so far."""
        found: list[types.PublishDiagnosticsParams] = self.client.published  # type: ignore[attr-defined]
        return found

    def open(self, path: Path, text: str | None = None, language: str = "yaml") -> str:
        """Open ``path`` (with ``text`` as its unsaved buffer, else its content); its URI."""
        uri = from_fs_path(str(path)) or ""
        self.texts[uri] = path.read_text(encoding="utf-8") if text is None else text
        self.versions[uri] = 1
        item = types.TextDocumentItem(uri=uri, language_id=language, version=1, text=self.texts[uri])
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        return uri

    def change(self, uri: str, text: str) -> int:
        """Replace the buffer's text (full sync); the new version."""
        self.texts[uri] = text
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return self.versions[uri]

    def close_all(self) -> None:
        """Close every document still open."""
        for uri in list(self.versions):
            self.close(uri)

    def close(self, uri: str) -> None:
        """Close the document."""
        self.versions.pop(uri, None)
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    async def diagnostics(self, uri: str, version: int | None = None) -> list[types.Diagnostic]:
        """The diagnostics published for ``uri`` (at ``version``, when given; else its latest), waiting for them."""
        wanted = self.versions.get(uri) if version is None else version
        async with asyncio.timeout(WAIT):
            while True:
                for params in reversed(self.published):
                    if params.uri == uri and (wanted is None or params.version == wanted):
                        return list(params.diagnostics)
                await asyncio.sleep(0.02)

    async def quiet(self, seconds: float = 0.6) -> None:
        """Let the server finish what it was doing (a debounced check)."""
        await asyncio.sleep(seconds)

    async def hover(self, uri: str, place: types.Position) -> types.Hover | None:
        """Hover at ``place``."""
        async with asyncio.timeout(WAIT):
            result: types.Hover | None = await self.client.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=place)
            )
        return result

    async def actions(self, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        """The code actions for one diagnostic."""
        params = types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
        async with asyncio.timeout(WAIT):
            result = await self.client.text_document_code_action_async(params)
        return [action for action in result or () if isinstance(action, types.CodeAction)]

    async def complete(self, uri: str, place: types.Position) -> list[types.CompletionItem]:
        """The completion items at ``place``."""
        params = types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=place)
        async with asyncio.timeout(WAIT):
            result = await self.client.text_document_completion_async(params)
        if result is None:
            return []
        return list(result.items if isinstance(result, types.CompletionList) else result)

    def edits(self, action: types.CodeAction) -> dict[str, list[types.TextEdit]]:
        """The text edits of an action, by URI (from ``changes`` or ``documentChanges``)."""
        assert action.edit is not None
        found: dict[str, list[types.TextEdit]] = {}
        for uri, edits in (action.edit.changes or {}).items():
            found.setdefault(uri, []).extend(edits)
        for change in action.edit.document_changes or ():
            assert isinstance(change, types.TextDocumentEdit)
            found.setdefault(change.text_document.uri, []).extend(
                edit for edit in change.edits if isinstance(edit, types.TextEdit)
            )
        return found

    def apply(self, text: str, edits: list[types.TextEdit]) -> str:
        """``text`` with ``edits`` made (last first, as a client does)."""
        for edit in sorted(edits, key=lambda each: (each.range.start.line, each.range.start.character), reverse=True):
            span = Span(
                Place(edit.range.start.line, edit.range.start.character),
                Place(edit.range.end.line, edit.range.end.character),
            )
            text = Text(text, self.encoding).replace(span, edit.new_text)
        return text


async def start(client: LanguageClient, capabilities: str) -> types.InitializeResult:
    """initialize + initialized, as the named editor would (no workspace folder: each test has its project)."""
    async with asyncio.timeout(WAIT):
        result: types.InitializeResult = await client.initialize_session(
            types.InitializeParams(capabilities=pytest_lsp.client_capabilities(capabilities))
        )
    client.initialized_with = result  # type: ignore[attr-defined]
    return result


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def vscode_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """A server for a test module, whose client says it is VS Code (UTF-16 positions, versioned edits)."""
    await start(lsp_client, "visual-studio-code")
    yield
    async with asyncio.timeout(WAIT):
        await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def neovim_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """A server for a test module, whose client says it is Neovim 0.11 (UTF-8 positions, plain edits)."""
    await start(lsp_client, "neovim")
    yield
    async with asyncio.timeout(WAIT):
        await lsp_client.shutdown_session()


@pytest.fixture
def vscode(vscode_client: LanguageClient) -> Iterator[Session]:
    """A session as VS Code; the documents a test opens are closed after it."""
    session = Session(vscode_client)
    yield session
    session.close_all()


@pytest.fixture
def neovim(neovim_client: LanguageClient) -> Iterator[Session]:
    """A session as Neovim 0.11; the documents a test opens are closed after it."""
    session = Session(neovim_client, "utf-8")
    yield session
    session.close_all()


def position(line: int, character: int) -> types.Position:
    """An LSP position (0-based)."""
    return types.Position(line=line, character=character)


def where(diagnostic: types.Diagnostic) -> tuple[Any, int, int, int, int]:
    """A diagnostic's code and range, as one comparable tuple."""
    start, end = diagnostic.range.start, diagnostic.range.end
    return (diagnostic.code, start.line, start.character, end.line, end.character)


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must be there, once) replaced by ``new``."""
    assert text.count(old) == 1, old
    return text.replace(old, new)
