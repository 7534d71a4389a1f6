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


def _objective(p, q, ref, beta):
    mask = p > 0
    return float(p @ q - beta * np.sum(p[mask] * np.log(p[mask] / ref[mask])))


def check(rng: np.random.Generator, size: str = "quick"):
    """max_p p.q - beta KL(p || pi_ref) = beta log sum pi_ref e^{q/beta}, argmax ~ pi_ref e^{q/beta}.

    Checked in three parts per random case: (i) the Gibbs policy attains the log-sum-exp value
    (to 1e-10); (ii) the exact gap identity value - f(p) = beta KL(p || Gibbs) for random p
    (to 1e-10), which proves Gibbs is the unique maximiser; (iii) an independent cvxpy/Clarabel
    solve cannot exceed the value by more than its gap tolerance (one-sided, 1e-7: a conic
    solver's argmax is only accurate to ~1e-6 at small beta, so it is not compared pointwise).

    References
    ----------
    Donsker-Varadhan variational formula; Geist et al. (2019); spec §6 L7.
    """
    import cvxpy as cp

    slack = []
    for _ in range(cases(size, 15, 200)):
        A = int(rng.integers(2, 11))
        q, ref, beta = rng.uniform(0, 3, A), rng.dirichlet(np.ones(A)), float(rng.uniform(0.01, 2))
        top = q.max()
        value = top + beta * np.log(ref @ np.exp((q - top) / beta))
        gibbs = ref * np.exp((q - top) / beta)
        gibbs /= gibbs.sum()
        # margins (>= 0 means the part holds): identities to 1e-10, solver one-sided to 1e-7
        margin = 1e-10 - abs(_objective(gibbs, q, ref, beta) - value)
        for p in rng.dirichlet(np.ones(A), size=5):
            kl = float(np.sum(p * np.log(p / gibbs)))
            margin = min(margin, 1e-10 - abs(value - _objective(p, q, ref, beta) - beta * kl))
        x = cp.Variable(A, nonneg=True)
        prob = cp.Problem(cp.Maximize(q @ x - beta * cp.sum(cp.rel_entr(x, ref))), [cp.sum(x) == 1])
        _solve(prob)
        slack.append(min(margin, value + 1e-7 - prob.value))
    return report(NAME, "argmax = Gibbs(pi_ref, q/beta), value = beta log E_ref e^{q/beta}",
                  "Donsker-Varadhan; spec §6 L7", "identity", slack, tol=0.0,
                  detail="Gibbs value and gap identity value - f(p) = beta KL(p||Gibbs) to 1e-10; "
                         "cvxpy/Clarabel value <= closed form + 1e-7")
