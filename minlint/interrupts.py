"""Stopping on SIGINT and SIGTERM without lying: exit 130 or 143, no traceback, nothing half-written.

A gate's exit status is its answer, so an interrupted run must never look like one that finished:
not 0 (clean), not 1 (findings), and not a Python traceback from a worker process. The console
script (:func:`minlint.cli.run`) calls :func:`install`; from then on the first SIGINT or SIGTERM
raises :class:`Interrupted` in the main thread, which unwinds every ``finally`` (a temporary file
is removed, worker processes are stopped) and ends the process with ``128 + signal``. A second
signal while that cleanup runs ends the process at once, with the same status.

Code that must not be cut in two — creating a temporary file and remembering its name —
runs inside :data:`deferred`: a signal arriving there is raised when the section ends. Worker
processes (:mod:`minlint.run.workers`) are forked with both signals blocked and then ignore SIGINT
and take the default action on SIGTERM, so only the parent decides how a run ends, and they die
with their parent whatever killed it (on Linux).
"""

from __future__ import annotations

import _thread
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import signal as _signal
else:
    import _signal  # what `signal` wraps, loaded with the interpreter: `signal` costs every run its enums

SIGNALS = (_signal.SIGINT, _signal.SIGTERM)
_NAMES: dict[int, str] = {_signal.SIGINT: "SIGINT", _signal.SIGTERM: "SIGTERM"}
_MASKS = hasattr(_signal, "pthread_sigmask")  # not on Windows
_PR_SET_PDEATHSIG = 1  # prctl(2)


class Interrupted(BaseException):
    """The run was stopped by ``signal`` (not an ``Exception``: nothing may catch it by accident)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signal = signum


class _State:
    __slots__ = ("cleanups", "closing", "depth", "main", "pending", "received")

    def __init__(self) -> None:
        self.received: int | None = None  # the first signal
        self.pending: int | None = None  # received inside a deferred section, not raised yet
        self.depth = 0
        self.main = _thread.get_ident()
        self.closing = False  # the run is over: a signal now ends the process at once
        self.cleanups: list[Callable[[], None]] = []


_STATE = _State()


def install() -> None:
    """Handle SIGINT and SIGTERM as described in the module docstring (from the main thread only)."""
    _STATE.main = _thread.get_ident()
    for signum in SIGNALS:
        _signal.signal(signum, _handle)


def closing() -> None:
    """The work is done: from now on a signal ends the process at once (with ``128 + signal``), raising nothing."""
    _STATE.closing = True


def _handle(signum: int, frame: FrameType | None) -> None:
    if _STATE.received is not None:
        os._exit(exit_status(_STATE.received))  # asked again while stopping: stop now
    if _STATE.closing:
        os._exit(exit_status(signum))  # the work is done; only leaving is left
    _STATE.received = signum
    if _STATE.depth:
        _STATE.pending = signum
        return
    raise Interrupted(signum)


def received() -> int | None:
    """The first signal that stopped the run, or None."""
    return _STATE.received


def stop(signum: int) -> Interrupted:
    """The run is stopped by ``signum``, learnt some other way than a handler (a worker killed by it).

    Recorded as if received (unless another signal was first), and returned for the caller to raise.
    """
    if _STATE.received is None:
        _STATE.received = signum
    return Interrupted(signum)


def exit_status(signum: int) -> int:
    """The shell's exit status for a process stopped by ``signum``: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + signum


class _Deferred:
    """A section a signal does not cut: it is raised, as :class:`Interrupted`, when the section ends."""

    __slots__ = ()

    def __enter__(self) -> None:
        if _thread.get_ident() == _STATE.main:
            _STATE.depth += 1

    def __exit__(self, *exc: object) -> None:
        if _thread.get_ident() != _STATE.main:
            return
        _STATE.depth -= 1
        if not _STATE.depth and _STATE.pending is not None:
            signum, _STATE.pending = _STATE.pending, None
            raise Interrupted(signum)  # also when unwinding: nothing may catch the signal by accident


deferred = _Deferred()


@contextmanager
def blocked() -> Iterator[None]:
    """Block SIGINT and SIGTERM in this thread (and whatever it forks or starts) for the section.

    A signal sent meanwhile waits and is handled when the section ends. Processes forked inside
    start with both blocked; :func:`start_worker` unblocks them once their handlers are set.
    """
    if not _MASKS:
        yield
        return
    previous = _signal.pthread_sigmask(_signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        _signal.pthread_sigmask(_signal.SIG_SETMASK, previous)


def start_worker() -> None:
    """In a forked worker process: ignore SIGINT, die on SIGTERM, die with the parent, then unblock.

    The parent alone handles an interrupt (it stops the workers with SIGTERM), so a worker never
    prints a traceback of its own; and a worker whose parent died — even of SIGKILL — dies too
    instead of failing later on a broken pipe.
    """
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
    _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
    _STATE.received = _STATE.pending = None
    _STATE.depth = 0
    _STATE.closing = False
    _STATE.cleanups.clear()
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, _signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
            pass
    if _MASKS:
        _signal.pthread_sigmask(_signal.SIG_UNBLOCK, SIGNALS)
    if os.getppid() != parent:  # pragma: no cover - the parent died before prctl took effect
        os._exit(exit_status(_signal.SIGTERM))


@contextmanager
def on_interrupt(cleanup: Callable[[], None]) -> Iterator[None]:
    """Run ``cleanup`` when the run is interrupted during the section, even if nothing unwinds it.

    For what must happen before the process ends (stopping worker processes) when the code that
    would do it is suspended (a generator left mid-iteration): :func:`finish` runs it.
    """
    _STATE.cleanups.append(cleanup)
    try:
        yield
    finally:
        if cleanup in _STATE.cleanups:
            _STATE.cleanups.remove(cleanup)


def finish() -> int:
    """After an interrupt: run the pending cleanups, say so on stderr once; the exit status to use."""
    signum = _STATE.received
    assert signum is not None
    _STATE.closing = True
    while _STATE.cleanups:
        cleanup = _STATE.cleanups.pop()
        with contextlib.suppress(Exception):  # stopping anyway; the exit status says what happened
            cleanup()
    try:
        start = "\n" if sys.stderr.isatty() else ""  # after the terminal's ^C
        sys.stderr.write(f"{start}minlint: interrupted by {_NAMES.get(signum, f'signal {signum}')}\n")
    except (OSError, ValueError):
        pass
    return exit_status(signum)
