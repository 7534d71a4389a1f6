"""Plot helpers shared by the robust figures (ax in, ax out)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from theorylab import plotting
from theorylab.stats import bootstrap_ci, bootstrap_slope

__all__ = ["LABELS", "label", "band", "plot_band", "regret_row"]

# Display names; their colours (plotting.colour) are distinct from each other.
LABELS = {"dr_rpo": "DR-RPO", "dr_rpo_anytime": "DR-RPO (anytime eta)", "dr_rpo_oppo": "DR-RPO, OPPO eta",
          "dr_lsvi_ucb": "DR-LSVI-UCB", "lsvi_ucb": "LSVI-UCB", "oppo": "OPPO (non-robust PO)",
          "soft_dr_lsvi_ucb": "soft-DR-LSVI-UCB", "dr_rpo_eta0.1": "DR-RPO, eta=0.1",
          "dr_rpo_eta10": "DR-RPO, eta = 10"}


def label(name: str) -> str:
    """Display name of algorithm ``name`` (itself when unknown).

    References
    ----------
    ``shared/design.md`` (one colour map per algorithm).
    """
    return LABELS.get(name, name)


def band(x, *, seed: int = 0):
    """Mean and 95% percentile-bootstrap band over seeds (rows) of ``x`` (n_seeds, ...).

    References
    ----------
    Efron & Tibshirani (1993), ch. 13; Agarwal et al. (2021), rliable.
    """
    x = np.asarray(x, float)
    if x.shape[0] < 2:
        return x.mean(0), x.mean(0), x.mean(0)
    return bootstrap_ci(x, rng=np.random.default_rng(seed), n_boot=1000)


def plot_band(ax, t, x, name: str, *, marker: str = "o"):
    """Draw mean +- band of ``x`` (n_seeds, len(t)) against ``t`` in the algorithm's colour.

    References
    ----------
    Agarwal et al. (2021), rliable (interval estimates).
    """
    mean, lo, hi = band(x)
    c = plotting.colour(label(name))
    ax.plot(t, mean, marker=marker, markersize=3, color=c, label=label(name))
    ax.fill_between(t, lo, hi, color=c, alpha=0.2, linewidth=0)
    return ax, (mean, lo, hi)


def regret_row(ax_lin, ax_log, rs, i: int, t_min: int) -> dict:
    """Regret vs K (linear, with bands) and log-log with fitted slopes for setting ``i``.

    Returns the plotted numbers per algorithm (checkpoints, mean, slope and its CI).

    References
    ----------
    Design rule 5 (slopes with a seeded bootstrap); Agarwal et al. (2021), rliable.
    """
    out = {}
    for alg in rs.experiment.algorithms:
        if not rs.has(i, alg):
            continue
        tr = rs.trace(i, alg)
        shown = replace(tr, algorithm=label(alg))
        plotting.plot_regret(ax_lin, shown, rng=np.random.default_rng(0))
        plotting.plot_loglog(ax_log, shown, t_min=t_min, rng=np.random.default_rng(1))
        keep = tr.checkpoints >= t_min
        slope = bootstrap_slope(tr.checkpoints[keep], tr.pseudo[:, keep], rng=np.random.default_rng(1), n_boot=1000)
        out[alg] = {"checkpoints": tr.checkpoints, "mean": tr.mean(), "slope": slope[0], "slope_ci": slope[1:]}
    return out
