"""adversarial/L6: the trace identity behind the bonus budget.

For a policy pi on a layered linear instance with exact Sigma_h = E_{q_h} sum_a pi phi phi^T:
    E_{s ~ q_h} sum_a pi(a|s) ||phi(s, a)||^2_{Sigma_{h,gamma}^{-1}} = tr(Sigma_{h,gamma}^{-1} Sigma_h) <= d,
so V^pi(b) = 2 beta sum_h tr(Sinv_h Sigma_h) <= 2 beta d H (spec §3.0(c)).
"""
from __future__ import annotations

import numpy as np

from theorylab.kernels.adversarial_linear_cov import cov_exact_numpy, occupancy_numpy
from theorylab.problems.adversarial import linear_instance, tabular_instance

from ._report import LemmaReport

NAME = "adversarial/L6"


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Run the L6 identity and inequality check on I-TAB and I-LIN instances.

    References
    ----------
    Spec §3.0(c) and §6 L6; Luo, Wei, Lee (2021), NeurIPS (bonus accounting).
    """
    n = 100 if size == "quick" else 3000
    worst_id, worst_ineq = 0.0, np.inf
    for j in range(n):
        H, S, A = (int(v) for v in rng.integers(2, 5, size=3))
        P, phi = (tabular_instance(rng, H, S, A) if j % 2 else
                  linear_instance(rng, H, S, A, int(rng.integers(2, min(S * A, 6) + 1))))
        d = phi.shape[-1]
        pi = rng.dirichlet(np.ones(A) * 0.5, size=(H, S))
        q = occupancy_numpy(P, pi)
        gamma = 10 ** rng.uniform(-4, 0)
        Sinv = cov_exact_numpy(phi, q, gamma)
        Sig = np.einsum("hsa,hsai,hsaj->hij", q, phi, phi)
        lhs = np.einsum("hsa,hsai,hij,hsaj->h", q, phi, Sinv, phi)
        tr = np.einsum("hij,hji->h", Sinv, Sig)
        worst_id = max(worst_id, float(np.max(np.abs(lhs - tr) / np.maximum(1.0, tr))))
        worst_ineq = min(worst_ineq, float(np.min(d - tr)))
    slack = min(1e-10 - worst_id, worst_ineq)
    return LemmaReport(NAME, "E_q sum_a pi ||phi||^2_{Sinv} = tr(Sinv Sigma) <= d", "spec §3.0(c), §6 L6",
                       "identity", n, float(slack), bool(slack >= 0), f"max relative identity error {worst_id:.2e}")
