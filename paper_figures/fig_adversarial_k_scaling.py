"""Regret vs K (log-log, fitted slopes) and ratio to the reconstructed bounds T1/T2."""
from __future__ import annotations

from experiments.adversarial._common import group_indices, k_trace
from paper_figures._adversarial import COLORS, plot_mean_band
from paper_figures._common import new_figure, save
from theorylab.algorithms.adversarial_linear import bounds as B

EXPERIMENTS = ("adversarial/k_scaling",)


def _sizes(s):
    if s["instance"] == "lb":
        return 1, s["A"], s["A"]
    return s["H"], s["S"] * s["A"], s["A"]


def main(results: dict, out_dir) -> list:
    """Top row: mean pseudo-regret vs K per group; bottom row: regret / bound for LB-PO, MR-PO.

    References
    ----------
    Spec §4.3 (slope and bound-ratio measurements); Dai, Luo, Wei, Zimmert (2023).
    """
    res = results["adversarial/k_scaling"]
    groups = sorted({s["group"] for s in res.settings})
    fig, axes = new_figure(ncols=len(groups), nrows=2, width=4.6, height=3.4)
    data = {}
    for j, g in enumerate(groups):
        s0 = res.settings[group_indices(res, g)[0]]
        H, d, A = _sizes(s0)
        bounds = {"LB-PO": B.theorem1(H, d, A, s0.get("eta_scale", 1.0)),
                  "MR-PO": B.theorem2(H, d, A, s0.get("eta_scale", 1.0))}
        for alg in res.experiment.algorithms:
            tr = k_trace(res, g, alg)
            plot_mean_band(axes[0, j], tr.checkpoints, tr.pseudo.clip(min=1e-9), alg, COLORS.get(alg))
            data[f"{g}/{alg}"] = {"K": tr.checkpoints, "mean": tr.mean(), "n_seeds": tr.n_seeds}
            if alg in bounds:
                ratio = tr.mean() / bounds[alg].evaluate(tr.checkpoints)
                axes[1, j].plot(tr.checkpoints, ratio, "o-", color=COLORS[alg], label=f"{alg} / {bounds[alg].name}")
                data[f"{g}/{alg}"]["ratio_to_bound"] = ratio
        axes[0, j].set(title=f"{g}: {s0['instance']}, adversary {s0['adversary']}", xlabel="K",
                       ylabel="pseudo-regret")
        axes[0, j].legend(fontsize=6)
        axes[1, j].set(xscale="log", yscale="log", xlabel="K", ylabel="regret / bound (reconstructed)")
        axes[1, j].legend(fontsize=6)
    return save(fig, out_dir, "adversarial_k_scaling", data)
