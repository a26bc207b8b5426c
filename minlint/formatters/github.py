r"""The ``github`` format: GitHub Actions workflow commands, one annotation per finding.

Each finding becomes one line such as::

    ::error file=plans/web.yaml,line=12,col=3,endLine=12,title=ML001 missing-purpose::MESSAGE

``error`` findings are ``::error``, ``warning`` are ``::warning`` and ``info`` are ``::notice``.
Paths are relative to the project root (GitHub resolves them against the checkout). The message
is the finding's message and, on a second line, the rule's hint.

Escaping follows GitHub's own toolkit (``@actions/core``, ``command.ts``): in the message ``%``,
``\r`` and ``\n`` become ``%25``, ``%0D`` and ``%0A``; in property values ``:`` and ``,`` also
become ``%3A`` and ``%2C``. ``%`` is escaped first, so escaping is reversible. Escaping only
``\n`` (as some linters do) lets a ``%0A`` typed in a spec turn into a line break, and an
unescaped ``,`` in a path silently cuts the ``file`` property short.

After the annotations comes one plain summary line (not a command: it starts with ``minlint:``,
never ``::``), because the job log shows stdout and a count helps there; ``--quiet`` drops it.
Suppressed findings make no annotations; with ``show_suppressed`` they are listed as plain
log lines, so they stay visible in the log but never in the diff view.
"""

from __future__ import annotations

from minlint.findings import Finding
from minlint.formatters import FormatOptions
from minlint.report import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%`` first, so the escaping can be undone)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: like data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def annotation(finding: Finding, path: str, hint: str | None) -> str:
    """One workflow command line (no newline) annotating ``finding`` at ``path``."""
    properties = {
        "file": path,
        "line": str(finding.line),
        "col": str(finding.column),
        "endLine": str(finding.line),
        "title": f"{finding.rule} {finding.name}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = finding.message if hint is None else f"{finding.message}\nhint: {hint} [minlint explain {finding.rule}]"
    return f"::{COMMANDS.get(finding.severity, 'warning')} {joined}::{escape_data(message)}"


def _summary(report: Report) -> str:
    summary = report.summary
    checked = _plural(summary.files, "spec file")
    if not report.findings:
        return f"minlint: no findings in {checked}."
    counts = f"{_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')}, {summary.infos} info"
    return f"minlint: {_plural(len(report.findings), 'finding')} in {checked} ({counts})."


def format_github(report: Report, options: FormatOptions) -> str:
    """Render ``report`` as GitHub Actions annotations, then a plain summary line (unless quiet)."""
    hints = {rule.id: rule.short_hint for rule in report.rules}
    lines = [annotation(f, report.root_relative(f.path), hints.get(f.rule)) for f in report.findings]
    if options.show_suppressed:
        for item in report.suppressed:
            finding = item.finding
            place = f"{report.root_relative(finding.path)}:{finding.line}:{finding.column}"
            reason = f": {item.reason}" if item.reason else ""
            # Escaped like data so that no reason or message can start a line with `::`.
            text = f"minlint: suppressed ({item.by}{reason}) {place} {finding.rule} {finding.name} {finding.message}"
            lines.append(escape_data(text))
    if not options.quiet:
        lines.append(_summary(report))
    return "".join(line + "\n" for line in lines)
