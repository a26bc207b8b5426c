"""The ``markdown`` format: the check summed up for a pull request, a job summary or a merge-request note.

What a reviewer reads, in this order:

1. a hidden marker (``<!-- minlint:check -->``, for a script that updates its own comment), then a one-line
   verdict: passed or failed, and the counts by severity — or "no findings";
2. the run in a sentence: what was checked, how many findings reach ``--fail-on``, and with
   ``--new-since REF`` that only findings REF did not have are reported (the gate drops the others, so
   every finding listed is new: the heading says "new since REF" rather than splitting the list);
   how many findings suppressions and the baseline silenced;
3. a table of the rules that found something: code, name (linked to its section of docs/rules.md for
   built-in rules), count and severity, errors first;
4. the paths that could not be read, if any;
5. the findings, errors first, then by place: severity, ``file:line`` as a link, rule, message and the
   rule's hint on how to fix it. The first 20 are shown in full; the others inside a collapsed
   ``<details>`` block (an HTML block, so blank lines part it from the Markdown list inside);
6. with ``show_suppressed``, the silenced findings and why, collapsed.

Links: with ``source_url`` from the command layer (:mod:`minlint.commands.links`), the code host's
address of the file at the checked commit (its path relative to the repository) and ``#L<line>``;
otherwise the path relative to the working directory, and ``#L<line>``.
The path is percent-encoded (its real bytes, :func:`minlint.safetext.name_bytes`), so no name can end
the link or add to it. A file outside the checkout gets no link.

Every text from the specs goes through :mod:`minlint.formatters.mdtext`: no markup, HTML, mention,
issue reference or autolink can come from a name. Messages are cut at 1,000 characters.

The whole output stays under 60,000 bytes of UTF-8, below GitHub's 65,536-character limit on a
comment with room for what a comment action adds: findings (and rules, unreadable paths, suppressed
findings) that would not fit are left out, and a last line says how many and where to find them.
The format ignores ``quiet``: the summary is the point.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from minlint.engine.rule import RuleDef
from minlint.findings import FINDING_ORDER, SEVERITY_RANK, Finding
from minlint.formatters import FormatOptions
from minlint.formatters.mdtext import code, message, shorten, text
from minlint.formatters.sarif import help_uri
from minlint.report import PathProblem, Report, Suppressed
from minlint.safetext import name_bytes

MARKER = "<!-- minlint:check -->"
SHOWN = 20  # findings shown before the rest is collapsed
LIMIT = 60_000  # bytes of UTF-8 for the whole output
RESERVE = 1_000  # bytes kept for what the lists do not count: <details> tags, the left-out line, the footer
MESSAGE_LIMIT = 1_000  # characters of a message, a hint or a reason
NAME_LIMIT = 300  # characters of a path or a revision shown
MARKS = {"error": "🔴", "warning": "🟡", "info": "🔵"}
FOOTER = "`minlint explain RULE` tells why a rule matters and how to fix what it finds."

Block = list[str]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _size(lines: Iterable[str]) -> int:
    return sum(len(line.encode("utf-8", "surrogatepass")) + 1 for line in lines)


class _Page:
    """The output's lines, and how many bytes are left for more."""

    def __init__(self, limit: int) -> None:
        self.lines: Block = []
        self.room = limit

    def add(self, *lines: str) -> None:
        """Add lines whatever their size (what the output cannot do without)."""
        self.lines.extend(lines)
        self.room -= _size(lines)

    def fit(self, blocks: Iterable[Block]) -> list[Block]:
        """The leading blocks that fit in the room left, which they take (made only as long as they fit)."""
        kept: list[Block] = []
        for block in blocks:
            size = _size(block)
            if size > self.room:
                break
            self.room -= size
            kept.append(block)
        return kept


def failed(report: Report, options: FormatOptions) -> bool:
    """Whether the check fails: a path could not be read, or the command says so, or a finding reaches ``fail_on``."""
    if report.path_problems:
        return True
    if options.failed is not None:
        return options.failed
    return options.fail_on in SEVERITY_RANK and any(finding.reaches(options.fail_on) for finding in report.findings)


