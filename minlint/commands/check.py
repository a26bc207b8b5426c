"""``minlint check``: check specs and report findings; the exit code says whether the gate passes."""

from __future__ import annotations

import os
from datetime import date
from typing import NamedTuple

from minlint.api import CheckResult, check_request
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
    if not write_report(result, options):
        return EXIT_ERROR
    for problem in result.problems:
        error(f"{problem.path}: {problem.message}")
    if result.problems:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.failing else EXIT_CLEAN


def write_report(result: CheckResult, options: CheckOptions) -> bool:
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
        fail_on=result.fail_on,  # what the markdown summary's verdict says: the gate the exit code comes from
        failed=result.failing,
        new_since=options.request.new_since,
        source_url=url,
    )
    text = formatter(result.report, shown)
    return write_output(text, options.output, machine=options.output_format != "text")
