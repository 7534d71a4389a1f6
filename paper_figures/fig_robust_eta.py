"""DR-RPO step-size sensitivity (robust/eta): regularised robust regret vs K for constant
steps 0.1/1/10, the OPPO and anytime steps and soft-DR-LSVI-UCB (linear and log-log with
fitted slopes)."""
from __future__ import annotations

from ._common import new_figure, save
from ._robust import regret_row

EXPERIMENTS = ("robust/eta",)
NAME = "robust_eta"


def main(results: dict, out_dir) -> list:
    """Plot the step-size sweep; returns the PNG, PDF and JSON paths.

    References
    ----------
    Spec §4.4 T6.
    """
    rs = results[EXPERIMENTS[0]]
    s = rs.settings[0]
    fig, axes = new_figure(2, 1, width=5.2, height=3.8)
    rows = regret_row(axes[0, 0], axes[0, 1], rs, 0, max(int(s["K"]) // 10, 1))
    for ax in axes[0]:
        ax.set_title(f"I1, rho={s['rho']}, beta={s['beta']}", fontsize=9)
        ax.legend(fontsize=6)
    fig.tight_layout()
    return save(fig, out_dir, NAME, {"experiment": rs.experiment.id, "setting": dict(s), "algorithms": rows})
