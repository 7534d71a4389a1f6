"""Ill-conditioned stress test: per-seed regret of raw exponential weights vs log-barrier."""
from __future__ import annotations

import numpy as np

from paper_figures._adversarial import COLORS
from paper_figures._common import new_figure, save

EXPERIMENTS = ("adversarial/ill_conditioned",)
_EXTRA = {"LB-NOBONUS": "#17becf", "MR-NOBONUS": "#e377c2", "EXP-NOBONUS": "#ff7f0e"}


def main(results: dict, out_dir) -> list:
    """Left: final pseudo-regret of every seed (log scale) per algorithm at the last K-setting;
    right: pseudo-regret against episodes for every seed of EXP-NOBONUS and LB-NOBONUS.

    References
    ----------
    Spec §4.1 I-ILL, §4.4 (EXP-RAW "erratic; heavy-tailed across seeds", log-barrier stable).
    """
    res = results["adversarial/ill_conditioned"]
    i = len(res.settings) - 1
    fig, axes = new_figure(ncols=2, width=4.8, height=3.6)
    data = {"K": res.settings[i]["K"]}
    jitter = np.random.default_rng(0)  # plot jitter only, not an experiment stream
    for j, alg in enumerate(res.experiment.algorithms):
        y = res.stacked(i, alg, "pseudo")[:, -1]
        color = COLORS.get(alg, _EXTRA.get(alg))
        axes[0, 0].scatter(j + jitter.uniform(-0.2, 0.2, y.size), np.maximum(y, 1e-1), s=8, color=color, alpha=0.7)
        axes[0, 0].hlines(np.median(y), j - 0.3, j + 0.3, color="k", lw=1)
        data[alg] = {"mean": [float(y.mean())], "median": float(np.median(y)), "max": float(y.max()), "n_seeds": y.size}
    algs = res.experiment.algorithms
    axes[0, 0].set(yscale="log", xticks=range(len(algs)), ylabel=f"final pseudo-regret (K = {data['K']})",
                   title="per seed (bar: median)")
    axes[0, 0].set_xticklabels(algs, rotation=30, fontsize=7)
    for alg in ("EXP-NOBONUS", "LB-NOBONUS"):
        cp = res.first(i, alg, "checkpoints")
        Y = res.stacked(i, alg, "pseudo")
        for r, row in enumerate(Y):
            axes[0, 1].plot(cp, row, color=_EXTRA[alg], lw=0.6, alpha=0.5, label=alg if r == 0 else None)
    axes[0, 1].set(xscale="log", xlabel="episode", ylabel="pseudo-regret", title="I-ILL-C: every seed")
    axes[0, 1].legend(fontsize=7)
    return save(fig, out_dir, "adversarial_ill_conditioned", data)
