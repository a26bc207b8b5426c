"""A code action request answered: the quick fixes of each minlint diagnostic, as LSP code actions.

The client sends back the diagnostics under the cursor, perhaps moved as the text was edited since;
each is matched to the finding it shows (by rule and message, the nearest), and the fixes are made
on the text as it is now, at the place the client shows (:mod:`minlint.server.actions`,
:mod:`minlint.server.declare`). A fix may edit another file: a plan's declarations file.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from lsprotocol import types
from pygls.uris import from_fs_path

from minlint.findings import Finding
from minlint.server.actions import Fix, did_you_mean, suppression
from minlint.server.checks import Checks, Published
from minlint.server.declare import DECLARED_BY, declaration_fix
from minlint.server.diagnostics import SOURCE, lsp_range, span_of
from minlint.server.project import Buffer, read_text
from minlint.server.text import Text


def _finding(published: Published | None, diagnostic: types.Diagnostic) -> Finding | None:
    """The finding a diagnostic the client sends back shows (the client may have moved it as the text changed)."""
    if published is None:
        return None
    same = [
        entry.finding
        for entry in published.entries
        if entry.finding is not None
        and entry.diagnostic.code == diagnostic.code
        and entry.diagnostic.message == diagnostic.message
    ]
    return min(same, key=lambda finding: abs(finding.line - 1 - diagnostic.range.start.line), default=None)


class FixRequest(NamedTuple):
    """What a code action request is about, read on the event loop for the worker thread."""

    uri: str
    path: Path
    root: Path
    text: Text
    flow: bool
    published: Published | None
    buffers: dict[Path, Buffer]


def quick_fixes(
    checks: Checks, request: FixRequest, diagnostics: list[types.Diagnostic]
) -> list[tuple[Fix, types.Diagnostic]]:
    """Every quick fix for ``diagnostics`` (on the worker thread: fixes parse, and may load the project)."""
    text, path, flow = request.text, request.path, request.flow
    buffers = request.buffers

    def read(file: Path) -> str | None:
        return read_text(file, buffers)

    found: list[tuple[Fix, types.Diagnostic]] = []
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
            continue
        at = span_of(diagnostic.range).start
        fixes = [did_you_mean(diagnostic.message, path, text, at, flow)]
        finding = _finding(request.published, diagnostic)
        project = (
            checks.model(request.root, list(request.buffers.values()))
            if finding is not None and finding.rule in DECLARED_BY
            else None
        )
        if finding is not None and project is not None:
            fixes.append(
                declaration_fix(
                    finding.rule,
                    finding.target,
                    finding.scope,
                    path,
                    request.root,
                    project,
                    read,
                    text.encoding,
                )
            )
        fixes.append(suppression(diagnostic.code, path, text, at, flow))
        found.extend((fix, diagnostic) for fix in fixes if fix is not None)
    return found


def code_action_of(fix: Fix, diagnostic: types.Diagnostic, request: FixRequest, versioned: bool) -> types.CodeAction:
    """A quick fix as an LSP code action; ``versioned``: the client takes versioned document edits."""
    target = request.uri if fix.path == request.path else from_fs_path(str(fix.path)) or request.uri
    edits: list[types.TextEdit | types.AnnotatedTextEdit | types.SnippetTextEdit] = [
        types.TextEdit(range=lsp_range(edit.span), new_text=edit.new_text) for edit in fix.edits
    ]
    if versioned:
        buffer = request.buffers.get(fix.path)
        identifier = types.OptionalVersionedTextDocumentIdentifier(
            uri=target, version=buffer.version if buffer is not None else None
        )
        change = types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=identifier, edits=edits)])
    else:
        change = types.WorkspaceEdit(changes={target: [edit for edit in edits if isinstance(edit, types.TextEdit)]})
    return types.CodeAction(
        title=fix.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=change,
        is_preferred=True if fix.preferred else None,
    )
