"""The file stage on several processes, keeping the files' order.

Files are independent once the project's context (registry, taxonomy, compiled rules) is known,
so they are handed to worker processes forked after that context is built: the workers inherit
it instead of receiving it, and send back plain data (:func:`minlint.run.cache.codecs.outcome_data`).
Results come back in the files' order, so findings — sorted anyway — never depend on which
worker was faster. Where processes cannot be forked, the files are processed here, one by one.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from typing import Any

from minlint.run.cache.codecs import outcome_data, outcome_from
from minlint.run.file import Context, Outcome, process

# Work worth more than one process: below this the start-up of workers costs more than it saves.
PARALLEL_BYTES = 2 * 1024 * 1024

# What forked workers inherit from the parent instead of receiving it.
_INHERITED: list[Context] = []


def default_jobs(total_bytes: int) -> int:
    """The number of processes for ``total_bytes`` of specs: every core for big runs, one for small ones."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores) if total_bytes >= PARALLEL_BYTES else 1


def _work(item: tuple[str, bytes, bool]) -> tuple[Any, Any]:
    outcome = process(item[0], item[1], _INHERITED[-1], item[2])
    return outcome_data(outcome), outcome.spec


def _can_fork() -> bool:
    return hasattr(os, "fork")


def _start_worker() -> None:
    gc.disable()  # as in the parent: many small objects, no cycles


def process_all(reads: Iterable[tuple[str, bytes, bool]], count: int, context: Context, jobs: int) -> Iterator[Outcome]:
    """Each of the ``count`` ``(display, data, report)`` through :func:`minlint.run.file.process`,
    in order, on up to ``jobs`` processes. ``reads`` is consumed as the workers take files (a
    pipe's worth ahead), so a large run never holds every file's bytes."""
    if jobs <= 1 or count < 2 or not _can_fork():
        for display, data, report in reads:
            yield process(display, data, context, report)
        return
    import multiprocessing  # only here: it costs the small runs of a pre-commit hook a few milliseconds

    _INHERITED.append(context)
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, count), initializer=_start_worker) as pool:
            for data, spec in pool.imap(_work, reads, chunksize=1):
                outcome = outcome_from(data)
                outcome.spec = spec
                yield outcome
    finally:
        _INHERITED.pop()
