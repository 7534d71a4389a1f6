"""Plot helpers of the adversarial-paper figures (ax in, ax out; no file I/O)."""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullFormatter

from theorylab.stats import loglog_slope

__all__ = ["COLORS", "plot_mean_band"]

COLORS = {"LB-PO": "#1f77b4", "MR-PO": "#d62728", "LUO21": "#2ca02c", "FULLINFO": "#7f7f7f",
          "FTL": "#9467bd", "UNIF": "#8c564b", "EXP-RAW": "#ff7f0e", "LB-NOBONUS": "#17becf",
          "EXP-NOBONUS": "#bcbd22", "MR-NOBONUS": "#e377c2", "O-REPS": "#000000"}


def plot_mean_band(ax, x, Y, label: str, color=None, slope: bool = True):
    """Mean of Y (seeds x points) against x with a +-2 standard-error band, log-log.

    References
    ----------
    Agarwal et al. (2021), "Deep RL at the edge of the statistical precipice" (report
    uncertainty over runs).
    """
    x, Y = np.asarray(x, float), np.atleast_2d(np.asarray(Y, float))
    m = Y.mean(0)
    se = Y.std(0, ddof=1) / np.sqrt(Y.shape[0]) if Y.shape[0] > 1 else np.zeros_like(m)
    lab = f"{label} (slope {loglog_slope(x, m):.2f})" if slope else label
    ax.plot(x, m, "o-", color=color, label=lab, ms=3, lw=1.2)
    ax.fill_between(x, np.maximum(m - 2 * se, 1e-9), m + 2 * se, color=color, alpha=0.2, lw=0)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_minor_formatter(NullFormatter())  # crowded minor labels on short log ranges
    return ax
