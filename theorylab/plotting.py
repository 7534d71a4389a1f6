"""Plotting helpers: ax in, ax out.

Every function draws on a matplotlib ``Axes`` it is given and returns that same ``Axes``;
none creates a figure, saves, or shows (``paper_figures`` does that).  Colours come from one
mapping, :data:`COLOURS` (algorithm name -> colour), with :func:`colour` as the fallback
for names not in it, so an algorithm has the same colour in every figure.

Bands are 95% percentile-bootstrap intervals of the mean over seeds (the independent unit
of a regret sweep), drawn with an explicit generator; the default ``rng=None`` means
``numpy.random.default_rng(0)`` so that the same results give the same figure.
"""
from __future__ import annotations

import numpy as np

from .regret.bounds import Bound
from .regret.trace import RegretTrace
from .rng import stable_hash
from .stats import bootstrap_ci, bootstrap_slope, loglog_slope

__all__ = ["COLOURS", "BOUND_COLOUR", "colour", "regret_band", "plot_regret", "plot_bound",
           "plot_loglog", "plot_ratio_to_bound"]

# Okabe & Ito (2008) colour-blind-safe palette, then muted extras.
_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
            "#882255", "#44AA99", "#999933", "#332288", "#AA4499")

COLOURS = {
    "ucbvi": "#0072B2",
    "ucbvi_scaled": "#56B4E9",
    "lsvi_ucb": "#D55E00",
    "lsvi_ucb_scaled": "#E69F00",
}
BOUND_COLOUR = "#333333"


def colour(name: str) -> str:
    """The colour of algorithm ``name``: :data:`COLOURS` or a stable palette entry.

    The fallback indexes the palette by a CRC-32 of the name, so it does not change between
    runs or processes.

    References
    ----------
    Okabe & Ito (2008), "Color universal design" (the palette); ``shared/design.md``
    (one colour map per algorithm).
    """
    if name in COLOURS:
        return COLOURS[name]
    return _PALETTE[stable_hash(str(name)) % len(_PALETTE)]


def _rng(rng) -> np.random.Generator:
    return np.random.default_rng(0) if rng is None else rng


def regret_band(trace: RegretTrace, *, rng: np.random.Generator | None = None, level: float = 0.95,
                n_boot: int = 1000, realised: bool = False):
    """Mean regret and its bootstrap band over seeds.

    Parameters
    ----------
    trace : RegretTrace, (n_seeds, C) regret
    rng : numpy.random.Generator, optional (default ``default_rng(0)``)
    level : float in (0, 1)
    realised : bool, use realised instead of pseudo-regret

    Returns
    -------
    (mean, lo, hi) : three ndarray(float, (C,)); lo = hi = mean with a single seed.

    References
    ----------
    Efron & Tibshirani (1993), ch. 13; Agarwal et al. (2021), rliable (bootstrap over runs).
    """
    Y = trace.realised if realised else trace.pseudo
    if Y is None:
        raise ValueError(f"trace {trace.algorithm!r} has no realised regret")
    if Y.shape[0] < 2:
        m = Y.mean(0)
        return m, m.copy(), m.copy()
    return bootstrap_ci(Y, rng=_rng(rng), n_boot=n_boot, alpha=1.0 - level)


def plot_bound(ax, bound: Bound, checkpoints, *, anchor: float | None = None, label: str | None = None,
               color: str = BOUND_COLOUR):
    """Draw a bound against K.

    Explicit-constant bounds are drawn as B(K).  Rate-only bounds have no value: they are
    drawn as ``anchor * rate(K) / rate(K_max)`` (a curve of the right shape through
    ``anchor`` at the last checkpoint) and labelled "∝".

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    bound : Bound
    checkpoints : ndarray(int, (C,))
    anchor : float, required for rate-only bounds

    Returns
    -------
    matplotlib.axes.Axes (the same ``ax``)

    References
    ----------
    ``shared/design.md`` rule 5 (bounds are first-class).
    """
    K = np.asarray(checkpoints, dtype=np.float64)
    if bound.value is not None and bound.explicit_constants:
        y, text = bound.evaluate(K), bound.name
    else:
        if anchor is None:
            raise ValueError(f"{bound.name} is rate-only: pass anchor= to draw its shape")
        rate = bound.rate(K)
        y, text = anchor * rate / rate[-1], f"∝ {bound.name}"
    ax.plot(K, y, linestyle="--", color=color, linewidth=1.2, label=label if label is not None else text)
    return ax


