"""Thread limits for worker processes (kept free of numpy so it can run before numpy loads).

A process-pool worker must not start one BLAS / OpenMP / numba thread per core on top of
the pool's own parallelism (``shared/specs/ecosystem.md`` §2, "oversubscription").  The pool
calls :func:`limit_threads` as its initializer; because this module imports nothing heavy,
the limits are in the environment before the first task imports numpy or numba.
"""
from __future__ import annotations

import os

__all__ = ["THREAD_LIMITS", "limit_threads"]

THREAD_LIMITS = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                 "VECLIB_MAXIMUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1", "NUMBA_NUM_THREADS": "1"}


def limit_threads() -> None:
    """Set every variable of :data:`THREAD_LIMITS` in this process's environment.

    References
    ----------
    ``shared/specs/ecosystem.md`` §2 (numba in workers, point 4).
    """
    os.environ.update(THREAD_LIMITS)
