"""L9: the regularisation bias is at most beta H log|A|."""
from __future__ import annotations

import numpy as np

from theorylab.planning.robust import robust_evaluate, robust_optimal
from theorylab.problems.robust import random_tabular_robust

from .robust_common import cases, report

NAME = "robust/L9"


def check(rng: np.random.Generator, size: str = "quick"):
    """0 <= V*_{rho,0} - V^{pi*_beta}_{rho,0} <= beta H log|A|, and for any pi
    V^pi_{rho,beta} <= V^pi_{rho,0} <= V^pi_{rho,beta} + beta H log|A| (uniform pi_ref).

    References
    ----------
    Geist et al. (2019) (regularisation bias); spec §2.4 and §6 L9 (reconstruction).
    """
    slack = []
    for _ in range(cases(size, 20, 200)):
        m = random_tabular_robust(rng, 10, 4, 5, float(rng.uniform(0, 1)))
        beta = float(10 ** rng.uniform(-3, 0))
        cap = beta * m.H * np.log(m.A)
        v0 = robust_optimal(m).value
        bias = v0 - robust_evaluate(m, robust_optimal(m, beta).pi).value
        pi = rng.dirichlet(np.ones(m.A), size=(m.H, m.S))
        vb, v = robust_evaluate(m, pi, beta).value, robust_evaluate(m, pi).value
        slack += [bias, cap - bias, v - vb, vb + cap - v]
    return report(NAME, "0 <= V*_0 - V^{pi*_beta}_0 <= beta H log|A|; V_beta <= V_0 <= V_beta + beta H log|A|",
                  "Geist et al. 2019; spec §6 L9 (reconstruction)", "inequality", slack, tol=1e-10)
