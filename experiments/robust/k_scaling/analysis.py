"""Checks of robust/k_scaling: sublinear robust regret for the robust learners, and linear
robust regret for the non-robust ones exactly when rho > rho* (pure functions)."""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.robust.bounds import dr_lsvi_ucb_regret, dr_rpo_regret, nonrobust_linear_reference
from theorylab.problems.robust import switching_radius
from theorylab.regret import check_rate

ROBUST = {"dr_rpo": True, "dr_rpo_anytime": False, "dr_lsvi_ucb": True}
NONROBUST = ("lsvi_ucb", "oppo")


def analyse(results) -> list:
    """Rate checks per setting (fit over K >= K_max / 10).

    * DR-RPO (constant eta) and DR-LSVI-UCB: slope at most the reconstructed bound's slope
      (proven).  DR-RPO with the anytime theory step is reported, not gated (proven=False):
      at quick K it is still pre-asymptotic.
    * Non-robust learners at beta = 0: slope steeper than sqrt(K) when rho > rho*, at most it
      when rho < rho* (spec predictions, proven=False).

    References
    ----------
    Spec §4.4 T1 and T7.
    """
    rng = np.random.default_rng(20251016)
    eid = results.experiment.id
    checks = []
    for i, s in enumerate(results.settings):
        t_min = max(int(s["K"]) // 10, 1)
        for alg, proven in ROBUST.items():
            if not results.has(i, alg):
                continue
            bound = dr_lsvi_ucb_regret(4, 3) if alg == "dr_lsvi_ucb" else dr_rpo_regret(4, 3, 16)
            if alg == "dr_lsvi_ucb" and s["beta"] > 0:
                proven = False  # a greedy learner pays beta KL(greedy || pi_ref) each episode
            checks.append(check_rate(results.trace(i, alg), bound, rng=rng, t_min=t_min, experiment=eid, n_boot=1000,
                                     proven=proven))
        if s["beta"] > 0:
            continue
        expect = "faster" if s["rho"] > switching_radius(s["xi_norm"]) else "at_most"
        for alg in NONROBUST:
            if results.has(i, alg):
                checks.append(check_rate(results.trace(i, alg), nonrobust_linear_reference(), rng=rng,
                                         t_min=t_min, expect=expect, experiment=eid, proven=False,
                                         n_boot=1000))
    return checks
