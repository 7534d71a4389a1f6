"""Plot helpers shared by the ``fig_lipschitz_*`` figures (ax in, ax out)."""
from __future__ import annotations

import warnings

import numpy as np

from theorylab import plotting

__all__ = ["alpha_colour", "finite", "nanmean0"]


def alpha_colour(k: int) -> str:
    """A stable colour for the k-th alpha of a grid.

    References
    ----------
    ``theorylab.plotting`` palette (Okabe & Ito 2008).
    """
    return plotting._PALETTE[k % len(plotting._PALETTE)]


def finite(a) -> np.ndarray:
    """``a`` with inf replaced by NaN (matplotlib leaves gaps; JSON writes null).

    References
    ----------
    Spec pitfall P3 (divergence is logged as inf).
    """
    a = np.asarray(a, dtype=np.float64)
    return np.where(np.isfinite(a), a, np.nan)


def nanmean0(a) -> np.ndarray:
    """Mean over axis 0 ignoring NaN; all-NaN columns give NaN without a warning.

    References
    ----------
    Spec pitfall P3 (divergent runs are gaps, not zeros).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(np.asarray(a, dtype=np.float64), axis=0)
