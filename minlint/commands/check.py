"""``minlint check``: check specs and report findings; the exit code says whether the gate passes."""

from __future__ import annotations

import os
from datetime import date
from typing import NamedTuple

from minlint.api import check_request
from minlint.commands.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    error,
    note,
    use_color,
    write_output,
)
from minlint.commands.links import source_url
from minlint.errors import SetupError
from minlint.formatters import FormatOptions, get_formatter
from minlint.report import Report
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
    try:
        result = check_request(
            options.request, today=today, show_progress=options.output_format == "text" and not options.quiet
        )
    except SetupError as failure:
        error(str(failure))
        return EXIT_ERROR
    for skipped in result.skipped:
        note(f"{skipped.path}: {skipped.message}")
    failing = result.failing
    # What the markdown summary's verdict says: the gate this exit code comes from.
    gate = Gate(result.fail_on, failing)
    if not write_report(result.report, options, gate):
        return EXIT_ERROR
    for problem in result.problems:
        error(f"{problem.path}: {problem.message}")
    if result.problems:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_CLEAN


class Gate(NamedTuple):
    """The ``--fail-on`` severity (empty when the projects of a monorepo differ) and whether findings reach it."""

    fail_on: str
    failing: bool


def write_report(report: Report, options: CheckOptions, gate: Gate) -> bool:
    """Render the report and write it to ``--output`` (atomically) or stdout; False if writing failed."""
    formatter = get_formatter(options.output_format)
    color = options.output is None and options.output_format == "text" and use_color(options.no_color)
    # Only the markdown summary links files on the code host: only it reads the CI's environment.
    url = source_url(os.environ) if options.output_format == "markdown" else ""
    shown = FormatOptions(
        color=color,
        quiet=options.quiet,
        show_suppressed=options.show_suppressed,
        statistics=options.statistics,
        fail_on=gate.fail_on,
        failed=gate.failing,
        new_since=options.request.new_since,
        source_url=url,
    )
    text = formatter(report, shown)
    return write_output(text, options.output, machine=options.output_format != "text")
