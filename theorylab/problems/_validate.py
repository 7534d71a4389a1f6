"""Validation helpers shared by the problem classes: every failure names what is wrong."""
from __future__ import annotations

import numpy as np

ATOL = 1e-9


def as_float_array(name: str, x, ndims: tuple[int, ...]) -> np.ndarray:
    """Return ``x`` as a C-contiguous float64 array with one of the allowed ``ndims``."""
    a = np.ascontiguousarray(np.asarray(x, dtype=np.float64))
    if a.ndim not in ndims:
        raise ValueError(f"{name} must have {' or '.join(map(str, ndims))} dimensions, got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{name} contains NaN or inf")
    return a


def check_positive_int(name: str, v, minimum: int = 1) -> int:
    """Return ``v`` as int, or raise naming the field when it is not an integer >= minimum."""
    if isinstance(v, bool) or int(v) != v or v < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {v!r}")
    return int(v)


def check_stochastic(name: str, P: np.ndarray, atol: float = ATOL) -> None:
    """Raise unless the last axis of ``P`` holds probability vectors (within ``atol``)."""
    if np.any(P < -atol):
        idx = np.unravel_index(np.argmin(P), P.shape)
        raise ValueError(f"{name} has a negative entry {P[idx]:.3g} at index {idx}")
    sums = P.sum(axis=-1)
    bad = np.abs(sums - 1.0) > atol
    if np.any(bad):
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(f"rows of {name} must sum to 1 within {atol:g}; row {idx} sums to {sums[idx]!r}")


def check_range(name: str, x: np.ndarray, lo: float, hi: float) -> None:
    """Raise unless every entry of ``x`` lies in ``[lo, hi]``."""
    if x.size and (x.min() < lo - ATOL or x.max() > hi + ATOL):
        raise ValueError(f"{name} must lie in [{lo}, {hi}], got range [{x.min():.4g}, {x.max():.4g}]")
