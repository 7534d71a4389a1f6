"""Closed-loop fair thresholds: OFS vs UCB, primal-dual UCB and the oracle (spec §5.2, figures 1-5).

One figure per (experiment, setting), five panels: cumulative realised reward with the
oracle's steady-state rate r* t; cumulative expected DP violation (symlog); median threshold
per block with theta*; OFS's state trajectory (pi, q0, q1); OFS's expected DP residual per
block against 0 (the eps band).  Plus the final comparison table (CSV + Markdown):
average reward, steady-state reward, gap to oracle, violations (expected and realised: the
oracle's realised violation is the batch-noise floor), feasible-round fraction.
All settings are reconstructions from the abstract (spec §5.2).
"""
from __future__ import annotations

from experiments.fairness._common import comparison_rows

from ._common import new_figure, save
from ._fairness import band, setting_title, write_table

EXPERIMENTS = ("fairness/synthetic_closed_loop", "fairness/german_credit", "fairness/compas")
NAME = "fairness_closed_loop"


def _panels(axes, res, i):
    algos = [a for a in res.experiment.algorithms if res.has(i, a)]
    t = res.first(i, algos[0], "traj_t")
    r_star = float(res.first(i, algos[0], "r_star"))
    th = res.first(i, algos[0], "thresholds")
    k_star = int(res.first(i, algos[0], "k_star"))
    data = {"t": t, "r_star": r_star, "theta_star": float(th[k_star])}
    for a in algos:
        band(axes[0], t, res.stacked(i, a, "traj_cum_reward"), a)
        band(axes[1], t, res.stacked(i, a, "traj_cum_viol_dp"), a, logy=True)
        band(axes[2], t, res.stacked(i, a, "traj_theta"), a)
        data[a] = {k: res.stacked(i, a, k).mean(0) for k in ("traj_cum_reward", "traj_cum_viol_dp", "traj_theta")}
    axes[0].plot(t, r_star * t, "k--", linewidth=1, label="r* t")
    axes[2].axhline(th[k_star], color="k", linestyle="--", linewidth=1, label="θ*")
    for k, ls in (("traj_pi", "-"), ("traj_q0", "--"), ("traj_q1", ":")):
        axes[3].plot(t, res.stacked(i, "ofs", k).mean(0), "k" + ls, linewidth=1.3, label=k[5:])
    band(axes[4], t, res.stacked(i, "ofs", "traj_dp"), "ofs")
    axes[4].axhline(0.0, color="k", linewidth=1, label="g_DP = 0 (|P0-P1| = ε)")
    for ax, (x, y) in zip(axes, (("round t", "cumulative reward"), ("round t", "Σ [g_DP]+ (expected)"),
                                 ("round t", "median θ per block"), ("round t", "OFS state"),
                                 ("round t", "OFS g_DP(θ_t, x_t)"))):
        ax.set_xlabel(x)
        ax.set_ylabel(y)
        ax.legend(fontsize=7)
    return data


def main(results, out_dir):
    """Write one five-panel figure and one comparison table per (experiment, setting).

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §5.2 (figures 1-5); reconstruction from the abstract.
    """
    paths = []
    for eid in EXPERIMENTS:
        if eid not in results:
            continue
        res = results[eid]
        for i, s in enumerate(res.settings):
            fig, ax = new_figure(5, 1, width=4.2, height=3.4)
            data = _panels(ax[0], res, i)
            fig.suptitle(f"{setting_title(s)}, T={s['T']} — reconstruction from the abstract", fontsize=10)
            stem = f"{NAME}_{eid.split('/')[1]}_{i}"
            rows = comparison_rows(res, i)
            data["table"] = rows
            paths += save(fig, out_dir, stem, data)
            paths += write_table(rows, out_dir, stem + "_table", f"{eid} setting {i}: {setting_title(s)}")
    return paths
