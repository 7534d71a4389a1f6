"""The one place numba is configured.

Every kernel in theorylab is decorated with :func:`njit`, i.e. ``numba.njit(cache=True)``:
nopython mode, IEEE arithmetic (no ``fastmath``), on-disk cache.  Under
``NUMBA_DISABLE_JIT=1`` the decorated functions run as plain Python, which the test suite
uses to check that kernels and their numpy references agree without compilation.
"""
from __future__ import annotations

import numba

__all__ = ["njit"]


def njit(*args, **kwargs):
    """``numba.njit`` with ``cache=True`` and ``fastmath`` forbidden.

    References
    ----------
    Design rule 2 (``shared/design.md``): kernels are ``@njit(cache=True)``, no object mode,
    no ``fastmath``.
    """
    if kwargs.get("fastmath"):
        raise ValueError("fastmath is forbidden in theorylab kernels (design rule 2)")
    kwargs.setdefault("cache", True)
    if args and callable(args[0]) and len(args) == 1:
        return numba.njit(**kwargs)(args[0])
    return numba.njit(*args, **kwargs)