def _counts(report: Report) -> str:
    summary = report.summary
    return f"{_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')}, {summary.infos} info"


def _verdict(report: Report, options: FormatOptions) -> str:
    failing = failed(report, options)
    since = f" since {code(shorten(options.new_since, NAME_LIMIT))}" if options.new_since else ""
    parts = [f"{_plural(len(report.path_problems), 'path')} could not be read"] if report.path_problems else []
    if report.findings:
        parts.append(f"{_counts(report)}{' new' if since else ''}{since}")
    else:
        parts.append(f"no {'new ' if since else ''}findings{since}")
    mark, word = ("❌", "failed") if failing else ("✅", "passed")
    return f"### {mark} minlint {word}: {'; '.join(parts)}"


def _run(report: Report, options: FormatOptions) -> str:
    """What was checked, what the gate is, what was left out."""
    summary = report.summary
    sentences = [f"Checked {_plural(summary.files, 'spec file')}, {_plural(summary.fields, 'field')}."]
    if report.findings and options.fail_on in SEVERITY_RANK:
        reaching = sum(1 for finding in report.findings if finding.reaches(options.fail_on))
        gate = f"`{options.fail_on}`, the severity the check fails at (`--fail-on`)"
        if reaching:
            are = "is" if reaching == 1 else "are"
            sentences.append(f"{_plural(reaching, 'finding')} {are} at or above {gate}.")
        else:
            sentences.append(f"None is at or above {gate}.")
    if options.new_since:
        revision = code(shorten(options.new_since, NAME_LIMIT))
        sentences.append(f"Only findings that {revision} did not have are reported (`--new-since`).")
    inline = sum(1 for item in report.suppressed if item.by == "inline")
    baselined = len(report.suppressed) - inline
    if report.suppressed:
        by = [f"{inline} by inline suppressions"] if inline else []
        by += [f"{baselined} by the baseline"] if baselined else []
        sentences.append(f"{_plural(len(report.suppressed), 'finding')} silenced: {', '.join(by)}.")
    if report.baseline_fixed:
        occur = "occurs" if report.baseline_fixed == 1 else "occur"
        sentences.append(
            f"{_plural(report.baseline_fixed, 'baselined finding')} no longer {occur}: "
            "`minlint baseline --update` prunes the baseline."
        )
    return " ".join(sentences)


def _rule_rows(report: Report, rules: dict[str, RuleDef]) -> list[Block]:
    counts: dict[tuple[str, str, str], int] = {}
    for finding in report.findings:
        key = (finding.rule, finding.name, finding.severity)
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-SEVERITY_RANK.get(item[0][2], 0), -item[1], item[0][0]))
    rows: list[Block] = []
    for (code_, name, severity), count in ordered:
        rule = rules.get(code_)
        uri = help_uri(rule) if rule is not None else None
        shown = f"[{text(name)}]({quote(uri, safe=':/#')})" if uri else text(name)
        rows.append([f"| {text(code_)} | {shown} | {count} | {MARKS.get(severity, '')} {text(severity)} |"])
    return rows


def _href(path: str, line: int, report: Report, options: FormatOptions) -> str | None:
    """Where ``path`` (as findings show it) opens at ``line``; None for a file outside the repository."""
    shown = report.root_relative(path) if options.source_url else path
    if shown.startswith("/"):
        return None
    return options.source_url + quote(name_bytes(shown)) + f"#L{max(line, 1)}"


def _place(finding: Finding, report: Report, options: FormatOptions) -> str:
    shown = text(f"{shorten(finding.path, NAME_LIMIT)}:{finding.line}")
    href = _href(finding.path, finding.line, report, options)
    return f"[{shown}]({href})" if href else shown


def _rule(finding: Finding) -> str:
    return f"{code(finding.rule)} {text(finding.name)}"


