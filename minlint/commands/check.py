"""``minlint check``: check specs and report findings; the exit code says whether the gate passes."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import NamedTuple

from minlint.baseline import BaselineError
from minlint.config import ConfigError
from minlint.engine.engine import RuleCompileError
from minlint.engine.packs import PackError
from minlint.fileio import write_atomic
from minlint.formatters import FormatOptions, get_formatter
from minlint.report import Report, merge_reports
from minlint.session import Request, Session, project_groups

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

SETUP_ERRORS = (ConfigError, PackError, RuleCompileError, BaselineError)


class CheckOptions(NamedTuple):
    """What ``minlint check`` was asked to do, as parsed from the command line."""

    request: Request
    output_format: str = "text"
    output: str | None = None
    no_color: bool = False
    quiet: bool = False
    show_suppressed: bool = False


def use_color(no_color: bool) -> bool:
    """Colour only on a terminal, unless ``--no-color`` or ``NO_COLOR``; ``FORCE_COLOR`` forces it."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def error(message: str) -> None:
    """Print one ``minlint: error:`` line on stderr."""
    sys.stderr.write(f"minlint: error: {message}\n")


def git_error_types() -> tuple[type[Exception], ...]:
    """The git module's error type, imported only when ``--new-since`` is used."""
    from minlint.gitrev import GitError

    return (GitError,)


def run_check(options: CheckOptions, today: date | None = None) -> int:
    """Run ``minlint check``; returns the exit code (0 clean, 1 findings at ``fail_on``, 2 error)."""
    handled: tuple[type[Exception], ...] = SETUP_ERRORS
    if options.request.new_since is not None:
        handled = handled + git_error_types()
    reports = []
    failing = False
    try:
        for start, request in project_groups(options.request):
            session = Session(request, start=start)
            part = session.check(today, show_progress=options.output_format == "text" and not options.quiet)
            failing = failing or any(finding.reaches(session.fail_on) for finding in part.findings)
            reports.append(part)
    except handled as failure:
        error(str(failure))
        return EXIT_ERROR
    report = merge_reports(reports)
    if not write_report(report, options):
        return EXIT_ERROR
    for problem in report.path_problems:
        error(f"{problem.path}: {problem.message}")
    if report.path_problems:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_CLEAN


_SLICE = 1 << 20


def write_stdout(text: str, *, machine: bool) -> None:
    """Write to stdout: machine formats always as UTF-8, text in the terminal's encoding.

    Characters the terminal's encoding cannot show are replaced rather than failing the run.
    """
    sys.stdout.flush()
    encoding, errors = ("utf-8", "strict") if machine else (sys.stdout.encoding or "utf-8", "replace")
    # In slices: a large report is never held twice (as text and as bytes) in full.
    for start in range(0, len(text), _SLICE):
        sys.stdout.buffer.write(text[start : start + _SLICE].encode(encoding, errors))
    sys.stdout.buffer.flush()


def write_report(report: Report, options: CheckOptions) -> bool:
    """Render the report and write it to ``--output`` (atomically) or stdout; False if writing failed."""
    formatter = get_formatter(options.output_format)
    to_terminal = options.output is None
    color = to_terminal and options.output_format == "text" and use_color(options.no_color)
    text = formatter(report, FormatOptions(color=color, quiet=options.quiet, show_suppressed=options.show_suppressed))
    if options.output is None:
        write_stdout(text, machine=options.output_format != "text")
        return True
    target = Path(options.output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # like `ruff --output-file`: create the folder
        write_atomic(target, text, overwrite=True)
    except OSError as failure:
        error(f"cannot write {options.output}: {(failure.strerror or str(failure)).lower()}")
        return False
    return True
