"""The file stage on several processes, keeping the files' order.

Files are independent once the project's context (registry, taxonomy, compiled rules) is known,
so they are handed to worker processes forked after that context is built: the workers inherit
it instead of receiving it, and send back plain data (:func:`minlint.run.cache.codecs.outcome_data`).
Results come back in the files' order, so findings — sorted anyway — never depend on which
worker was faster. Where processes cannot be forked, the files are processed here, one by one.

The workers are minlint's own, not a ``multiprocessing.Pool``: one pipe per worker and one file at a
time each, all scheduled from the main thread, with no helper thread and no lock shared between
processes. So a worker that dies (killed for lack of memory) ends the run with an error at once
instead of hanging it, and an interrupted run (:mod:`minlint.interrupts`) stops its workers
without waiting on a lock a dead one held. Only the parent acts on SIGINT or SIGTERM: workers
ignore SIGINT, are stopped by the parent, and die with it whatever killed it (on Linux), so an
interrupted run prints no worker traceback and leaves no worker behind.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn, cast

from minlint import interrupts
from minlint.run.cache.codecs import outcome_data, outcome_from
from minlint.run.file import Context, Outcome, process

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# Work worth more than one process: below this the start-up of workers costs more than it saves.
PARALLEL_BYTES = 2 * 1024 * 1024

# What forked workers inherit from the parent instead of receiving it.
_INHERITED: list[Context] = []

Item = tuple[str, bytes, bool]


def default_jobs(total_bytes: int) -> int:
    """The number of processes for ``total_bytes`` of specs: every core for big runs, one for small ones."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores) if total_bytes >= PARALLEL_BYTES else 1


def _work(item: Item) -> tuple[Any, Any]:
    outcome = process(item[0], item[1], _INHERITED[-1], item[2])
    return outcome_data(outcome), outcome.spec


def _can_fork() -> bool:
    return hasattr(os, "fork")


def _start_worker() -> None:
    gc.disable()  # as in the parent: many small objects, no cycles
    interrupts.start_worker()  # only the parent decides how an interrupted run ends


class RemoteTraceback(Exception):
    """Where an exception raised in a worker process came from: the worker's traceback, as text."""

    def __str__(self) -> str:
        """The traceback text."""
        return str(self.args[0]) if self.args else ""


class _Worker:
    """A forked worker process and the parent's end of its pipe."""

    __slots__ = ("connection", "pid", "status")

    def __init__(self, pid: int, connection: Connection) -> None:
        self.pid = pid
        self.connection = connection
        self.status: int | None = None  # from waitpid, once reaped

    def reap(self, kill: bool) -> int:
        """Close the pipe (the worker's signal to leave), kill it if asked, wait for it; its wait status."""
        if self.status is None:
            self.connection.close()
            if kill:
                import signal  # only here: a run of one process never pays for its enums

                with contextlib.suppress(ProcessLookupError):  # reaped already by someone else
                    os.kill(self.pid, signal.SIGKILL)
            try:
                self.status = os.waitpid(self.pid, 0)[1]
            except ChildProcessError:  # pragma: no cover - reaped already by someone else
                self.status = 0
        return self.status


def _fork(others: list[_Worker]) -> _Worker:
    """A new worker, forked with SIGINT and SIGTERM blocked (it unblocks them once its handlers are set)."""
    from multiprocessing.connection import Pipe

    parent_end, child_end = Pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; measured through the parent
        parent_end.close()
        for other in others:
            other.connection.close()
        _serve(child_end)
    child_end.close()
    return _Worker(pid, parent_end)


def _serve(connection: Connection) -> NoReturn:  # pragma: no cover - runs in the child
    """A worker's life: files in, results out, until the parent closes the pipe; never a traceback."""
    try:
        _start_worker()
        while True:
            try:
                item = connection.recv()
            except EOFError:
                break  # the parent is done (or gone)
            try:
                result: tuple[bool, Any] = (True, _work(item))
            except Exception as error:
                result = (False, _portable(error))
            try:
                connection.send(result)
            except (TypeError, ValueError, AttributeError, RecursionError) as error:  # a value pickle refuses
                connection.send((False, _portable(error)))
    except BaseException:  # the parent sees the pipe close and says what happened
        os._exit(1)
    os._exit(0)


