"""Regret vs number of actions A at fixed d: LB-PO (poly A) against MR-PO (ln A)."""
from __future__ import annotations

import numpy as np

from paper_figures._adversarial import COLORS, plot_mean_band
from paper_figures._common import new_figure, save

EXPERIMENTS = ("adversarial/a_scaling",)


def main(results: dict, out_dir) -> list:
    """Mean final pseudo-regret against A (log-log) with fitted slopes.

    References
    ----------
    Spec §4.3 (A-dependence test: slope in log A about 0.5 for LB-PO, about 0 for MR-PO).
    """
    res = results["adversarial/a_scaling"]
    As = np.array([s["A"] for s in res.settings])
    fig, axes = new_figure()
    data = {"A": As}
    for alg in res.experiment.algorithms:
        Y = np.stack([res.stacked(i, alg, "pseudo")[:, -1] for i in range(len(As))], axis=1)
        plot_mean_band(axes[0, 0], As, Y, alg, COLORS.get(alg))
        data[alg] = {"mean": Y.mean(0), "n_seeds": Y.shape[0]}
    K = res.settings[0]["K"]
    axes[0, 0].set(xlabel="A (number of actions)", ylabel=f"pseudo-regret at K = {K}",
                   title=f"d = {res.settings[0]['d']}, one good action, gap {res.settings[0]['gap']}")
    axes[0, 0].legend(fontsize=7)
    return save(fig, out_dir, "adversarial_a_scaling", data)
