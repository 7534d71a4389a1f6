"""Stationary OFS: regret and violation against the O~(sqrt(KT)) bounds (spec §5.2, figure 6).

Left: positive-part pseudo-regret of OFS (log-log, bootstrap band) with the high-probability
bound of spec §4.2 (reconstruction) and UCB's for contrast.  Middle: DP violation with its
bound.  Right: the data-dependent bounds (E2) per seed against the measured curves, and the
infeasible instance's excess violation (E4) when present.
"""
from __future__ import annotations

import numpy as np

from experiments.fairness.stationary_rate.analysis import M_LO
from theorylab import plotting
from theorylab.algorithms.fairness.bounds import ofs_regret_bound, ofs_violation_bound

from ._common import new_figure, save
from ._fairness import band, colour

EXPERIMENTS = ("fairness/stationary_rate", "fairness/data_dependent", "fairness/infeasible")
NAME = "fairness_rates"


def _rates(ax, res, data):
    s = res.settings[0]
    cp = res.first(0, "ofs", "checkpoints").astype(float)
    K = s.get("K", 19)
    for j, (key, bound) in enumerate((("pseudo_pos", ofs_regret_bound(K, 2.0, s.get("N_B", 200))),
                                      ("viol_dp", ofs_violation_bound(K, M_LO)))):
        for a in ("ofs", "ucb"):
            band(ax[j], cp, res.stacked(0, a, key), a)
        ax[j].plot(cp, bound.evaluate(cp), color=plotting.BOUND_COLOUR, linestyle="--", label=bound.name + " (recon.)")
        ax[j].set_xscale("log")
        ax[j].set_yscale("log")
        ax[j].set_xlabel("round T")
        ax[j].set_ylabel("Σ [r* - r]+" if j == 0 else "Σ [g_DP]+")
        ax[j].legend(fontsize=7)
        data[key] = {"T": cp, "ofs": res.stacked(0, "ofs", key).mean(0), "bound": bound.evaluate(cp)}


def _data_dependent(ax, res, data):
    cp = res.first(0, "ofs", "checkpoints").astype(float)
    for key, bkey, ls in (("pseudo_pos", "dd_regret", "-"), ("viol_total", "dd_viol", ":")):
        Y, B = res.stacked(0, "ofs", key), res.stacked(0, "ofs", bkey)
        ax.plot(cp, Y.T, color=colour("ofs"), linestyle=ls, linewidth=0.8)
        ax.plot(cp, B.T, color=plotting.BOUND_COLOUR, linestyle=ls, linewidth=0.8)
        data[key + "_dd"] = {"T": cp, "measured": Y, "bound": B}
    ax.set_xscale("log")
    ax.set_yscale("symlog", linthresh=1.0)
    ax.set_xlabel("round T")
    ax.set_ylabel("measured (colour) vs data-dep. bound (grey)")
    ax.set_title("E2 per seed: regret (solid), violation (dotted)", fontsize=8)


def main(results, out_dir):
    """Write the stationary-rate figure (PNG, PDF, JSON).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §4.2, §4.4 (E1, E2, E4), §5.2 (6).
    """
    fig, ax = new_figure(4, 1, width=4.2, height=3.4)
    data = {}
    if "fairness/stationary_rate" in results:
        _rates(ax[0], results["fairness/stationary_rate"], data)
    if "fairness/data_dependent" in results:
        _data_dependent(ax[0][2], results["fairness/data_dependent"], data)
    if "fairness/infeasible" in results:
        res = results["fairness/infeasible"]
        cp = res.first(0, "ofs", "checkpoints").astype(float)
        for a in res.experiment.algorithms:
            band(ax[0][3], cp, np.maximum(res.stacked(0, a, "excess_viol"), 1e-3), a)
            data["excess_" + a] = res.stacked(0, a, "excess_viol").mean(0)
        ax[0][3].set_xscale("log")
        ax[0][3].set_yscale("log")
        ax[0][3].set_xlabel("round T")
        ax[0][3].set_ylabel("excess violation Σ (v_t - min_k v_k)")
        ax[0][3].set_title("E4 infeasible instance", fontsize=8)
        ax[0][3].legend(fontsize=7)
    fig.suptitle("stationary OFS vs the reconstructed O~(sqrt(KT)) guarantees (spec §4.2)", fontsize=10)
    return save(fig, out_dir, NAME, data)