def _portable(error: Exception) -> tuple[Exception, str]:  # pragma: no cover - runs in the child
    """``error`` as something the pipe can carry, with its traceback as text."""
    import pickle
    import traceback

    text = "".join(traceback.format_exception(error))
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        error = RuntimeError(f"{type(error).__name__}: {error}")
    return error, text


def _died(worker: _Worker) -> BaseException:
    """Why ``worker``'s pipe closed under it, as the exception that ends the run."""
    import signal

    status = worker.reap(kill=False)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number in interrupts.SIGNALS:
            return interrupts.stop(number)  # stopped with the run (a signal to the process group)
        try:
            name = signal.Signals(number).name
        except ValueError:  # pragma: no cover - a real-time signal
            name = f"signal {number}"
        if number == signal.SIGKILL:
            return MemoryError(f"a worker process was killed ({name}), most likely for lack of memory")
        return RuntimeError(f"a worker process died of {name}")
    return RuntimeError(f"a worker process stopped unexpectedly (exit status {os.WEXITSTATUS(status)})")


def process_all(reads: Iterable[Item], count: int, context: Context, jobs: int) -> Iterator[Outcome]:
    """Each of the ``count`` ``(display, data, report)`` through :func:`minlint.run.file.process`,
    in order, on up to ``jobs`` processes. ``reads`` is consumed as the workers take files (one file
    ahead per worker), so a large run never holds every file's bytes."""
    if jobs <= 1 or count < 2 or not _can_fork():
        for display, data, report in reads:
            yield process(display, data, context, report)
        return
    _INHERITED.append(context)
    workers: list[_Worker] = []

    def stop() -> None:
        for worker in workers:
            worker.reap(kill=True)

    try:
        with interrupts.on_interrupt(stop):
            with interrupts.blocked():  # no worker ever runs the parent's signal handlers
                for _ in range(min(jobs, count)):
                    workers.append(_fork(workers))
            yield from _schedule(workers, iter(reads), count)
    finally:
        stop()
        _INHERITED.pop()


def _schedule(workers: list[_Worker], reads: Iterator[Item], count: int) -> Iterator[Outcome]:
    """Hand each idle worker the next file, and yield the results in the files' order.

    A worker that sends a result gets its next file before the result is unpacked, so it waits
    for the parent as little as possible; one file at a time each, so neither side ever blocks
    writing to the other while the other is writing too.
    """
    import pickle
    from multiprocessing.connection import wait

    busy: dict[Connection, tuple[_Worker, int]] = {}  # connection -> (worker, index of its file)
    ready: dict[int, tuple[Any, Any]] = {}  # results that came before those of earlier files
    sent = 0
    done = 0

    def give(worker: _Worker) -> None:
        nonlocal sent, count
        item = next(reads, None) if sent < count else None
        if item is None:
            count = sent  # no more files (fewer than announced: only those)
            return
        try:
            worker.connection.send(item)
        except OSError:
            raise _died(worker) from None
        busy[worker.connection] = (worker, sent)
        sent += 1

    for worker in workers:
        give(worker)
    while done < count:
        for connection in wait(list(busy)):
            worker, index = busy.pop(cast("Connection", connection))
            try:
                payload = worker.connection.recv_bytes()
            except (EOFError, OSError):
                raise _died(worker) from None
            give(worker)
            succeeded, value = pickle.loads(payload)
            if not succeeded:
                error, trace = value
                raise error from RemoteTraceback(trace)
            ready[index] = value
        while done in ready:
            data, spec = ready.pop(done)
            outcome = outcome_from(data)
            outcome.spec = spec
            done += 1
            yield outcome
