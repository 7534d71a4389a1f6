"""L9 primal-dual vs exact: the limit of the authors' primal-dual flow (all-pairs graph) equals
the exact (P_alpha^N) optimum to 1e-3 relative; its multipliers are >= 0 (up to integrator
overshoot) and vanish on pairs that are clearly inactive at the exact optimum.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz import LipschitzConfig, fit_lipschitz
from theorylab.algorithms.lipschitz.primal_dual import PrimalDualConfig, fit_primal_dual

from ._report import LemmaReport

NAME = "lipschitz/L9"
_SIZES = {"quick": 40, "full": 100}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check L9 on a random smooth target with a binding Lipschitz bound.

    Slack = min of: 1e-3 max|v| - max|v_pd - v_exact|; the negative part of the multipliers
    against 1e-2 max(lam); 1e-6 max(lam) - max(lam on pairs with slack > 1e-3 alpha d_ij).

    References
    ----------
    Spec §6 L9 and §3.3; KKT conditions of a convex QP (Boyd & Vandenberghe 2004, §5.5.3).
    """
    N = _SIZES[size]
    X = rng.uniform(-1, 1, size=(N, 2))
    U = (np.sin(3 * X[:, 0]) + X[:, 1] ** 2)[:, None]
    alpha = 0.8
    exact = fit_lipschitz(X, U, LipschitzConfig(alpha, solver="all_pairs"))
    pd = fit_primal_dual(X, U, PrimalDualConfig(alpha, rtol=1e-6, atol=1e-8))
    lam = pd.lam[:, 0]
    c = alpha * np.linalg.norm(X[pd.I] - X[pd.J], axis=1)
    inactive = c - np.abs(exact.v[pd.I, 0] - exact.v[pd.J, 0]) > 1e-3 * c
    s1 = 1e-3 * np.abs(exact.v).max() - np.abs(pd.policy.v - exact.v).max()
    s2 = lam.min() + 1e-2 * lam.max()
    s3 = 1e-6 * lam.max() - (lam[inactive].max() if inactive.any() else 0.0)
    slack = float(min(s1, s2, s3))
    return LemmaReport(NAME, "primal-dual limit = exact optimum (1e-3 rel); lam >= 0; lam = 0 off the active set",
                       "spec §6 L9 (reconstruction; see spec §3.3)", "inequality", 3, slack,
                       bool(slack >= 0 and lam.max() > 0),
                       f"N={N}, active multipliers={int((lam > 1e-3 * lam.max()).sum())}, "
                       f"max|dv|={np.abs(pd.policy.v - exact.v).max():.2e}")
