"""NORA and baselines: regret vs K with 95% bands (left) and log-log slopes with the Theorem B rate (right).

One row per setting of ``actor_critic/t_scaling``; slopes are fitted on the last decade of K,
as in the rate checks; the Theorem B rate curve is anchored at NORA's final mean regret ("∝": rate-only).
"""
from __future__ import annotations

import numpy as np

from experiments.actor_critic._common import dims
from theorylab import plotting
from theorylab.algorithms.actor_critic.bounds import nora_regret

from ._actor_critic import COLOURS, curve, loglog, start, title
from ._common import new_figure, save

EXPERIMENTS = ("actor_critic/t_scaling",)
NAME = "actor_critic_regret"


def main(results: dict, out_dir) -> list:
    """Draw the regret figure; returns the PNG, PDF and JSON paths.

    References
    ----------
    Tan, Fan, Wei (2025), ICML (NORA regret theorem); spec §4.2 B1-B3.
    """
    rs, data = start(results, EXPERIMENTS, NAME)
    fig, axes = new_figure(ncols=2, nrows=len(rs.settings), width=4.8, height=3.3)
    for i, s in enumerate(rs.settings):
        d, H, A, S = dims(s)
        t_min = max(int(s["K"]) // 10, 1)
        panel = {"setting": dict(s), "t_min": t_min, "algorithms": {}}
        for alg in rs.experiment.algorithms:
            if not rs.has(i, alg):
                continue
            tr = rs.trace(i, alg)
            c = COLOURS.get(alg, "#333333")
            curve(axes[i, 0], tr, c, np.random.default_rng(0))
            loglog(axes[i, 1], tr, c, t_min, np.random.default_rng(1))
            panel["algorithms"][alg] = {"checkpoints": tr.checkpoints, "mean": tr.mean(), "n_seeds": tr.n_seeds}
        nora = rs.trace(i, "nora")
        bound = nora_regret(d, H, A)
        plotting.plot_bound(axes[i, 1], bound, nora.checkpoints, anchor=float(nora.mean()[-1]))
        panel["bound"] = {"name": bound.name, "rate": bound.rate(nora.checkpoints)}
        axes[i, 0].set_title(title(s), fontsize=9)
        axes[i, 1].set_title(f"log-log, slopes for K >= {t_min}", fontsize=9)
        for ax in axes[i]:
            ax.legend(fontsize=6, loc="upper left")
        data["panels"].append(panel)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
