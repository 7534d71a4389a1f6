"""L1: strong duality of the TV inner problem (cvxpy LP vs the dual over kinks)."""
from __future__ import annotations

import numpy as np

from theorylab.kernels.robust_tv import tv_sigma_dual

from .robust_common import cases, report

NAME = "robust/L1"


def _instance(rng):
    S = int(rng.integers(2, 31))
    mu = rng.dirichlet(np.full(S, 0.5))
    if rng.random() < 0.5:
        mu[rng.random(S) < 0.3] = 0.0
        mu = mu / mu.sum() if mu.sum() > 0 else np.full(S, 1.0 / S)
    return mu, rng.uniform(0, 5, S), float(rng.uniform(0, 1))


def primal_lp(mu, V, rho) -> float:
    """min_nu nu.V s.t. nu in Delta(S), 1/2 ||nu - mu||_1 <= rho, by cvxpy (HiGHS).

    References
    ----------
    Spec §6 L1.
    """
    import cvxpy as cp

    nu = cp.Variable(mu.size, nonneg=True)
    prob = cp.Problem(cp.Minimize(V @ nu), [cp.sum(nu) == 1, 0.5 * cp.norm1(nu - mu) <= rho])
    prob.solve(solver=cp.HIGHS)
    return float(prob.value)


def check(rng: np.random.Generator, size: str = "quick"):
    """|primal LP - max over alpha in {V(s)} of E_mu[min(V, alpha)] - rho (alpha - min V)| <= 1e-6.

    References
    ----------
    Shapiro, Dentcheva, Ruszczynski (2014), §6.3; Liu & Xu (2024); spec §6 L1.
    """
    slack = []
    for _ in range(cases(size, 20, 200)):
        mu, V, rho = _instance(rng)
        slack.append(-abs(primal_lp(mu, V, rho) - tv_sigma_dual(mu, V, rho, np.argsort(V))))
    return report(NAME, "min_{TV(nu,mu)<=rho} E_nu V = max_alpha E_mu[min(V,alpha)] - rho(alpha - min V)",
                  "Liu & Xu 2024 (TV dual); spec §6 L1", "identity", slack)
