"""Checks of robust/beta_tradeoff (pure functions).

* DR-RPO (constant eta): regularised robust regret slope at most the reconstructed bound's
  slope, for every beta (proven).
* Every learner and seed: unregularised gap of the output policy <= its regularised gap +
  beta H log|A| (exact consequence of Lemma L9: V*_0 <= V*_beta + beta H log|A| and
  V^pi_beta <= V^pi_0), proven.

The OPPO-step variant (eta tuned to K) is rate-checked but not gated: its regret is linear
in k below the horizon it was tuned for.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.robust.bounds import dr_rpo_regret
from theorylab.regret import check_rate

from .._checks import inequality_check

H, A = 3, 16


def analyse(results) -> list:
    """Rate checks per beta and the L9 inequality per seed.

    References
    ----------
    Spec §4.4 T5 and §6 L9 (reconstruction).
    """
    rng = np.random.default_rng(55)
    eid = results.experiment.id
    checks = []
    for i, s in enumerate(results.settings):
        beta = float(s["beta"])
        for alg in ("dr_rpo", "dr_rpo_oppo"):
            if not results.has(i, alg):
                continue
            checks.append(check_rate(results.trace(i, alg), dr_rpo_regret(4, H, A), rng=rng,
                                     t_min=max(int(s["K"]) // 10, 1), experiment=eid, proven=alg == "dr_rpo",
                                     n_boot=1000))
            lhs = results.stacked(i, alg, "final_unreg_gap")
            rhs = results.stacked(i, alg, "final_reg_gap") + beta * H * np.log(A)
            checks.append(inequality_check(eid, f"beta={beta}", alg, "unregularised gap <= reg. gap + beta H log A",
                                           "spec §6 L9 (reconstruction)", lhs, rhs))
    return checks