def _finding(finding: Finding, report: Report, options: FormatOptions, rule: RuleDef | None) -> Block:
    mark = MARKS.get(finding.severity, "")
    lines = [
        f"- {mark} **{text(finding.severity)}** · {_place(finding, report, options)} · {_rule(finding)}",
        f"  {message(shorten(finding.message, MESSAGE_LIMIT))}",
    ]
    if rule is not None:
        lines.append(f"  **Fix:** {message(shorten(rule.short_hint, MESSAGE_LIMIT))}")
    # A backslash at the end of a line is a hard line break (CommonMark): one item, several lines.
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def _suppressed(item: Suppressed, report: Report, options: FormatOptions) -> Block:
    finding = item.finding
    if item.by == "inline":
        until = f", until {item.expires}" if item.expires else ""
        why = f"inline, line {item.line}{until}"
    else:
        why = "baseline"
    reason = f": {text(shorten(item.reason, MESSAGE_LIMIT))}" if item.reason else ""
    return [f"- {_place(finding, report, options)} · {_rule(finding)} — suppressed ({why}){reason}"]


def _problem(problem: PathProblem) -> Block:
    return [f"- {text(shorten(problem.path, NAME_LIMIT))}: {text(shorten(problem.message, MESSAGE_LIMIT))}"]


def _collapsed(summary: str, items: list[Block]) -> Block:
    """Items inside ``<details>``: the HTML block ends at a blank line, so Markdown can follow inside."""
    return [
        "<details>",
        f"<summary>{summary}</summary>",
        "",
        *(line for item in items for line in item),
        "",
        "</details>",
    ]


def _findings(page: _Page, report: Report, options: FormatOptions) -> int:
    """The findings section; returns how many findings did not fit."""
    rules = {rule.id: rule for rule in report.rules}
    ordered = sorted(
        report.findings, key=lambda finding: (-SEVERITY_RANK.get(finding.severity, 0), FINDING_ORDER(finding))
    )
    title = f"Findings new since {code(shorten(options.new_since, NAME_LIMIT))}" if options.new_since else "Findings"
    page.add(f"#### {title}", "")
    items = page.fit(_finding(finding, report, options, rules.get(finding.rule)) for finding in ordered)
    first, rest = items[:SHOWN], items[SHOWN:]
    page.add(*(line for item in first for line in item), "")
    if rest:
        page.add(*_collapsed(_plural(len(rest), "more finding"), rest), "")
    return len(ordered) - len(items)


def markdown_lines(report: Report, options: FormatOptions) -> list[str]:
    """The report as lines of GitHub-flavoured Markdown (see the module docstring)."""
    page = _Page(LIMIT - RESERVE)
    page.add(MARKER, "", _verdict(report, options), "", _run(report, options), "")
    left_out: list[str] = []
    if report.findings:
        rows = _rule_rows(report, {rule.id: rule for rule in report.rules})
        page.add("| Rule | Name | Findings | Severity |", "| --- | --- | ---: | --- |")
        kept = page.fit(rows)
        page.add(*(row[0] for row in kept), "")
        if len(kept) < len(rows):
            left_out.append(_plural(len(rows) - len(kept), "more rule"))
    if report.path_problems:
        page.add("#### Not read", "")
        kept = page.fit(_problem(problem) for problem in report.path_problems)
        page.add(*(item[0] for item in kept), "")
        if len(kept) < len(report.path_problems):
            left_out.append(_plural(len(report.path_problems) - len(kept), "more unread path"))
    if report.findings:
        missing = _findings(page, report, options)
        if missing:
            left_out.append(_plural(missing, "more finding"))
    if options.show_suppressed and report.suppressed:
        kept = page.fit(_suppressed(item, report, options) for item in report.suppressed)
        if kept:
            page.add(*_collapsed(_plural(len(kept), "suppressed finding"), kept), "")
        if len(kept) < len(report.suppressed):
            left_out.append(_plural(len(report.suppressed) - len(kept), "more suppressed finding"))
    if left_out:
        page.add(
            f"**… and {', '.join(left_out)}, left out to keep this summary within a comment's size limit:** "
            "`minlint check` lists them all, as does a `--format sarif` or `--format json` report.",
            "",
        )
    if report.findings:
        page.add(FOOTER)
    while page.lines and not page.lines[-1]:
        page.lines.pop()
    return page.lines


def format_markdown(report: Report, options: FormatOptions) -> str:
    """Render ``report`` as a Markdown summary for a pull request (see the module docstring)."""
    return "\n".join(markdown_lines(report, options)) + "\n"
