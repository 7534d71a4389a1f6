"""Primal-dual sensitivity (E6): DP violation and reward of PD per dual step vs OFS, and lambda_t."""
from __future__ import annotations

import numpy as np

from ._common import new_figure, save
from ._fairness import band, colour

EXPERIMENTS = ("fairness/pd_sensitivity",)
NAME = "fairness_pd"


def main(results, out_dir):
    """Write the PD-sensitivity figure (PNG, PDF, JSON).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.5, §4.4 (E6), pitfall 11.
    """
    res = results[EXPERIMENTS[0]]
    eta = np.array([s["configs"]["pd"]["eta0"] for s in res.settings])
    fig, ax = new_figure(3, 1, width=4.2, height=3.4)
    data = {"eta0": eta}
    for key, j in (("viol_dp", 0), ("avg_reward", 1)):
        for a in ("pd", "ofs"):
            v = np.array([res.stacked(i, a, key)[..., -1] if key == "viol_dp" else res.stacked(i, a, key)
                          for i in range(len(eta))])
            ax[0][j].errorbar(eta, v.mean(1), yerr=v.std(1, ddof=1) / np.sqrt(v.shape[1]), marker="o",
                              color=colour(a), label=a)
            data[f"{key}_{a}"] = v.mean(1)
        ax[0][j].set_xscale("log")
        ax[0][j].set_xlabel("η0 (η = η0 / sqrt(T))")
        ax[0][j].set_ylabel("Σ [g_DP]+ at T" if key == "viol_dp" else "average reward")
        ax[0][j].legend(fontsize=7)
    for i, e in enumerate(eta):
        t = res.first(i, "pd", "traj_t")
        band(ax[0][2], t, res.stacked(i, "pd", "traj_lambda"), f"pd η0={e:g}")
    ax[0][2].set_xlabel("round t")
    ax[0][2].set_ylabel("dual variable λ_DP")
    ax[0][2].legend(fontsize=7)
    fig.suptitle("primal-dual baseline vs its dual step (reconstruction; spec §3.5)", fontsize=10)
    return save(fig, out_dir, NAME, data)
