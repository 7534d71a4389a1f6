"""Statistics for regret claims: bootstrap CIs, Clopper-Pearson, log-log slopes.

Every resampling function takes an explicit ``numpy.random.Generator``; none touches a
global RNG.  Bootstraps resample *seeds* (rows), the independent unit of a regret sweep.
"""
from __future__ import annotations

import numpy as np
from scipy import stats as _st

__all__ = ["bootstrap_ci", "mean_lower_confidence", "clopper_pearson", "loglog_slope",
           "bootstrap_slope"]


def _check_alpha(alpha: float) -> float:
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie in (0, 1), got {alpha!r}")
    return float(alpha)


def _check_rng(rng) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise TypeError("pass an explicit numpy.random.Generator as rng")
    return rng


def bootstrap_ci(x, *, rng: np.random.Generator, stat=np.mean, n_boot: int = 2000,
                 alpha: float = 0.05):
    """Percentile bootstrap CI of ``stat`` over the rows of ``x``.

    Parameters
    ----------
    x : ndarray(float, (n, ...))
    rng : numpy.random.Generator
    stat : callable(ndarray, axis=0) -> ndarray
    n_boot : int
    alpha : float in (0, 1); the interval has level 1 - alpha.

    Returns
    -------
    (point, lo, hi), each of shape x.shape[1:]

    References
    ----------
    Efron & Tibshirani (1993), *An Introduction to the Bootstrap*, ch. 13 (percentile
    interval); Agarwal et al. (2021), "Deep RL at the edge of the statistical precipice"
    (rliable) for bootstrapping over runs.
    """
    x, rng, alpha = np.asarray(x, dtype=np.float64), _check_rng(rng), _check_alpha(alpha)
    if x.shape[0] < 2:
        raise ValueError("bootstrap needs at least 2 rows (seeds)")
    idx = rng.integers(0, x.shape[0], size=(n_boot, x.shape[0]))
    boots = np.stack([stat(x[i], axis=0) for i in idx])
    lo, hi = np.quantile(boots, [alpha / 2, 1 - alpha / 2], axis=0)
    return stat(x, axis=0), lo, hi


def mean_lower_confidence(x, *, rng: np.random.Generator, alpha: float = 0.01,
                          n_boot: int = 2000) -> np.ndarray:
    """One-sided (1 - alpha) lower confidence limit of the mean of each column of ``x``.

    Returns the smaller of the percentile-bootstrap and the Student-t limits, i.e. the
    more conservative one for "fail only on significant evidence" (with few seeds the
    bootstrap alone is too narrow).

    References
    ----------
    Efron & Tibshirani (1993), ch. 13; Student t interval for a mean.
    """
    x, alpha = np.asarray(x, dtype=np.float64), _check_alpha(alpha)
    _, lo, _ = bootstrap_ci(x, rng=rng, n_boot=n_boot, alpha=2 * alpha)
    n = x.shape[0]
    t_lo = x.mean(0) - _st.t.ppf(1 - alpha, n - 1) * x.std(0, ddof=1) / np.sqrt(n)
    return np.minimum(lo, t_lo)


def clopper_pearson(k: int, n: int, alpha: float = 0.05, side: str = "two-sided"):
    """Exact binomial confidence limits for a success probability after k of n.

    Returns ``(lo, hi)``.  With ``side="lower"`` the lower limit is one-sided at level
    1 - alpha (``hi`` = 1); with ``side="upper"`` the upper one (``lo`` = 0).

    References
    ----------
    Clopper & Pearson (1934), Biometrika 26(4).
    """
    alpha = _check_alpha(alpha)
    if not (0 <= k <= n and n >= 1):
        raise ValueError(f"need 0 <= k <= n and n >= 1, got k={k}, n={n}")
    a = alpha / 2 if side == "two-sided" else alpha
    lo = 0.0 if k == 0 else float(_st.beta.ppf(a, k, n - k + 1))
    hi = 1.0 if k == n else float(_st.beta.ppf(1 - a, k + 1, n - k))
    if side == "lower":
        hi = 1.0
    elif side == "upper":
        lo = 0.0
    elif side != "two-sided":
        raise ValueError(f"side must be 'two-sided', 'lower' or 'upper', got {side!r}")
    return lo, hi


def loglog_slope(t, y) -> float:
    """Least-squares slope of log y against log t (points with y <= 0 are dropped).

    References
    ----------
    Standard empirical-rate fit; see ``shared/specs/ecosystem.md`` §6 on log factors.
    """
    t, y = np.asarray(t, dtype=np.float64), np.asarray(y, dtype=np.float64)
    ok = (t > 0) & (y > 0)
    if ok.sum() < 2:
        return float("nan")
    return float(np.polyfit(np.log(t[ok]), np.log(y[ok]), 1)[0])


def bootstrap_slope(t, Y, *, rng: np.random.Generator, n_boot: int = 2000, alpha: float = 0.05):
    """Log-log slope of the mean curve of ``Y`` (seeds x checkpoints) with a seed bootstrap.

    Returns
    -------
    (slope, lo, hi)

    References
    ----------
    Efron & Tibshirani (1993), ch. 13; design rule 5 (seeded bootstrap of log-log slopes).
    """
    Y, rng, alpha = np.asarray(Y, dtype=np.float64), _check_rng(rng), _check_alpha(alpha)
    slope = loglog_slope(t, Y.mean(0))
    n = Y.shape[0]
    if n < 2:
        return slope, float("nan"), float("nan")
    idx = rng.integers(0, n, size=(n_boot, n))
    boots = np.array([loglog_slope(t, Y[i].mean(0)) for i in idx])
    boots = boots[np.isfinite(boots)]
    if boots.size == 0:
        return slope, float("nan"), float("nan")
    lo, hi = np.quantile(boots, [alpha / 2, 1 - alpha / 2])
    return slope, float(lo), float(hi)
