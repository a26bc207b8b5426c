r"""The ``github`` format: GitHub Actions workflow commands, one annotation per finding.

Each finding becomes one line such as::

    ::error file=plans/web.yaml,line=12,col=3,endLine=12,title=ML001 missing-purpose::MESSAGE

``error`` findings are ``::error``, ``warning`` are ``::warning`` and ``info`` are ``::notice``.
Paths are relative to the project root (GitHub resolves them against the checkout). The message
is the finding's message and, on a second line, the rule's hint. A path that could not be read
(a missing path, an unreadable file) is an ``::error`` annotation of its own, before the findings.

Escaping follows GitHub's own toolkit (``@actions/core``, ``command.ts``): in the message ``%``,
``\r`` and ``\n`` become ``%25``, ``%0D`` and ``%0A``; in property values ``:`` and ``,`` also
become ``%3A`` and ``%2C``. ``%`` is escaped first, so escaping is reversible. Escaping only
``\n`` (as some linters do) lets a ``%0A`` typed in a spec turn into a line break, and an
unescaped ``,`` in a path silently cuts the ``file`` property short. Every other control character
(ESC, BEL …) is then made visible (:func:`minlint.safetext.visible`): the log shows ``\x1b``, never
a raw escape sequence. Text from the specs (messages, names, hints of custom packs) is made visible
before it is put in a message, so that a line break in a field's name shows as ``\n`` on one line,
as in every other format; only the line break before the hint is a real one.

The ``file`` property is the name as GitHub reads it: a file name whose bytes are not UTF-8 has each
such byte as U+FFFD (:func:`minlint.safetext.host_name`), not the ``\xNN`` the other formats show.

After the annotations comes one plain summary line (not a command: it starts with ``minlint:``,
never ``::``), because the job log shows stdout and a count helps there; ``--quiet`` drops it.
Suppressed findings make no annotations; with ``show_suppressed`` they are listed as plain
log lines, so they stay visible in the log but never in the diff view.
"""

from __future__ import annotations

from minlint.findings import Finding
from minlint.formatters import FormatOptions
from minlint.report import PathProblem, Report
from minlint.safetext import host_name, visible

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%`` first, so the escaping can be undone), then make
    every other control character visible: no raw control character is left in the line.
    """
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: like data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _command(command: str, properties: dict[str, str], message: str) -> str:
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{command} {joined}::{escape_data(message)}"


def annotation(finding: Finding, path: str, hint: str | None) -> str:
    """One workflow command line (no newline) annotating ``finding`` at ``path``."""
    properties = {
        "file": host_name(path),
        "line": str(finding.line),
        "col": str(finding.column),
        "endLine": str(finding.line),
        "title": f"{finding.rule} {finding.name}",
    }
    message = visible(finding.message)
    if hint is not None:
        message += f"\nhint: {visible(hint)} [minlint explain {finding.rule}]"
    return _command(COMMANDS.get(finding.severity, "warning"), properties, message)


def problem_annotation(problem: PathProblem, path: str) -> str:
    """One ``::error`` line (no newline) for a path that could not be read, shown at ``path``."""
    properties = {"file": host_name(path), "title": "minlint: path not read"}
    return _command("error", properties, f"{visible(problem.path)}: {visible(problem.message)}")


def _summary(report: Report) -> str:
    summary = report.summary
    checked = _plural(summary.files, "spec file")
    unread = f"{_plural(len(report.path_problems), 'path')} could not be read; " if report.path_problems else ""
    if not report.findings:
        return f"minlint: {unread}0 findings in {checked}." if unread else f"minlint: no findings in {checked}."
    counts = f"{_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')}, {summary.infos} info"
    return f"minlint: {unread}{_plural(len(report.findings), 'finding')} in {checked} ({counts})."


def format_github(report: Report, options: FormatOptions) -> str:
    """Render ``report`` as GitHub Actions annotations, then a plain summary line (unless quiet)."""
    hints = {rule.id: rule.short_hint for rule in report.rules}
    lines = [problem_annotation(problem, report.root_relative(problem.path)) for problem in report.path_problems]
    lines += [annotation(f, report.root_relative(f.path), hints.get(f.rule)) for f in report.findings]
    if options.show_suppressed:
        for item in report.suppressed:
            finding = item.finding
            place = f"{report.root_relative(finding.path)}:{finding.line}:{finding.column}"
            reason = f": {item.reason}" if item.reason else ""
            # A plain log line, not a command (GitHub decodes no `%0A` in it): made visible, and it
            # starts with `minlint:`, so no reason or message can start a line with `::`.
            text = f"minlint: suppressed ({item.by}{reason}) {place} {finding.rule} {finding.name} {finding.message}"
            lines.append(visible(text))
    if not options.quiet:
        lines.append(_summary(report))
    return "".join(line + "\n" for line in lines)
