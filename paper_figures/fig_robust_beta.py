"""The beta trade-off of DR-RPO (robust/beta_tradeoff).

Left: unregularised robust gap of the output policy vs beta (mean, 95% bootstrap band),
with the regularisation-bias bound beta H log|A| of Lemma L9.  Right: regularised robust
regret at K_max vs beta.  beta = 0 is drawn at the left end of a symmetric-log axis.
"""
from __future__ import annotations

import numpy as np

from ._common import new_figure, save
from ._robust import plot_band

EXPERIMENTS = ("robust/beta_tradeoff",)
NAME = "robust_beta"
H, A = 3, 16


def main(results: dict, out_dir) -> list:
    """Plot the beta sweep; returns the PNG, PDF and JSON paths.

    References
    ----------
    Spec §4.4 T5 and §6 L9 (reconstruction).
    """
    rs = results[EXPERIMENTS[0]]
    betas = np.array([s["beta"] for s in rs.settings], float)
    fig, axes = new_figure(2, 1, width=4.6, height=3.4)
    data = {"experiment": rs.experiment.id, "beta": betas, "algorithms": {}}
    for alg in rs.experiment.algorithms:
        idx = [i for i in range(len(betas)) if rs.has(i, alg)]
        gap = np.stack([rs.stacked(i, alg, "final_unreg_gap") for i in idx], 1)
        reg = np.stack([rs.stacked(i, alg, "pseudo")[:, -1] for i in idx], 1)
        _, g = plot_band(axes[0, 0], betas[idx], gap, alg)
        _, r = plot_band(axes[0, 1], betas[idx], reg, alg)
        data["algorithms"][alg] = {"unreg_gap": dict(zip(("mean", "lo", "hi"), g)),
                                   "final_regret": dict(zip(("mean", "lo", "hi"), r))}
    axes[0, 0].plot(betas, betas * H * np.log(A), "--", color="0.3", label="beta H log|A| (L9)")
    axes[0, 0].set_ylabel("unregularised robust gap of output")
    axes[0, 1].set_ylabel("regularised robust regret at K_max")
    for ax in axes[0]:
        ax.set_xscale("symlog", linthresh=1e-3)
        ax.set_xlabel("KL strength beta")
        ax.legend(fontsize=7)
    axes[0, 0].set_yscale("symlog", linthresh=1e-3)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
