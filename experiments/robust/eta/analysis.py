"""Checks of robust/eta (pure functions).

Constant steps eta in {1, 10} are gated (sublinear: slope at most the reconstructed bound's);
eta = 0.1, the K-tuned OPPO step (regret linear in k below the tuning horizon by
construction) and the anytime step are reported, as is soft-DR-LSVI-UCB.  The detail of
the eta = 10 check records its final regret next to soft-DR-LSVI-UCB's (spec T6: very
large eta behaves like the soft value-based learner).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from theorylab.algorithms.robust.bounds import dr_lsvi_ucb_regret, dr_rpo_regret
from theorylab.regret import check_rate

GATED = ("dr_rpo", "dr_rpo_eta10")


def analyse(results) -> list:
    """One rate check per step-size rule, fitted over K >= K_max / 10.

    References
    ----------
    Spec §4.4 T6.
    """
    rng = np.random.default_rng(6)
    s = results.settings[0]
    t_min = max(int(s["K"]) // 10, 1)
    checks = []
    for alg in results.experiment.algorithms:
        bound = dr_lsvi_ucb_regret(4, 3) if alg.startswith("soft") else dr_rpo_regret(4, 3, 16)
        c = check_rate(results.trace(0, alg), bound, rng=rng, t_min=t_min, experiment=results.experiment.id,
                       proven=alg in GATED, n_boot=1000)
        final = float(results.stacked(0, alg, "pseudo")[:, -1].mean())
        checks.append(replace(c, detail=f"{c.detail}; mean Regret(K_max) = {final:.3g}"))
    return checks
