"""L8: the KL-regularised mirror-descent step has the closed form used by DR-RPO (cvxpy)."""
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


NAME = "robust/L8"


def closed_form(q, pi_k, ref, beta, eta):
    """softmax([log pi_k + eta beta log pi_ref + eta q] / (1 + eta beta)).

    References
    ----------
    Lan (2022), "Policy mirror descent for RL"; Cen et al. (2022); spec §3 and §6 L8.
    """
    z = (np.log(pi_k) + eta * beta * np.log(ref) + eta * q) / (1 + eta * beta)
    e = np.exp(z - z.max())
    return e / e.sum()


def check(rng: np.random.Generator, size: str = "quick"):
    """argmax_p eta(p.q - beta KL(p || pi_ref)) - KL(p || pi_k) equals :func:`closed_form`.

    References
    ----------
    Lan (2022); Cen et al. (2022); spec §6 L8.
    """
    import cvxpy as cp

    slack = []
    for _ in range(cases(size, 15, 200)):
        A = int(rng.integers(2, 11))
        q, ref, pi_k = rng.uniform(0, 3, A), rng.dirichlet(np.ones(A)), rng.dirichlet(np.ones(A))
        beta, eta = float(rng.uniform(0.01, 2)), float(rng.uniform(0.05, 5))
        p = cp.Variable(A, nonneg=True)
        obj = eta * (q @ p - beta * cp.sum(cp.rel_entr(p, ref))) - cp.sum(cp.rel_entr(p, pi_k))
        _solve(cp.Problem(cp.Maximize(obj), [cp.sum(p) == 1]))
        slack.append(-np.abs(p.value - closed_form(q, pi_k, ref, beta, eta)).max())
    return report(NAME, "regularised mirror-descent step in closed form", "Lan 2022; Cen et al. 2022; spec §6 L8",
                  "identity", slack, tol=1e-6, detail="tolerance 1e-6 (cvxpy/Clarabel at gap 1e-12)")
