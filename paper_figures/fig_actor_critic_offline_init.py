"""Non-optimistic offline-initialised actor-critic: suboptimality vs N_off on log-log axes,
raw and in excess of the online floor, with fitted slopes (bootstrap CIs) and the N^{-1/2} rate.
"""
from __future__ import annotations

import numpy as np

from experiments.actor_critic.offline_init.analysis import subopt_table
from theorylab.stats import bootstrap_slope

from ._actor_critic import mean_ci, start, title
from ._common import new_figure, save

EXPERIMENTS = ("actor_critic/offline_init",)
NAME = "actor_critic_offline_init"


def main(results: dict, out_dir) -> list:
    """Draw suboptimality vs N_off; returns the PNG, PDF and JSON paths.

    References
    ----------
    Tan, Fan, Wei (2025), ICML (non-optimistic hybrid AC); spec §4.4 D1.
    """
    rs, data = start(results, EXPERIMENTS, NAME)
    fig, axes = new_figure(ncols=len(rs.settings), width=4.6, height=3.6)
    for i, s in enumerate(rs.settings):
        ax = axes[0, i]
        N, sub, floor, c_off = subopt_table(results[EXPERIMENTS[0]], i)
        panel = {"setting": dict(s), "n_off": N, "c_off": c_off, "floor": floor.mean()}
        for name, Y, col in (("raw", sub, "#0072B2"), ("excess over floor", np.maximum(sub - floor[:, None], 1e-12), "#D55E00")):
            m, lo, hi = mean_ci(Y, np.random.default_rng(0))
            sl = bootstrap_slope(N, Y, rng=np.random.default_rng(1), n_boot=1000)
            ax.loglog(N, m, "o-", color=col, label=f"{name}: slope {sl[0]:.2f} [{sl[1]:.2f}, {sl[2]:.2f}]")
            ax.fill_between(N, lo, hi, color=col, alpha=0.2, linewidth=0)
            panel[name] = {"mean": m, "lo": lo, "hi": hi, "slope": sl}
        ref = sub.mean(0)[0] * np.sqrt(N[0] / N)
        ax.loglog(N, ref, "--", color="#333333", label="∝ N_off^(-1/2) (Thm D rate)")
        ax.set_xlabel("offline trajectories N_off")
        ax.set_ylabel("suboptimality Reg(K)/K")
        ax.set_title(f"{title(s)}, c*_off={c_off:.3g}", fontsize=8)
        ax.legend(fontsize=6)
        data["panels"].append(panel)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
