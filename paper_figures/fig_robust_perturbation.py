"""Test return vs perturbation q (robust/simulated_linear_perturbation).

One panel per learner radius (rho below and above rho*): mean exact test return of each
learner's output policy with a 95% bootstrap band over seeds; the dotted line marks rho*.
"""
from __future__ import annotations

from theorylab.problems.robust import switching_radius

from ._common import new_figure, save
from ._robust import plot_band

EXPERIMENTS = ("robust/simulated_linear_perturbation",)
NAME = "robust_perturbation"


def main(results: dict, out_dir) -> list:
    """Plot test return against q for each setting; returns the PNG, PDF and JSON paths.

    References
    ----------
    Liu & Xu (2024), AISTATS, §6 (the perturbation protocol); spec §5.1 and §7.18 (b).
    """
    rs = results[EXPERIMENTS[0]]
    fig, axes = new_figure(len(rs.settings), 1, width=4.6, height=3.4)
    data = {"experiment": rs.experiment.id, "panels": []}
    for i, s in enumerate(rs.settings):
        ax = axes[0, i]
        q = rs.first(i, rs.experiment.algorithms[0], "q_grid")
        panel = {"setting": dict(s), "rho_star": switching_radius(s["xi_norm"]), "q": q, "algorithms": {}}
        for alg in rs.experiment.algorithms:
            if rs.has(i, alg):
                _, (mean, lo, hi) = plot_band(ax, q, rs.stacked(i, alg, "test_returns"), alg)
                panel["algorithms"][alg] = {"mean": mean, "lo": lo, "hi": hi}
        ax.axvline(panel["rho_star"], linestyle=":", color="0.4", label="rho*")
        ax.set_xlabel("perturbation q")
        ax.set_ylabel("exact test return")
        ax.set_title(f"learner rho = {s['rho']} (xi_norm = {s['xi_norm']})", fontsize=9)
        ax.legend(fontsize=7)
        data["panels"].append(panel)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
