"""Simulator-free linear MDP (EXPERIMENTAL): regret vs K with K^{8/9} and K^{14/15} guides."""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullFormatter

from experiments.adversarial._common import k_trace
from paper_figures._adversarial import COLORS, plot_mean_band
from paper_figures._common import new_figure, save

EXPERIMENTS = ("adversarial/simulator_free",)
_EXTRA = {"LB-PO-LinMDP": "#e377c2", "LUO21-SF": "#bcbd22"}


def main(results: dict, out_dir) -> list:
    """Left: mean pseudo-regret vs K (log-log, fitted slopes) with rate guides anchored at the
    smallest K; right: mean per-episode exploration probability delta_e and epoch length W.

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), abstract (K^{8/9} vs K^{14/15}); spec §3.3.
    """
    res = results["adversarial/simulator_free"]
    fig, axes = new_figure(ncols=2, width=4.8, height=3.6)
    data = {}
    group = res.settings[0]["group"]
    for alg in res.experiment.algorithms:
        tr = k_trace(res, group, alg)
        plot_mean_band(axes[0, 0], tr.checkpoints, tr.pseudo.clip(min=1e-9), alg,
                       COLORS.get(alg, _EXTRA.get(alg)))
        data[alg] = {"K": tr.checkpoints, "mean": tr.mean(), "n_seeds": tr.n_seeds}
    K = data[res.experiment.algorithms[0]]["K"].astype(float)
    y0 = data["LB-PO-LinMDP"]["mean"][0]
    for p, style in ((8 / 9, ":"), (14 / 15, "--")):
        axes[0, 0].plot(K, y0 * (K / K[0]) ** p, style, color="k", lw=0.8, label=f"K^{p:.3f} guide")
    s0 = res.settings[0]
    axes[0, 0].set(xlabel="K", ylabel="pseudo-regret",
                   title=f"I-LIN H={s0['H']} S={s0['S']} A={s0['A']} d={s0['d']}, adversary {s0['adversary']}")
    axes[0, 0].legend(fontsize=6)
    for alg in ("LB-PO-LinMDP", "LUO21-SF"):
        idx = [i for i, s in enumerate(res.settings) if s["group"] == group]
        delta = np.array([res.stacked(i, alg, "delta").mean() for i in idx])
        W = np.array([res.stacked(i, alg, "W").mean() for i in idx])
        axes[0, 1].plot(K, delta, "o-", color=_EXTRA[alg], label=f"{alg}: delta_e")
        axes[0, 1].plot(K, W / K, "s--", color=_EXTRA[alg], label=f"{alg}: W / K")
        data[alg].update(delta=delta, W=W)
    axes[0, 1].set(xscale="log", yscale="log", xlabel="K", title="schedule (ours, reconstruction)")
    axes[0, 1].xaxis.set_minor_formatter(NullFormatter())
    axes[0, 1].legend(fontsize=6)
    return save(fig, out_dir, "adversarial_simulator_free", data)