def plot_regret(ax, trace: RegretTrace, bound: Bound | None = None, label: str | None = None, *,
                rng: np.random.Generator | None = None, realised: bool = False, n_boot: int = 1000):
    """Mean cumulative regret against K with a 95% bootstrap band (and optionally a bound).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    trace : RegretTrace
    bound : Bound, optional
        Drawn by :func:`plot_bound` (rate-only bounds anchored at the final mean regret).
    label : str, optional (default the algorithm name)
    rng : numpy.random.Generator, optional
    realised : bool, plot realised instead of pseudo-regret

    Returns
    -------
    matplotlib.axes.Axes (the same ``ax``)

    References
    ----------
    Agarwal et al. (2021), rliable (interval estimates, not point estimates).
    """
    mean, lo, hi = regret_band(trace, rng=rng, n_boot=n_boot, realised=realised)
    c = colour(trace.algorithm)
    K = trace.checkpoints
    ax.plot(K, mean, color=c, linewidth=1.6, label=label if label is not None else trace.algorithm)
    ax.fill_between(K, lo, hi, color=c, alpha=0.25, linewidth=0)
    if bound is not None:
        plot_bound(ax, bound, K, anchor=float(mean[-1]))
    ax.set_xlabel("episodes K")
    ax.set_ylabel("realised regret" if realised else "pseudo-regret")
    return ax


def plot_loglog(ax, trace: RegretTrace, label: str | None = None, *, t_min: int | None = None,
                rng: np.random.Generator | None = None, n_boot: int = 1000, bound: Bound | None = None):
    """Mean regret on log-log axes with its fitted slope (and bootstrap CI) in the legend.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    trace : RegretTrace
    label : str, optional (default the algorithm name); the slope is appended
    t_min : int, optional, fit only checkpoints >= t_min (the fitted line is drawn there)
    bound : Bound, optional, drawn by :func:`plot_bound` with its own slope on the fit grid

    Returns
    -------
    matplotlib.axes.Axes (the same ``ax``)

    References
    ----------
    Design rule 5 (log-log slopes with a seeded bootstrap, compared on the same grid).
    """
    K, Y = trace.checkpoints, trace.pseudo
    keep = K >= (t_min or 1)
    slope, lo, hi = bootstrap_slope(K[keep], Y[:, keep], rng=_rng(rng), n_boot=n_boot)
    mean = Y.mean(0)
    c = colour(trace.algorithm)
    name = label if label is not None else trace.algorithm
    ci = "" if not np.isfinite(lo) else f" [{lo:.2f}, {hi:.2f}]"
    ax.loglog(K, np.maximum(mean, np.finfo(float).tiny), "o", color=c, markersize=3,
              label=f"{name}: slope {slope:.2f}{ci}")
    pos = keep & (mean > 0)
    if pos.sum() >= 2:
        icpt = np.mean(np.log(mean[pos]) - slope * np.log(K[pos]))
        ax.loglog(K[pos], np.exp(icpt) * K[pos] ** slope, "-", color=c, linewidth=1.2)
    if bound is not None:
        b_slope = loglog_slope(K[keep], bound.rate(K[keep]))
        plot_bound(ax, bound, K, anchor=float(mean[-1]), label=f"{bound.name} (slope {b_slope:.2f})")
    ax.set_xlabel("episodes K")
    ax.set_ylabel("pseudo-regret")
    return ax


def plot_ratio_to_bound(ax, trace: RegretTrace, bound: Bound, label: str | None = None):
    """Mean regret divided by the bound (its value, or its rate curve when rate-only).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    trace : RegretTrace
    bound : Bound
    label : str, optional

    Returns
    -------
    matplotlib.axes.Axes (the same ``ax``)

    References
    ----------
    ``shared/specs/aesthetics.md`` §9.5 (the headline number is regret / bound).
    """
    K = trace.checkpoints
    explicit = bound.value is not None and bound.explicit_constants
    B = bound.evaluate(K) if explicit else bound.rate(K)
    ax.semilogx(K, trace.mean() / B, color=colour(trace.algorithm),
                label=label if label is not None else trace.algorithm)
    ax.set_xlabel("episodes K")
    ax.set_ylabel("regret / bound" if explicit else "regret / rate")
    return ax
