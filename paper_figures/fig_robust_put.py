"""American put option (robust/american_put): exact test return vs the up-move probability p
of each learner's output policy, mean with a 95% bootstrap band, one panel per learner radius."""
from __future__ import annotations

from ._common import new_figure, save
from ._robust import plot_band

EXPERIMENTS = ("robust/american_put",)
NAME = "robust_put"


def main(results: dict, out_dir) -> list:
    """Plot test return against p per setting; returns the PNG, PDF and JSON paths.

    References
    ----------
    Tamar, Mannor, Xu (2014); spec §5.2 and §7.18.
    """
    rs = results[EXPERIMENTS[0]]
    fig, axes = new_figure(len(rs.settings), 1, width=4.6, height=3.4)
    data = {"experiment": rs.experiment.id, "panels": []}
    for i, s in enumerate(rs.settings):
        ax = axes[0, i]
        grid = rs.first(i, rs.experiment.algorithms[0], "p_grid")
        panel = {"setting": dict(s), "p": grid, "algorithms": {}}
        for alg in rs.experiment.algorithms:
            _, (mean, lo, hi) = plot_band(ax, grid, rs.stacked(i, alg, "test_returns"), alg)
            panel["algorithms"][alg] = {"mean": mean, "lo": lo, "hi": hi}
        ax.axvline(s["p_train"], linestyle=":", color="0.4", label="training p")
        ax.set_yscale("symlog", linthresh=1e-3)
        ax.set_ylim(bottom=0.0)
        ax.set_xlabel("up-move probability p")
        ax.set_ylabel("exact test return (fraction of strike)")
        ax.set_title(f"learner rho = {s['rho']}, d = {s['d']}", fontsize=9)
        ax.legend(fontsize=7)
        data["panels"].append(panel)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
