"""Findings as LSP diagnostics: a range over the token a finding is about, its rule as the code.

minlint's positions are 1-based lines and columns in characters; LSP's are 0-based, in code units of
the negotiated encoding (:mod:`minlint.server.text`). The range covers the key or value at the
finding's place (:mod:`minlint.server.tokens`), never a zero-width point when there is text to
underline. A run that cannot start (a bad ``.minlint.yaml``) or a file that cannot be read is one
diagnostic too, where it applies or at the top of the document, so the editor shows why nothing else is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final, NamedTuple

from lsprotocol import types

from minlint.engine.rule import RuleDef
from minlint.findings import Finding
from minlint.server.project import absolute
from minlint.server.text import Place, Span, Text
from minlint.server.tokens import token_at

SOURCE: Final = "minlint"
SEVERITIES: Final = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
# What a SetupError says: `path:line:column: message` (see minlint.errors).
_LOCATED: Final = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$", re.DOTALL)


class Support(NamedTuple):
    """What the client accepts in a diagnostic: a link to the rule's documentation, and ``data``."""

    code_description: bool = False
    data: bool = False


def token_span(text: Text, line: int, index: int, flow: bool) -> Span:
    """The range of the token at code point ``index`` of line ``line`` (0-based).

    Past the end of a line's text (a finding about what is missing at the end of a file), the
    line's text itself; a zero-width range only on an empty line.
    """
    content = text.line(line)
    token = token_at(content, index, flow=flow)
    start, end = token.start, token.end
    if start == end:
        stripped = content.rstrip(" \t")
        start = min(index, len(stripped))
        if start == len(stripped):
            start = len(content) - len(content.lstrip(" \t"))
        end = max(len(stripped), start)
    return Span(text.place(line, start), text.place(line, end))


def finding_span(finding: Finding, text: Text, flow: bool) -> Span:
    """The range a finding underlines in ``text``."""
    line, index = text.from_minlint(finding.line, finding.column)
    return token_span(text, line, index, flow)


def lsp_range(span: Span) -> types.Range:
    """A :class:`Span` as an LSP range."""
    return types.Range(
        start=types.Position(line=span.start.line, character=span.start.character),
        end=types.Position(line=span.end.line, character=span.end.character),
    )


def span_of(lsp: types.Range) -> Span:
    """An LSP range as a :class:`Span`."""
    return Span(Place(lsp.start.line, lsp.start.character), Place(lsp.end.line, lsp.end.character))


def finding_diagnostic(
    finding: Finding, span: Span, rule: RuleDef | None, support: Support, href: str | None
) -> types.Diagnostic:
    """The diagnostic of one finding: severity, rule code (linked to its documentation), message.

    ``data`` (when the client keeps it) carries what a quick fix needs to find the finding again.
    """
    data = (
        {"rule": finding.rule, "name": finding.name, "target": finding.target, "scope": finding.scope}
        if support.data
        else None
    )
    return types.Diagnostic(
        range=lsp_range(span),
        message=finding.message,
        severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=types.CodeDescription(href=href) if href and support.code_description else None,
        source=SOURCE,
        data=data,
    )


def top_of(text: Text) -> Span:
    """The first line's text (where a problem with the whole file is shown)."""
    return token_span(text, 0, len(text.line(0)), flow=False)


def file_diagnostic(message: str, text: Text) -> types.Diagnostic:
    """An error about the whole file (it cannot be read, or checked), at its top."""
    return types.Diagnostic(
        range=lsp_range(top_of(text)), message=message, severity=types.DiagnosticSeverity.Error, source=SOURCE
    )


def setup_diagnostic(error: Exception, root: Path, path: Path, text: Text, flow: bool) -> types.Diagnostic:
    """A run that cannot start: at the place the error names when that is in this document (the
    ``.minlint.yaml`` being edited), else at the top, saying that nothing could be checked."""
    located = _LOCATED.match(str(error))
    if located is not None and absolute(root, located["path"]) == path:
        line, index = text.from_minlint(int(located["line"]), int(located["column"]))
        return types.Diagnostic(
            range=lsp_range(token_span(text, line, index, flow)),
            message=located["message"],
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
        )
    return file_diagnostic(f"minlint cannot check this project: {error}", text)
