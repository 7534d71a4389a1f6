"""Exploration trap: regret vs K with and without dilated bonuses."""
from __future__ import annotations

from experiments.adversarial._common import k_trace
from paper_figures._adversarial import COLORS, plot_mean_band
from paper_figures._common import new_figure, save

EXPERIMENTS = ("adversarial/trap",)
_EXTRA = {"EXP-NOBONUS": "#ff7f0e"}


def main(results: dict, out_dir) -> list:
    """Mean final pseudo-regret against K (log-log, fitted slopes), one curve per algorithm.

    References
    ----------
    Spec §4.1 I-TRAP; Luo, Wei, Lee (2021), NeurIPS (dilated bonuses).
    """
    res = results["adversarial/trap"]
    group = res.settings[0]["group"]
    fig, axes = new_figure()
    data = {}
    for alg in res.experiment.algorithms:
        tr = k_trace(res, group, alg)
        plot_mean_band(axes[0, 0], tr.checkpoints, tr.pseudo.clip(min=1e-9), alg, COLORS.get(alg, _EXTRA.get(alg)))
        data[alg] = {"K": tr.checkpoints, "mean": tr.mean(), "n_seeds": tr.n_seeds}
    Ks = tr.checkpoints
    axes[0, 0].set_xticks(Ks)
    axes[0, 0].set_xticklabels([f"2^{int(round(k)).bit_length() - 1}" for k in Ks])
    s0 = res.settings[0]
    axes[0, 0].set(xlabel="K", ylabel="pseudo-regret",
                   title=f"I-TRAP H={s0['H']} A={s0['A']}, eta_scale={s0['eta_scale']:g}")
    axes[0, 0].legend(fontsize=6)
    return save(fig, out_dir, "adversarial_trap", data)
