"""Cumulative critic switches vs K against the deterministic doubling bounds (spec §4.2 B5)."""
from __future__ import annotations

import numpy as np

from experiments.actor_critic.switches.analysis import switch_bound_of

from ._actor_critic import COLOURS, mean_ci, start, title
from ._common import new_figure, save

EXPERIMENTS = ("actor_critic/switches",)
NAME = "actor_critic_switches"


def main(results: dict, out_dir) -> list:
    """Draw switches vs K with the bounds; returns the PNG, PDF and JSON paths.

    References
    ----------
    Wang et al. (2021), NeurIPS (determinant doubling); spec §3.2 and §4.2 B5.
    """
    rs, data = start(results, EXPERIMENTS, NAME)
    fig, axes = new_figure(ncols=len(rs.settings), width=4.4, height=3.4)
    rng = np.random.default_rng(0)
    for i, s in enumerate(rs.settings):
        ax = axes[0, i]
        panel = {"setting": dict(s), "algorithms": {}}
        drawn = set()
        for alg in rs.experiment.algorithms:
            if not rs.has(i, alg):
                continue
            K = rs.first(i, alg, "checkpoints")
            m, lo, hi = mean_ci(rs.stacked(i, alg, "switches"), rng)
            ax.plot(K, m, color=COLOURS.get(alg, "#333333"), label=alg)
            ax.fill_between(K, lo, hi, color=COLOURS.get(alg, "#333333"), alpha=0.25, linewidth=0)
            b = switch_bound_of(s, alg)
            if b.name not in drawn:
                ax.plot(K, b.evaluate(K), "--", color="#333333", linewidth=1.0 + 0.5 * len(drawn), label=b.name)
                drawn.add(b.name)
            panel["algorithms"][alg] = {"checkpoints": K, "mean": m, "lo": lo, "hi": hi, "bound": b.evaluate(K)}
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("episodes K")
        ax.set_ylabel("cumulative switches N_sw(K)")
        ax.set_title(title(s), fontsize=8)
        ax.legend(fontsize=6, loc="upper left")
        data["panels"].append(panel)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
