"""adversarial/L8: the dilated-bonus identity and its (1 + 1/H)^H bound.

For B_h = b_h + (1 + 1/H) P_h (pi B)_{h+1} and Bbar(s) = sum_a pi(a|s) B(s, a), for any pi*:
  sum_h E_{q*_h} <pi - pi*, B> + V^{pi*}(b) + (1/H) sum_{h>=2} E_{q*_h} Bbar = Bbar(s_1)
and Bbar(s_1) <= (1 + 1/H)^H V^pi(b).
"""
from __future__ import annotations

import numpy as np

from theorylab.kernels.adversarial_linear_cov import occupancy_numpy
from theorylab.problems.adversarial import tabular_instance

from ._report import LemmaReport

NAME = "adversarial/L8"


def _dilate(P, pi, b):
    H = b.shape[0]
    B = np.zeros_like(b)
    for h in range(H - 1, -1, -1):
        B[h] = b[h] + ((1 + 1 / H) * P[h] @ (pi[h + 1] * B[h + 1]).sum(-1) if h + 1 < H else 0.0)
    return B


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Run the L8 check on random layered MDPs, policies and bonuses.

    References
    ----------
    Luo, Wei, Lee (2021), NeurIPS, dilated-bonus lemma; spec §3.0(c) and §6 L8.
    """
    n = 200 if size == "quick" else 5000
    worst_id, worst_ineq = 0.0, np.inf
    for _ in range(n):
        H, S, A = (int(v) for v in rng.integers(2, 6, size=3))
        P, _ = tabular_instance(rng, H, S, A)
        pi, pis = rng.dirichlet(np.ones(A), size=(H, S)), rng.dirichlet(np.ones(A) * 0.3, size=(H, S))
        b = rng.exponential(size=(H, S, A))
        B = _dilate(P, pi, b)
        Bbar = (pi * B).sum(-1)
        qs, q = occupancy_numpy(P, pis), occupancy_numpy(P, pi)
        ds = qs.sum(-1)
        lhs = np.sum(ds[..., None] * (pi - pis) * B) + np.sum(qs * b) + np.sum(ds[1:] * Bbar[1:]) / H
        worst_id = max(worst_id, abs(lhs - Bbar[0, 0]) / max(1.0, Bbar[0, 0]))
        worst_ineq = min(worst_ineq, (1 + 1 / H) ** H * np.sum(q * b) - Bbar[0, 0])
    slack = min(1e-12 - worst_id, worst_ineq)
    return LemmaReport(NAME, "dilated-bonus identity (relative error <= 1e-12) and Bbar(s1) <= (1+1/H)^H V^pi(b)",
                       "Luo, Wei, Lee 2021 (dilated bonuses); spec §3.0(c)", "identity", n, float(slack),
                       bool(slack >= 0), f"max relative identity error {worst_id:.2e}")
