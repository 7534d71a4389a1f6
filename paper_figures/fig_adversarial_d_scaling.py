"""Regret vs feature dimension d at fixed A for LB-PO and MR-PO, with a sqrt(d) guide."""
from __future__ import annotations

import numpy as np

from paper_figures._adversarial import COLORS, plot_mean_band
from paper_figures._common import new_figure, save

EXPERIMENTS = ("adversarial/d_scaling",)


def main(results: dict, out_dir) -> list:
    """Mean final pseudo-regret against d (log-log) with fitted slopes and a sqrt(d) line.

    References
    ----------
    Spec §4.3 (d-dependence: growth at most sqrt(d)).
    """
    res = results["adversarial/d_scaling"]
    ds = np.array([s["d"] for s in res.settings])
    fig, axes = new_figure()
    ax = axes[0, 0]
    data = {"d": ds}
    for alg in res.experiment.algorithms:
        Y = np.stack([res.stacked(i, alg, "pseudo")[:, -1] for i in range(ds.size)], axis=1)
        plot_mean_band(ax, ds, Y, alg, COLORS.get(alg))
        data[alg] = {"mean": Y.mean(0), "n_seeds": Y.shape[0]}
    ref = data[res.experiment.algorithms[0]]["mean"][0] * np.sqrt(ds / ds[0])
    ax.plot(ds, ref, "k--", lw=0.8, label="sqrt(d) guide")
    ax.set(xlabel="d (feature dimension)", ylabel=f"pseudo-regret at K = {res.settings[0]['K']}",
           title=f"A = {res.settings[0]['A']}, one good action")
    ax.legend(fontsize=7)
    return save(fig, out_dir, "adversarial_d_scaling", data)
