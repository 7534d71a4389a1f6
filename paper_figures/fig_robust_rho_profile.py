"""Robust optimal value V*_rho(s_1) against the TV radius rho on batches of random I2
instances (robust/rho_profile): mean over every instance of every seed with a 10-90%
quantile band, five single instances, and the proved lower bound
max(V*_0 - rho H (H - 1) / 2, mu0 @ max_a r_0) averaged over the instances."""
from __future__ import annotations

import numpy as np

from theorylab import plotting

from ._common import new_figure, save

EXPERIMENTS = ("robust/rho_profile",)
NAME = "robust_rho_profile"
N_INSTANCES = 5  # single-instance curves drawn per panel
_ALG = "batched_robust_dp"


def _panel(ax, rs, i: int) -> dict:
    s = rs.settings[i]
    rhos = np.asarray(rs.first(i, _ALG, "rhos"), float)
    V = rs.stacked(i, _ALG, "value").reshape(-1, rhos.size)
    myopic = rs.stacked(i, _ALG, "myopic").ravel()
    H = int(s["H"])
    lower = np.maximum(V[:, :1] - rhos * H * (H - 1) / 2.0, myopic[:, None]).mean(0)
    mean, lo, hi = V.mean(0), np.quantile(V, 0.1, axis=0), np.quantile(V, 0.9, axis=0)
    for b in range(min(N_INSTANCES, V.shape[0])):
        ax.plot(rhos, V[b], color=plotting.colour(f"instance {b}"), linewidth=0.8, alpha=0.7)
    ax.fill_between(rhos, lo, hi, color="0.5", alpha=0.25, linewidth=0, label="10-90% of instances")
    ax.plot(rhos, mean, color="k", marker="o", markersize=3, label=f"mean over {V.shape[0]} instances")
    ax.plot(rhos, lower, color="k", linestyle=":", label="proved lower bound (mean)")
    ax.set_xlabel("TV radius rho")
    ax.set_ylabel("robust optimal value V*_rho(s_1)")
    ax.set_title(f"I2: S={s['S']}, A={s['A']}, d={s['d']}, H={H}", fontsize=9)
    return {"setting": dict(s), "rho": rhos, "mean": mean, "q10": lo, "q90": hi, "lower_bound_mean": lower,
            "instances": V[:N_INSTANCES], "n_profiles": V.shape[0]}


def main(results: dict, out_dir) -> list:
    """One panel per setting; returns the PNG, PDF and JSON paths.

    References
    ----------
    Spec §6 L10 (monotone in rho, nominal at 0, myopic at 1 with a fail state); spec §3.2.
    """
    rs = results[EXPERIMENTS[0]]
    n = len(rs.settings)
    fig, axes = new_figure(n, 1, width=4.2, height=3.3)
    panels = [_panel(axes[0, i], rs, i) for i in range(n)]
    axes[0, 0].legend(fontsize=7)
    fig.tight_layout()
    return save(fig, out_dir, NAME, {"experiment": rs.experiment.id, "panels": panels})
