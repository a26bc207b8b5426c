"""What every command shares: exit codes, the set-up errors, error lines, colour and writing output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from minlint.baseline import BaselineError
from minlint.config import ConfigError
from minlint.engine.engine import RuleCompileError
from minlint.engine.packs import PackError
from minlint.fileio import write_atomic
from minlint.report import PathProblem
from minlint.safetext import visible

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

# What can go wrong setting a run up: each is one line on stderr and exit 2.
SETUP_ERRORS = (ConfigError, PackError, RuleCompileError, BaselineError)


def error(message: str) -> None:
    """Print one ``minlint: error:`` line on stderr.

    Messages name files, quote configuration values and git's words, all untrusted: control characters
    are made :func:`~minlint.safetext.visible`, so the message stays one line and drives no terminal.
    """
    sys.stderr.write(f"minlint: error: {visible(message)}\n")


def unreadable(problems: Iterable[PathProblem], what: str) -> bool:
    """Say each path that could not be read, then that ``what`` was not done; whether there were any."""
    listed = list(problems)
    for problem in listed:
        error(f"{problem.path}: {problem.message}")
    if listed:
        error(f"{what}: some paths could not be read")
    return bool(listed)


def refuse_existing(paths: Iterable[Path], force: bool) -> bool:
    """Whether writing ``paths`` must be refused (some exist and ``--force`` was not given): said on stderr."""
    existing = [str(path) for path in paths if path.exists()]
    if existing and not force:
        error(f"{', '.join(existing)} exists already; nothing written (use --force to overwrite)")
        return True
    return False


def write_failed(output: str, failure: OSError) -> None:
    """Say that writing into the folder ``output`` failed, in the words of the system."""
    error(f"cannot write into {output}: {(failure.strerror or str(failure)).lower()}")


def note(message: str) -> None:
    """Print one ``minlint: note:`` line on stderr (escaped like :func:`error`)."""
    sys.stderr.write(f"minlint: note: {visible(message)}\n")


def use_color(no_color: bool) -> bool:
    """Colour only on a terminal that shows it.

    ``--no-color`` and ``NO_COLOR`` turn it off; then ``FORCE_COLOR`` turns it on; then ``TERM=dumb``
    (a terminal without escape sequences, such as an editor's shell buffer) turns it off.
    """
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def git_error_types() -> tuple[type[Exception], ...]:
    """The git module's error type, imported only when ``--new-since`` is used."""
    from minlint.gitrev import GitError

    return (GitError,)


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


def write_output(text: str, output: str | None, *, machine: bool) -> bool:
    """Write ``text`` to the file ``output`` (atomically, creating its folder) or stdout; False if that failed."""
    if output is None:
        write_stdout(text, machine=machine)
        return True
    target = Path(output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # like `ruff --output-file`: create the folder
        write_atomic(target, text, overwrite=True)
    except OSError as failure:
        error(f"cannot write {output}: {(failure.strerror or str(failure)).lower()}")
        return False
    return True
