"""L10: the optimal robust value is non-increasing in rho, nominal at rho = 0, and with a
fail state the continuation vanishes at rho = 1."""
from __future__ import annotations

import numpy as np

from theorylab.planning import backward_induction
from theorylab.planning.robust import robust_optimal
from theorylab.problems.robust import random_drmdp

from .robust_common import cases, report

NAME = "robust/L10"


def check(rng: np.random.Generator, size: str = "quick"):
    """V*_rho non-increasing on a rho grid; V*_0 = nominal optimum; Q*_{rho=1} = r.

    References
    ----------
    Liu & Xu (2024) (fail-state assumption); spec §6 L10.
    """
    slack = []
    for _ in range(cases(size, 20, 200)):
        m = random_drmdp(rng, 20, 4, int(rng.integers(3, 9)), int(rng.integers(2, 6)), 0.0)
        vals = np.array([robust_optimal(m, rho=r).value for r in np.linspace(0, 1, 11)])
        slack += list(-np.diff(vals))
        slack.append(-abs(vals[0] - backward_induction(m.nominal()).value))
        slack.append(-np.abs(robust_optimal(m, rho=1.0).Q - m.r).max())
    return report(NAME, "rho -> V*_rho non-increasing; V*_0 nominal; sigma_1 = V(s_f) = 0",
                  "Liu & Xu 2024; spec §6 L10", "inequality", slack, tol=1e-10)
