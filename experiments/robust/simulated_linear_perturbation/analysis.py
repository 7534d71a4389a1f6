"""Checks of robust/simulated_linear_perturbation (pure functions).

At the largest q (1.0 > rho*), with learner radius rho = 0.6 > rho*, each robust learner's
test return must exceed each non-robust learner's (paired bootstrap CI of the difference
above 0).  With rho = 0.3 < rho* the spec predicts no advantage; that setting is plotted
(``fig_robust_perturbation``) but emits no check.
"""
from __future__ import annotations

import numpy as np

from theorylab.problems.robust import switching_radius

from .._checks import paired_advantage

ROBUST, NONROBUST = ("dr_rpo", "dr_lsvi_ucb"), ("lsvi_ucb", "oppo")


def analyse(results) -> list:
    """Paired comparisons of test return at q = max(q_grid), per setting.

    References
    ----------
    Spec §5.1 (expected qualitative result, reconstruction); Liu & Xu (2024), §6.
    """
    rng = np.random.default_rng(5)
    checks = []
    for i, s in enumerate(results.settings):
        q = np.asarray(s["q_grid"], float)
        j = int(np.argmax(q))
        if s["rho"] <= switching_radius(s["xi_norm"]):
            continue
        label = f"rho={s['rho']},q={q[j]}"
        for good in ROBUST:
            for bad in NONROBUST:
                a = results.stacked(i, good, "test_returns")[:, j]
                b = results.stacked(i, bad, "test_returns")[:, j]
                checks.append(paired_advantage(results.experiment.id, label, good, bad, a, b, rng=rng,
                                               proven=False, claim="robust > non-robust at q > rho*"))
    return checks
