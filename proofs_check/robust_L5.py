"""L5: robust Q-functions of any policy are linear in the features."""
from __future__ import annotations

import numpy as np

from theorylab.kernels.robust_tv import tv_sigma_sort_numpy
from theorylab.planning.robust import robust_evaluate
from theorylab.problems.robust import random_drmdp

from .robust_common import cases, report

NAME = "robust/L5"


def check(rng: np.random.Generator, size: str = "quick"):
    """Least squares of Q^pi_h on phi has residual <= 1e-10 and weights theta_h + nu^pi_h.

    References
    ----------
    Ma et al. (2022), Prop. (linearity of robust Q in d-rectangular MDPs); spec §6 L5.
    """
    slack = []
    for _ in range(cases(size, 10, 60)):
        m = random_drmdp(rng, 15, 4, int(rng.integers(3, 9)), 4, float(rng.uniform(0, 1)))
        pi = rng.dirichlet(np.ones(m.A), size=(m.H, m.S))
        ev = robust_evaluate(m, pi, float(rng.uniform(0, 0.5)))
        X = m.phi.reshape(-1, m.d)
        for h in range(m.H):
            w = np.linalg.lstsq(X, ev.Q[h].ravel(), rcond=None)[0]
            nu = [tv_sigma_sort_numpy(m.mu[h, i], ev.V[h + 1], m.rho[h, i]) for i in range(m.d)]
            resid = np.abs(X @ w - ev.Q[h].ravel()).max()
            slack.append(1e-10 - max(resid, np.abs(X @ (m.theta[h] + nu) - ev.Q[h].ravel()).max()))
    return report(NAME, "Q^pi_h(s,a) = <phi(s,a), theta_h + nu^pi_h>", "Ma et al. 2022; spec §6 L5",
                  "identity", slack, tol=0.0)
