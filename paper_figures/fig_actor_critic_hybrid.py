"""Hybrid NORA gain: final regret ratio Reg_hyb / Reg_on (left) and the BE term (right) vs N_off / K.

One curve per (instance, behaviour) setting of ``actor_critic/hybrid_noff``; the ratio is
paired over seeds (same noise), bands are 95% bootstrap intervals of the mean ratio.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.actor_critic.tasks import parse_algorithm

from ._actor_critic import mean_ci, start, title
from ._common import new_figure, save

EXPERIMENTS = ("actor_critic/hybrid_noff",)
NAME = "actor_critic_hybrid"
_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#999933")


def main(results: dict, out_dir) -> list:
    """Draw the hybrid-gain figure; returns the PNG, PDF and JSON paths.

    References
    ----------
    Tan, Fan, Wei (2025), ICML (hybrid claim); spec §4.3 C1.
    """
    rs, data = start(results, EXPERIMENTS, NAME, key="curves")
    hyb = [a for a in rs.experiment.algorithms if parse_algorithm(a)[1] > 0]
    n = np.array([parse_algorithm(a)[1] for a in hyb], dtype=np.float64)
    fig, axes = new_figure(ncols=2, width=5.0, height=3.6)
    rng = np.random.default_rng(0)
    for i, s in enumerate(rs.settings):
        K = float(s["K"])
        on = rs.stacked(i, "nora", "pseudo")[:, -1]
        ratio = np.stack([rs.stacked(i, a, "pseudo")[:, -1] / on for a in hyb], axis=1)
        be = np.stack([rs.stacked(i, a, "be")[:, -1] for a in hyb], axis=1)
        c = _PALETTE[i % len(_PALETTE)]
        lab = f"{s['instance']}, {s['behaviour']} (c*={float(rs.first(i, 'nora', 'c_off')[0]):.3g})"
        for ax, Y in ((axes[0, 0], ratio), (axes[0, 1], be)):
            m, lo, hi = mean_ci(Y, rng)
            ax.plot(n / K, m, "o-", color=c, label=lab, markersize=3)
            ax.fill_between(n / K, lo, hi, color=c, alpha=0.2, linewidth=0)
        data["curves"].append({"setting": dict(s), "n_off": n, "ratio": ratio.mean(0), "be": be.mean(0),
                               "title": title(s)})
    axes[0, 0].axhline(1.0, color="#333333", linestyle="--", linewidth=1.0, label="online NORA")
    axes[0, 0].set_ylabel("Reg_hyb(K) / Reg_on(K)")
    axes[0, 1].set_ylabel("cumulative BE term at K")
    axes[0, 1].set_yscale("log")
    for ax in axes[0]:
        ax.set_xscale("log")
        ax.set_xlabel("N_off / K")
        ax.legend(fontsize=6)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
