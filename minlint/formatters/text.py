"""The ``text`` format, for people: findings grouped by file, each with a hint, then a summary.

Every finding is one line starting ``path:line:column`` (terminals and editors make it a link),
followed by the rule's code and name, the message, and an indented hint naming the rule so that
``minlint explain`` is one copy-paste away. Colour comes from rich, imported only when colour is
on; without colour the same segments are joined as plain text.
"""

from __future__ import annotations

import io
from itertools import groupby

from minlint.engine.rule import RuleDef
from minlint.findings import Finding
from minlint.formatters import FormatOptions
from minlint.report import Report

Segment = tuple[str, str]  # (text, rich style)
Line = list[Segment]

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _finding_lines(finding: Finding, rule: RuleDef | None) -> list[Line]:
    style = SEVERITY_STYLE[finding.severity]
    lines: list[Line] = [
        [
            (finding.path, "bold"),
            (f":{finding.line}:{finding.column}", "dim"),
            ("  ", ""),
            (finding.rule, style),
            (" ", ""),
            (finding.name, "cyan"),
            ("  ", ""),
            (finding.message, ""),
        ]
    ]
    if rule is not None:
        lines.append([(f"    hint: {rule.short_hint} ", "dim"), (f"[minlint explain {finding.rule}]", "dim cyan")])
    return lines


def _summary(report: Report) -> Line:
    summary = report.summary
    checked = f"{_plural(summary.files, 'spec file')}, {_plural(summary.fields, 'field')}"
    skipped = f" ({_plural(summary.skipped, 'other YAML file')} skipped: not minlint specs)" if summary.skipped else ""
    if not report.findings:
        return [("No findings", "bold green"), (f" in {checked}{skipped}.", "")]
    counts = [
        (_plural(summary.errors, "error"), "bold red" if summary.errors else ""),
        (_plural(summary.warnings, "warning"), "bold yellow" if summary.warnings else ""),
        (f"{summary.infos} info", "bold blue" if summary.infos else ""),
    ]
    line: Line = [(f"Checked {checked}{skipped}: ", "")]
    for index, segment in enumerate(counts):
        line.append(segment)
        line.append((", " if index < len(counts) - 1 else ".", ""))
    return line


def _suppressed_lines(report: Report) -> list[Line]:
    lines: list[Line] = [[(f"Suppressed ({len(report.suppressed)})", "bold underline")]]
    for item in report.suppressed:
        finding = item.finding
        if item.by == "inline":
            until = f", until {item.expires}" if item.expires else ""
            why = f"line {item.line}{until}: {item.reason}"
        else:
            why = item.reason
        lines.append(
            [
                (finding.path, "bold"),
                (f":{finding.line}:{finding.column}", "dim"),
                ("  ", ""),
                (finding.rule, "dim"),
                (" ", ""),
                (finding.name, "cyan"),
                ("  ", ""),
                (finding.message, "dim"),
            ]
        )
        lines.append([(f"    suppressed ({item.by}) {why}", "dim")])
    lines.append([])
    return lines


def _notes(report: Report) -> list[Line]:
    notes: list[Line] = []
    inline = sum(1 for item in report.suppressed if item.by == "inline")
    baselined = len(report.suppressed) - inline
    if report.suppressed:
        parts = [f"{inline} by inline suppressions"] if inline else []
        if baselined:
            parts.append(f"{baselined} by the baseline")
        hint = "" if not inline else " (`--show-suppressed` lists them, `minlint suppressions` shows the register)"
        notes.append([(f"{_plural(len(report.suppressed), 'finding')} silenced: {', '.join(parts)}{hint}.", "dim")])
    if report.baseline_fixed:
        notes.append(
            [
                (
                    f"{_plural(report.baseline_fixed, 'baselined finding')} no longer occur"
                    + ("s" if report.baseline_fixed == 1 else "")
                    + ": run `minlint baseline --update` to prune the baseline.",
                    "yellow",
                )
            ]
        )
    return notes


def text_lines(report: Report, options: FormatOptions) -> list[Line]:
    """The report as styled lines (no colour codes yet)."""
    rules = {rule.id: rule for rule in report.rules}
    lines: list[Line] = []
    for path, group in groupby(report.findings, key=lambda finding: finding.path):
        findings = list(group)
        if not options.quiet:
            lines.append([(path, "bold underline"), (f" ({_plural(len(findings), 'finding')})", "dim")])
        for finding in findings:
            finding_lines = _finding_lines(finding, rules.get(finding.rule))
            lines.extend(finding_lines[:1] if options.quiet else finding_lines)
        if not options.quiet:
            lines.append([])
    if options.show_suppressed and report.suppressed:
        lines.extend(_suppressed_lines(report))
    if not options.quiet:
        lines.append(_summary(report))
        lines.extend(_notes(report))
    return lines


def _render_color(lines: list[Line]) -> str:
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=10_000, highlight=False)
    for line in lines:
        text = Text()
        for content, style in line:
            text.append(content, style=style or None)
        console.print(text, soft_wrap=True)
    return buffer.getvalue()


_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROL.update({0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def visible(text: str) -> str:
    """``text`` with control characters escaped: spec text and file names are untrusted, and a raw
    line break would split a finding, a raw ESC would drive the terminal.
    """
    return text.translate(_CONTROL)


def format_text(report: Report, options: FormatOptions) -> str:
    """Render ``report`` for a terminal: ANSI colours when ``options.color``, plain text otherwise."""
    lines = [[(visible(content), style) for content, style in line] for line in text_lines(report, options)]
    if options.color:
        return _render_color(lines)
    return "".join("".join(content for content, _ in line) + "\n" for line in lines)
