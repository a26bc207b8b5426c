"""``minlint check``: check specs and report findings; the exit code says whether the gate passes."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from minlint.commands.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    SETUP_ERRORS,
    error,
    git_error_types,
    note,
    use_color,
    write_output,
)
from minlint.formatters import FormatOptions, get_formatter
from minlint.report import PathProblem, Report, merge_reports
from minlint.run import Run
from minlint.run.files import project_groups
from minlint.run.request import Request


class CheckOptions(NamedTuple):
    """What ``minlint check`` was asked to do, as parsed from the command line."""

    request: Request
    output_format: str = "text"
    output: str | None = None
    no_color: bool = False
    quiet: bool = False
    show_suppressed: bool = False
    statistics: bool = False


def run_check(options: CheckOptions, today: date | None = None) -> int:
    """Run ``minlint check``; returns the exit code (0 clean, 1 findings at ``fail_on``, 2 error)."""
    handled: tuple[type[Exception], ...] = SETUP_ERRORS
    if options.request.new_since is not None:
        handled = handled + git_error_types()
    reports = []
    notes: list[PathProblem] = []
    failing = False
    try:
        for start, request in project_groups(options.request):
            run = Run(request, start=start)
            part = run.check(today, show_progress=options.output_format == "text" and not options.quiet)
            failing = failing or any(finding.reaches(run.fail_on) for finding in part.findings)
            reports.append(part)
            notes.extend(run.notes)
    except handled as failure:
        error(str(failure))
        return EXIT_ERROR
    report = merge_reports(reports)
    for skipped in notes:
        note(f"{skipped.path}: {skipped.message}")
    if not write_report(report, options):
        return EXIT_ERROR
    for problem in report.path_problems:
        error(f"{problem.path}: {problem.message}")
    if report.path_problems:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def write_report(report: Report, options: CheckOptions) -> bool:
    """Render the report and write it to ``--output`` (atomically) or stdout; False if writing failed."""
    formatter = get_formatter(options.output_format)
    color = options.output is None and options.output_format == "text" and use_color(options.no_color)
    shown = FormatOptions(
        color=color, quiet=options.quiet, show_suppressed=options.show_suppressed, statistics=options.statistics
    )
    text = formatter(report, shown)
    return write_output(text, options.output, machine=options.output_format != "text")
