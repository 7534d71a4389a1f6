"""Robust regret vs K on the simulated linear MDP, rho on both sides of rho* (robust/k_scaling).

One row per setting.  Left: mean regularised robust regret with 95% bootstrap bands.
Right: log-log mean regret with the slope fitted over K >= K_max/10 (legend, bootstrap CI)
and the reconstructed DR-RPO rate curve (∝, rate-only).
"""
from __future__ import annotations

from theorylab import plotting
from theorylab.algorithms.robust.bounds import dr_rpo_regret
from theorylab.problems.robust import switching_radius

from ._common import new_figure, save
from ._robust import regret_row

EXPERIMENTS = ("robust/k_scaling",)
NAME = "robust_regret"


def main(results: dict, out_dir) -> list:
    """Plot every setting of robust/k_scaling; returns the PNG, PDF and JSON paths.

    References
    ----------
    Spec §4.4 T1/T7 and §7.18 (a).
    """
    rs = results[EXPERIMENTS[0]]
    n = len(rs.settings)
    fig, axes = new_figure(2, n, width=5.2, height=3.6)
    data = {"experiment": rs.experiment.id, "rows": []}
    for i, s in enumerate(rs.settings):
        t_min = max(int(s["K"]) // 10, 1)
        row = {"setting": dict(s), "rho_star": switching_radius(s["xi_norm"]),
               "algorithms": regret_row(axes[i, 0], axes[i, 1], rs, i, t_min)}
        K = rs.first(i, rs.experiment.algorithms[0], "checkpoints")
        anchor = float(rs.trace(i, "dr_rpo").mean()[-1]) if rs.has(i, "dr_rpo") else 1.0
        plotting.plot_bound(axes[i, 1], dr_rpo_regret(4, 3, 16), K, anchor=max(anchor, 1e-9))
        side = ">" if s["rho"] > row["rho_star"] else "<"
        title = f"rho={s['rho']} {side} rho*={row['rho_star']:.3f}, beta={s['beta']}"
        for ax in axes[i]:
            ax.set_title(title, fontsize=9)
            ax.legend(fontsize=6)
        data["rows"].append(row)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
