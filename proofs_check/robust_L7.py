"""L7: the KL-regularised maximiser is the Gibbs policy, with log-sum-exp value (cvxpy)."""
from __future__ import annotations

import warnings

import numpy as np

from .robust_common import cases, report

# Clarabel's default gaps (1e-8) leave ~1e-5 errors on exponential cones; at 1e-12 it may
# flag "inaccurate" (it cannot certify the gap) while the solution is accurate to ~1e-8.
_TIGHT = {"tol_gap_abs": 1e-12, "tol_gap_rel": 1e-12, "tol_feas": 1e-12, "tol_ktratio": 1e-10}


def _solve(prob) -> None:
    import cvxpy as cp

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Solution may be inaccurate")
        prob.solve(solver=cp.CLARABEL, **_TIGHT)


NAME = "robust/L7"


def check(rng: np.random.Generator, size: str = "quick"):
    """max_p p.q - beta KL(p || pi_ref) = beta log sum pi_ref e^{q/beta}, argmax ~ pi_ref e^{q/beta}.

    References
    ----------
    Donsker-Varadhan variational formula; Geist et al. (2019); spec §6 L7.
    """
    import cvxpy as cp

    slack = []
    for _ in range(cases(size, 15, 200)):
        A = int(rng.integers(2, 11))
        q, ref, beta = rng.uniform(0, 3, A), rng.dirichlet(np.ones(A)), float(rng.uniform(0.01, 2))
        p = cp.Variable(A, nonneg=True)
        prob = cp.Problem(cp.Maximize(q @ p - beta * cp.sum(cp.rel_entr(p, ref))), [cp.sum(p) == 1])
        _solve(prob)
        top = q.max()
        value = top + beta * np.log(ref @ np.exp((q - top) / beta))
        gibbs = ref * np.exp((q - top) / beta)
        gibbs /= gibbs.sum()
        slack.append(-max(abs(prob.value - value), np.abs(p.value - gibbs).max()))
    return report(NAME, "argmax = Gibbs(pi_ref, q/beta), value = beta log E_ref e^{q/beta}",
                  "Donsker-Varadhan; spec §6 L7", "identity", slack,
                  detail="tolerance 1e-6 on the value and the argmax (cvxpy/Clarabel at gap 1e-12)")
