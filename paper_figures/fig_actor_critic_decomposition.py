"""Regret decomposition of NORA: cumulative OPT (<= 0 under optimism), ACT and BE stacked,
with the exact regret they sum to (spec §4.0), one panel per setting of actor_critic/t_scaling.
"""
from __future__ import annotations

from ._actor_critic import start, title
from ._common import new_figure, save

EXPERIMENTS = ("actor_critic/t_scaling",)
NAME = "actor_critic_decomposition"
ALGORITHMS = ("nora", "douhua")


def main(results: dict, out_dir) -> list:
    """Draw the stacked decomposition figure; returns the PNG, PDF and JSON paths.

    References
    ----------
    Spec §4.0 (reconstruction of the paper's OPT + ACT + BE decomposition).
    """
    rs, data = start(results, EXPERIMENTS, NAME)
    algs = [a for a in ALGORITHMS if a in rs.experiment.algorithms]
    fig, axes = new_figure(ncols=len(algs), nrows=len(rs.settings), width=4.4, height=3.2)
    colours = {"opt": "#56B4E9", "act": "#E69F00", "be": "#009E73"}
    for i, s in enumerate(rs.settings):
        for j, alg in enumerate(algs):
            ax = axes[i, j]
            K = rs.first(i, alg, "checkpoints")
            parts = {k: rs.stacked(i, alg, k).mean(0) for k in ("opt", "act", "be")}
            reg = rs.stacked(i, alg, "pseudo").mean(0)
            ax.stackplot(K, parts["act"], parts["be"], colors=[colours["act"], colours["be"]],
                         labels=["ACT (actor tracking)", "BE (Bellman error)"], alpha=0.8)
            ax.fill_between(K, parts["opt"], 0.0, color=colours["opt"], alpha=0.8, label="OPT (optimism gap)")
            ax.plot(K, reg, color="black", linewidth=1.5, label="regret = OPT + ACT + BE")
            ax.axhline(0.0, color="grey", linewidth=0.6)
            ax.set_xscale("log")
            ax.set_xlabel("episodes K")
            ax.set_ylabel("cumulative")
            ax.set_title(f"{alg}: {title(s)}", fontsize=8)
            ax.legend(fontsize=6, loc="upper left")
            data["panels"].append({"setting": dict(s), "algorithm": alg, "checkpoints": K, "regret": reg, **parts})
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
