"""The Dask engine: run a sweep's cells on a ``distributed`` cluster (extra ``theorylab[dask]``).

``theorylab run ... --engine dask`` starts a :class:`distributed.LocalCluster` of worker
*processes* (one thread each) on the loopback interface; ``--scheduler tcp://host:port``
connects to a running cluster instead.  The runner sees a plain
:class:`concurrent.futures.Executor` (``Client.get_executor()``), so results stream back as
cells complete and the driver writes every shard through the same atomic store function
(:func:`~theorylab.sweep.store.save_shard`) that the local engine's workers use: a remote
worker need not see the results folder (``run_experiment(..., worker_writes=True)`` opts a
cluster on a shared file system into worker-side writes).  Results are bit-identical to the
local engine: a cell's randomness depends only on its key (design rule 3) and shards are
encoded deterministically.

Workers run numba, numpy and BLAS single-threaded (``NUMBA_NUM_THREADS=1`` and friends) and
share one numba cache folder (``NUMBA_CACHE_DIR``), which the driver warms before fan-out by
computing the first cell in a fresh process with the same environment: the kernels compile
once, not once per worker.  A worker killed mid-cell is survived: the scheduler reschedules
its tasks on the other workers (up to ``distributed.scheduler.allowed-failures`` times, then
the cell fails with ``KilledWorker`` and the runner's retries take over).

For a remote scheduler the workers must have been started with the same variables, e.g.
``NUMBA_NUM_THREADS=1 NUMBA_CACHE_DIR=/shared/numba dask worker tcp://host:8786 --nthreads 1``;
a worker plugin also sets them (and reloads numba's configuration) on every worker that joins.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .._threads import limit_threads

__all__ = ["DaskExecutor", "dask_executor", "worker_environment", "default_cache_dir"]

_THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMBA_NUM_THREADS")


def default_cache_dir() -> Path:
    """The shared numba cache folder: ``$NUMBA_CACHE_DIR`` if set, else ``~/.cache/theorylab/numba``.

    References
    ----------
    Numba documentation, "Environment variables" (``NUMBA_CACHE_DIR``).
    """
    env = os.environ.get("NUMBA_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "theorylab" / "numba"


def worker_environment(cache_dir) -> dict:
    """The environment variables every worker gets: one thread per library, a shared numba cache,
    and the driver's array backend (``THEORYLAB_BACKEND``, set by ``theorylab run --backend``).

    Parameters
    ----------
    cache_dir : path-like, the shared ``NUMBA_CACHE_DIR``

    Returns
    -------
    dict str -> str

    References
    ----------
    ``shared/specs/ecosystem.md`` §2 (one thread per worker process, shared cache).
    """
    env = {k: "1" for k in _THREAD_VARS}
    env["NUMBA_CACHE_DIR"] = str(Path(cache_dir).resolve())
    env["THEORYLAB_BACKEND"] = os.environ.get("THEORYLAB_BACKEND", "numpy")  # --backend reaches remote workers
    return env


def _apply_environment(env: dict) -> None:
    """Set ``env`` in this process and make numba re-read its configuration."""
    os.environ.update(env)
    limit_threads()
    import sys
    if "numba" in sys.modules:
        from numba.core import config
        config.reload_config()


def _import_distributed():
    try:
        import distributed
    except ImportError as e:
        raise RuntimeError(f"the dask engine needs dask.distributed ({e}); pip install 'theorylab[dask]'") from None
    return distributed


def _plugin(env: dict):
    distributed = _import_distributed()

    class ThreadEnvironment(distributed.WorkerPlugin):
        """Sets the worker environment on every worker that joins the cluster."""

        name = "theorylab-thread-environment"

        def setup(self, worker):
            _apply_environment(env)

    return ThreadEnvironment()


class DaskExecutor(Executor):
    """A :class:`concurrent.futures.Executor` over a :class:`distributed.Client`.

    Parameters
    ----------
    client : distributed.Client
    env : dict, the worker environment (:func:`worker_environment`)

    Attributes
    ----------
    client : distributed.Client
    n_workers : int, workers connected when the executor opened (at least 1)

    References
    ----------
    Dask.distributed, ``Client.get_executor`` (concurrent.futures interface).
    """

    def __init__(self, client, env: dict):
        self.client, self.env = client, dict(env)
        self._executor = client.get_executor(pure=False)
        self.n_workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {}))
                             if _accepts_n_workers(client) else len(client.scheduler_info().get("workers", {})))

    def submit(self, fn, /, *args, **kwargs) -> Future:
        """Run ``fn(*args, **kwargs)`` on a worker; a :class:`concurrent.futures.Future`.

        References
        ----------
        :meth:`concurrent.futures.Executor.submit`.
        """
        return self._executor.submit(fn, *args, **kwargs)

    def warm(self, fn, /, *args) -> Future:
        """Run ``fn(*args)`` once in a fresh local process with the worker environment.

        The runner calls it with the first cell before fan-out, so numba compiles the cell's
        kernels once into the shared cache and the workers load them from there.

        References
        ----------
        Numba documentation, "Caching" (``cache=True`` and ``NUMBA_CACHE_DIR``).
        """
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=ctx, initializer=_apply_environment, initargs=(self.env,)) as pool:
            f = pool.submit(fn, *args)
            f.exception()  # wait inside the pool's lifetime
        return f

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop submitting; the client and cluster are closed by :func:`dask_executor`.

        References
        ----------
        :meth:`concurrent.futures.Executor.shutdown`.
        """
        self._executor.shutdown(wait=wait)


def _accepts_n_workers(client) -> bool:
    import inspect
    return "n_workers" in inspect.signature(client.scheduler_info).parameters


@contextmanager
def dask_executor(scheduler: str | None = None, workers: int | None = None,
                  cache_dir=None) -> Iterator[DaskExecutor]:
    """Open a Dask executor: a loopback :class:`~distributed.LocalCluster` or a remote scheduler.

    Parameters
    ----------
    scheduler : str, optional, e.g. ``"tcp://10.0.0.5:8786"``; default: start a LocalCluster
    workers : int >= 1, optional, worker processes of the LocalCluster (default: cores);
        ignored with ``scheduler``
    cache_dir : path-like, optional, the shared numba cache (default :func:`default_cache_dir`)

    Yields
    ------
    DaskExecutor

    Raises
    ------
    RuntimeError when dask.distributed is not installed; ValueError for ``workers < 1``.

    References
    ----------
    ``shared/specs/ecosystem.md`` §2; Dask.distributed, ``LocalCluster`` and ``Client``.
    """
    from .executor import default_workers
    distributed = _import_distributed()
    n = default_workers() if workers is None else int(workers)
    if n < 1:
        raise ValueError(f"workers must be >= 1, got {workers!r}")
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    env = worker_environment(cache)
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                           host="127.0.0.1", dashboard_address=None, env=env)
        scheduler = cluster.scheduler_address
    client = distributed.Client(scheduler)
    try:
        client.register_plugin(_plugin(env))
        yield DaskExecutor(client, env)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
