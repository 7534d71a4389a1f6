"""Checks of robust/american_put (pure functions).

No theorem applies (misspecified linear model).  Reported, not gated: at the largest test
p (prices drift up, holding loses value) each robust learner's exact test return against
LSVI-UCB's (paired bootstrap CI of the difference).  A robust learner hedges against
up-moves by exercising earlier, so it should gain at high p and lose at low p.
"""
from __future__ import annotations

import numpy as np

from .._checks import paired_advantage


def analyse(results) -> list:
    """Paired comparisons at p = max(p_grid) per setting (proven=False).

    References
    ----------
    Spec §5.2 (reconstruction of the prior papers' protocol).
    """
    rng = np.random.default_rng(52)
    checks = []
    for i, s in enumerate(results.settings):
        grid = np.asarray(s["p_grid"], float)
        j = int(np.flatnonzero(grid < 1.0)[-1])  # at p = 1 exercising is never worth anything
        for good in ("dr_rpo", "dr_lsvi_ucb"):
            a = results.stacked(i, good, "test_returns")[:, j]
            b = results.stacked(i, "lsvi_ucb", "test_returns")[:, j]
            checks.append(paired_advantage(results.experiment.id, f"rho={s['rho']},p={grid[j]}", good, "lsvi_ucb",
                                           a, b, rng=rng, proven=False, claim="robust hedge at high p"))
    return checks
