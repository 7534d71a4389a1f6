"""Simulator-free linear MDP (EXPERIMENTAL): regret vs K with K^{8/9} and K^{14/15} guides."""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullFormatter

from experiments.adversarial._common import group_indices, k_trace
from paper_figures._adversarial import COLORS, plot_mean_band
from paper_figures._common import new_figure, save

EXPERIMENTS = ("adversarial/simulator_free",)
_EXTRA = {"LB-PO-LinMDP": "#e377c2", "LUO21-SF": "#bcbd22"}


def _regret_panel(ax, res, group, data):
    for alg in res.experiment.algorithms:
        tr = k_trace(res, group, alg)
        plot_mean_band(ax, tr.checkpoints, tr.pseudo.clip(min=1e-9), alg, COLORS.get(alg, _EXTRA.get(alg)))
        data[group][alg] = {"K": tr.checkpoints, "mean": tr.mean(), "n_seeds": tr.n_seeds}
    K = data[group][res.experiment.algorithms[0]]["K"].astype(float)
    y0 = data[group]["LB-PO-LinMDP"]["mean"][0]
    for p, style in ((8 / 9, ":"), (14 / 15, "--")):
        ax.plot(K, y0 * (K / K[0]) ** p, style, color="k", lw=0.8, label=f"K^{p:.3f} guide")
    s0 = res.settings[group_indices(res, group)[0]]
    ax.set(xlabel="K", ylabel="pseudo-regret",
           title=f"'{group}' schedule; I-LIN H={s0['H']} S={s0['S']} A={s0['A']} d={s0['d']}, {s0['adversary']}")
    ax.title.set_fontsize(8)
    ax.legend(fontsize=6)
    return K


def main(results: dict, out_dir) -> list:
    """One panel per schedule group: mean pseudo-regret vs K (log-log, fitted slopes) with rate
    guides anchored at the smallest K; last panel: delta_e and W / K of each group's schedule.

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), abstract (K^{8/9} vs K^{14/15}); spec §3.3.
    """
    res = results["adversarial/simulator_free"]
    groups = list(dict.fromkeys(s["group"] for s in res.settings))
    fig, axes = new_figure(ncols=len(groups) + 1, width=4.8, height=3.6)
    data = {g: {} for g in groups}
    for j, group in enumerate(groups):
        K = _regret_panel(axes[0, j], res, group, data)
        for alg, mark in (("LB-PO-LinMDP", "o"), ("LUO21-SF", "s")):
            idx = group_indices(res, group)
            delta = np.array([res.stacked(i, alg, "delta").mean() for i in idx])
            W = np.array([res.stacked(i, alg, "W").mean() for i in idx])
            axes[0, -1].plot(K, delta, mark + "-", color=_EXTRA[alg], label=f"{group} {alg}: delta_e")
            axes[0, -1].plot(K, W / K, mark + "--", color=_EXTRA[alg], alpha=0.5, label=f"{group} {alg}: W / K")
            data[group][alg].update(delta=delta, W=W)
    axes[0, -1].set(xscale="log", yscale="log", xlabel="K", title="schedule (ours, reconstruction)")
    axes[0, -1].xaxis.set_minor_formatter(NullFormatter())
    axes[0, -1].legend(fontsize=5)
    return save(fig, out_dir, "adversarial_simulator_free", data)
