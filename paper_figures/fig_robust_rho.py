"""Regularised robust regret at K_max vs the TV radius rho on I1 (robust/rho), mean with a
95% bootstrap band; the dotted line marks the switching radius rho*."""
from __future__ import annotations

import numpy as np

from theorylab.problems.robust import switching_radius

from ._common import new_figure, save
from ._robust import plot_band

EXPERIMENTS = ("robust/rho",)
NAME = "robust_rho"


def main(results: dict, out_dir) -> list:
    """Plot Regret(K_max) against rho per algorithm; returns the PNG, PDF and JSON paths.

    References
    ----------
    Spec §4.4 T4.
    """
    rs = results[EXPERIMENTS[0]]
    rhos = np.array([s["rho"] for s in rs.settings], float)
    fig, axes = new_figure(1, 1, width=4.6, height=3.4)
    ax = axes[0, 0]
    data = {"experiment": rs.experiment.id, "rho": rhos, "algorithms": {}}
    for alg in rs.experiment.algorithms:
        reg = np.stack([rs.stacked(i, alg, "pseudo")[:, -1] for i in range(len(rhos))], 1)
        _, (mean, lo, hi) = plot_band(ax, rhos, reg, alg)
        data["algorithms"][alg] = {"mean": mean, "lo": lo, "hi": hi}
    rs_star = switching_radius(rs.settings[0]["xi_norm"])
    ax.axvline(rs_star, linestyle=":", color="0.4", label="rho*")
    ax.set_xlabel("TV radius rho")
    ax.set_ylabel(f"robust regret at K = {rs.settings[0]['K']}")
    ax.legend(fontsize=7)
    data["rho_star"] = rs_star
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
