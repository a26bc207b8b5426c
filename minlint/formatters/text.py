"""The ``text`` format, for people: findings grouped by file, each with a hint, then a summary.

Every finding is one line starting ``path:line:column`` (terminals and editors make it a link),
followed by the rule's code and name, the message, and an indented hint naming the rule so that
``minlint explain`` is one copy-paste away. Colour comes from rich, imported only when colour is
on; without colour the same segments are joined as plain text. Every segment has its control
characters made visible first (:func:`minlint.safetext.visible`): names, paths and messages come from
the specs, and a raw line break would split a finding, a raw ESC would drive the terminal.

The summary line never says "No findings" (in green) when a path could not be read: it starts, in
red, with how many paths could not be read and which. With ``show_suppressed`` it also counts the
suppressed findings it lists, by what silenced them.
"""

from __future__ import annotations

import io
from itertools import groupby

from minlint.engine.rule import RuleDef
from minlint.findings import Finding
from minlint.formatters import FormatOptions
from minlint.report import Report
from minlint.safetext import visible

Segment = tuple[str, str]  # (text, rich style)
Line = list[Segment]

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
MAX_NAMED = 3  # paths the summary names when some could not be read


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


def _suppressed_count(report: Report) -> str:
    """``3 suppressed: 2 inline, 1 baseline`` — the findings ``--show-suppressed`` lists, by what silenced them."""
    by: dict[str, int] = {"inline": 0, "baseline": 0}
    for item in report.suppressed:
        by[item.by] = by.get(item.by, 0) + 1
    parts = ", ".join(f"{count} {name}" for name, count in by.items() if count)
    return f"{len(report.suppressed)} suppressed: {parts}"


def _unread(report: Report) -> str:
    """``1 path could not be read (no-such-dir)``: the paths named when there are few."""
    problems = report.path_problems
    names = [problem.path for problem in problems[:MAX_NAMED]]
    more = f" and {len(problems) - len(names)} more" if len(problems) > len(names) else ""
    return f"{_plural(len(problems), 'path')} could not be read ({', '.join(names)}{more})"


def _summary(report: Report, options: FormatOptions) -> Line:
    summary = report.summary
    checked = f"{_plural(summary.files, 'spec file')}, {_plural(summary.fields, 'field')}"
    skipped = ""
    if summary.skipped:
        what = "not a minlint spec" if summary.skipped == 1 else "not minlint specs"
        skipped = f"{_plural(summary.skipped, 'other YAML file')} skipped: {what}"
    suppressed = _suppressed_count(report) if options.show_suppressed and report.suppressed else ""
    if not report.findings and not report.path_problems:
        asides = "; ".join(part for part in (skipped, suppressed) if part)
        return [("No findings", "bold green"), (f" in {checked}{f' ({asides})' if asides else ''}.", "")]
    # A path that could not be read is said first, in red: the check did not see everything.
    checked += f" ({skipped})" if skipped else ""
    line: Line = (
        [(_unread(report), "bold red"), (f"; checked {checked}: ", "")]
        if report.path_problems
        else [(f"Checked {checked}: ", "")]
    )
    counts = [
        (_plural(summary.errors, "error"), "bold red" if summary.errors else ""),
        (_plural(summary.warnings, "warning"), "bold yellow" if summary.warnings else ""),
        (f"{summary.infos} info", "bold blue" if summary.infos else ""),
    ]
    for index, segment in enumerate(counts):
        line += [(", ", ""), segment] if index else [segment]
    line.append((f" ({suppressed})." if suppressed else ".", ""))
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


def _notes(report: Report, options: FormatOptions) -> list[Line]:
    notes: list[Line] = []
    inline = sum(1 for item in report.suppressed if item.by == "inline")
    baselined = len(report.suppressed) - inline
    if report.suppressed and not options.show_suppressed:  # listed, and counted in the summary line
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
    if options.statistics:
        lines.extend(statistics_lines(report))
        if not options.quiet:
            lines.append([])
            lines.append(_summary(report, options))
            lines.extend(_notes(report, options))
        return lines
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
        lines.append(_summary(report, options))
        lines.extend(_notes(report, options))
    return lines


def statistics_lines(report: Report) -> list[Line]:
    """How many findings each rule has, most first (as ``ruff --statistics``): count, code, name, severity."""
    counts: dict[tuple[str, str, str], int] = {}
    for finding in report.findings:
        key = (finding.rule, finding.name, finding.severity)
        counts[key] = counts.get(key, 0) + 1
    width = max((len(str(count)) for count in counts.values()), default=1)
    names = max((len(name) for _, name, _ in counts), default=0)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [
        [
            (f"{count:>{width}}  ", "bold"),
            (rule, SEVERITY_STYLE.get(severity, "")),
            (f"  {name:<{names}}  ", ""),
            (severity, "dim"),
        ]
        for (rule, name, severity), count in ordered
    ]


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


def format_text(report: Report, options: FormatOptions) -> str:
    """Render ``report`` for a terminal: ANSI colours when ``options.color``, plain text otherwise."""
    lines = [[(visible(content), style) for content, style in line] for line in text_lines(report, options)]
    if options.color:
        return _render_color(lines)
    return "".join("".join(content for content, _ in line) + "\n" for line in lines)
