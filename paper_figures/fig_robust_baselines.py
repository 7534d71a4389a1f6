"""All baselines on the robust-regret tracker, xi_norm = 0.2 (robust/baselines): one row per
radius (below and above rho* = 0.376), linear with bands and log-log with fitted slopes."""
from __future__ import annotations

from theorylab.problems.robust import switching_radius

from ._common import new_figure, save
from ._robust import regret_row

EXPERIMENTS = ("robust/baselines",)
NAME = "robust_baselines"


def main(results: dict, out_dir) -> list:
    """Plot every setting of robust/baselines; returns the PNG, PDF and JSON paths.

    References
    ----------
    Spec §4.4 T7.
    """
    rs = results[EXPERIMENTS[0]]
    fig, axes = new_figure(2, len(rs.settings), width=5.2, height=3.6)
    data = {"experiment": rs.experiment.id, "rows": []}
    for i, s in enumerate(rs.settings):
        rho_star = switching_radius(s["xi_norm"])
        rows = regret_row(axes[i, 0], axes[i, 1], rs, i, max(int(s["K"]) // 10, 1))
        for ax in axes[i]:
            ax.set_title(f"xi_norm={s['xi_norm']}, rho={s['rho']} ({'>' if s['rho'] > rho_star else '<'} "
                         f"rho*={rho_star:.3f})", fontsize=9)
            ax.legend(fontsize=6)
        data["rows"].append({"setting": dict(s), "rho_star": rho_star, "algorithms": rows})
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
