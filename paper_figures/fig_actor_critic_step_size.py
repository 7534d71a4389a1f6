"""Final regret vs actor step size (1x, 10x, 100x theory eta, greedy eta = inf) and without resets.

One panel per setting of ``actor_critic/step_size``; points are means with 95% bootstrap
intervals over seeds.
"""
from __future__ import annotations

import numpy as np

from ._actor_critic import mean_ci, start, title
from ._common import new_figure, save

EXPERIMENTS = ("actor_critic/step_size",)
NAME = "actor_critic_step_size"
_X = {"nora": "1x", "nora_eta10": "10x", "nora_eta100": "100x", "rs_greedy": "inf", "nora_noreset": "1x, no reset"}


def main(results: dict, out_dir) -> list:
    """Draw final regret per step-size variant; returns the PNG, PDF and JSON paths.

    References
    ----------
    Spec §4.2 [D] (larger actor steps approach rare-switching LSVI-UCB) and B6 (resets).
    """
    rs, data = start(results, EXPERIMENTS, NAME)
    fig, axes = new_figure(ncols=len(rs.settings), width=4.4, height=3.4)
    for i, s in enumerate(rs.settings):
        ax = axes[0, i]
        algs = [a for a in _X if rs.has(i, a)]
        Y = np.stack([rs.stacked(i, a, "pseudo")[:, -1] for a in algs], axis=1)
        m, lo, hi = mean_ci(Y, np.random.default_rng(0))
        x = np.arange(len(algs))
        ax.errorbar(x, m, yerr=[m - lo, hi - m], fmt="o", color="#0072B2", capsize=3)
        ax.set_xticks(x, [_X[a] for a in algs], fontsize=7)
        ax.set_xlabel("actor step size (multiple of theory eta)")
        ax.set_ylabel(f"pseudo-regret at K={s['K']}")
        ax.set_title(title(s), fontsize=8)
        data["panels"].append({"setting": dict(s), "algorithms": algs, "mean": m, "lo": lo, "hi": hi})
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
