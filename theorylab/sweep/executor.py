"""Executors: where cells run.  The seam is :class:`concurrent.futures.Executor`.

The runner needs only ``submit(fn, *args) -> Future`` and :func:`concurrent.futures.wait`,
so anything with ``concurrent.futures`` semantics can run a sweep: the local process pool
here, an in-process executor for ``workers=1``, or a Dask cluster through
``distributed.Client(...).get_executor()`` (a later engine registered in :data:`ENGINES`).
Cell results do not depend on the executor: randomness comes from the cell key alone
(design rule 3).

The local pool uses the ``spawn`` start method (no fork after threads; the same behaviour on
every OS) and :func:`theorylab._threads.limit_threads` as initializer, so each worker runs
numpy, BLAS and numba single-threaded and the pool's ``N`` workers use ``N`` cores.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from .._threads import limit_threads

__all__ = ["InlineExecutor", "default_workers", "local_executor", "open_executor", "ENGINES",
           "imap_unordered"]


class InlineExecutor(Executor):
    """Runs each submitted call at once in this process (``--workers 1``).

    Exceptions are stored in the returned future, as a pool would.

    References
    ----------
    :class:`concurrent.futures.Executor` (Python standard library).
    """

    def submit(self, fn, /, *args, **kwargs) -> Future:
        """Call ``fn(*args, **kwargs)`` now; return a completed future.

        References
        ----------
        :meth:`concurrent.futures.Executor.submit`.
        """
        f = Future()
        try:
            f.set_result(fn(*args, **kwargs))
        except Exception as e:
            f.set_exception(e)
        return f


def default_workers() -> int:
    """The number of cores this process may use (``os.sched_getaffinity`` where available).

    References
    ----------
    Issue 2, item 6 (``--workers N``, default = cores).
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def local_executor(workers: int | None = None) -> Iterator[Executor]:
    """A local executor: in-process for one worker, else a spawn process pool.

    Parameters
    ----------
    workers : int >= 1, optional (default: :func:`default_workers`)

    Yields
    ------
    concurrent.futures.Executor

    References
    ----------
    ``shared/specs/ecosystem.md`` §2 (stdlib process pool with thread limits).
    """
    n = default_workers() if workers is None else int(workers)
    if n < 1:
        raise ValueError(f"workers must be >= 1, got {workers!r}")
    if n == 1:
        yield InlineExecutor()
        return
    pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"), initializer=limit_threads)
    ok = False
    try:
        yield pool
        ok = True
    finally:
        # on an error or Ctrl-C do not wait for queued cells; running ones are lost
        pool.shutdown(wait=ok, cancel_futures=not ok)


def _dask_executor(**options):
    from .dask_engine import dask_executor  # optional extra: imported only when asked for
    return dask_executor(**options)


ENGINES: dict[str, Callable] = {"local": local_executor, "dask": _dask_executor}


def open_executor(engine: str = "local", **options):
    """The context manager of executor ``engine``: ``"local"`` or ``"dask"``.

    Parameters
    ----------
    engine : str, a key of :data:`ENGINES`
    **options : passed to the engine (``workers`` for ``"local"``; ``workers``, ``scheduler``
        and ``cache_dir`` for ``"dask"``, see :func:`theorylab.sweep.dask_engine.dask_executor`)

    References
    ----------
    Design rule 9; ``shared/specs/ecosystem.md`` §2 (a small executor seam).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {sorted(ENGINES)}, got {engine!r}")
    return ENGINES[engine](**options)


def imap_unordered(executor: Executor, fn: Callable, items: Iterable, window: int) -> Iterator[tuple]:
    """Yield ``(item, future)`` as calls ``fn(*item)`` complete, at most ``window`` in flight.

    Bounding the number of submitted calls keeps memory flat on large sweeps and makes the
    in-process executor stream (each call completes before the next is submitted).

    Parameters
    ----------
    executor : concurrent.futures.Executor
    fn : callable, picklable by reference for process and cluster executors
    items : iterable of argument tuples
    window : int >= 1

    Yields
    ------
    (tuple, concurrent.futures.Future), the future done.

    References
    ----------
    ``shared/specs/ecosystem.md`` §2 (submit, collect as completed).
    """
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    it = iter(items)
    pending: dict = {}

    def top_up():
        while len(pending) < window:
            try:
                item = next(it)
            except StopIteration:
                return
            try:
                f = executor.submit(fn, *item)
            except Exception as e:  # e.g. a broken pool: report it as this call's outcome
                f = Future()
                f.set_exception(e)
            pending[f] = item

    top_up()
    while pending:
        done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
        for f in done:
            yield pending.pop(f), f
        top_up()
