"""L4: the d-rectangular robust backup decomposes per factor (cvxpy joint LP)."""
from __future__ import annotations

import numpy as np

from theorylab.planning.robust import robust_optimal, robust_q_lp
from theorylab.problems.robust import random_drmdp

from .robust_common import cases, report

NAME = "robust/L4"


def check(rng: np.random.Generator, size: str = "quick"):
    """min over (mu_1..mu_d) jointly of <phi, theta + [E_{mu_i} V]_i> = sum_i phi_i sigma(mu0_i, V).

    References
    ----------
    Ma et al. (2022); Liu & Xu (2024), d-rectangular decomposition; spec §6 L4.
    """
    slack = []
    for _ in range(cases(size, 8, 60)):
        m = random_drmdp(rng, int(rng.integers(3, 16)), 2, int(rng.integers(2, 7)), 2, float(rng.uniform(0, 1)))
        o = robust_optimal(m)
        s, a = int(rng.integers(m.S)), int(rng.integers(m.A))
        slack.append(-abs(robust_q_lp(m, 0, o.V[1], s, a) - o.Q[0, s, a]))
    return report(NAME, "joint LP over the d-rectangular set = sum_i phi_i sigma_i",
                  "Ma et al. 2022; spec §6 L4", "identity", slack)
