"""Checks of robust/rho: sublinear regularised robust regret at every radius (pure functions).

DR-RPO is gated (proven, reconstructed rate); soft-DR-LSVI-UCB (the eta -> infinity
ablation) is reported.  Regret(K) against rho is recorded by the figure (spec T4: record
the trend, no blow-up as rho -> 0).
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.robust.bounds import dr_lsvi_ucb_regret, dr_rpo_regret
from theorylab.regret import check_rate


def analyse(results) -> list:
    """Rate check per (rho, algorithm), fitted over K >= K_max / 10.

    References
    ----------
    Spec §4.4 T4.
    """
    rng = np.random.default_rng(4)
    checks = []
    for i, s in enumerate(results.settings):
        for alg in results.experiment.algorithms:
            bound = dr_rpo_regret(4, 3, 16) if alg == "dr_rpo" else dr_lsvi_ucb_regret(4, 3)
            checks.append(check_rate(results.trace(i, alg), bound, rng=rng,
                                     t_min=max(int(s["K"]) // 10, 1), experiment=results.experiment.id,
                                     proven=alg == "dr_rpo", n_boot=1000))
    return checks
