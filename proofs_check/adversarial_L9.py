"""adversarial/L9: the performance-difference lemma on random layered MDPs (losses).

V^pi(s_1) - V^{pi*}(s_1) = sum_h E_{s ~ q*_h} <pi(.|s) - pi*(.|s), Q^pi(s, .)>.
"""
from __future__ import annotations

import numpy as np

from theorylab.kernels.adversarial_linear_cov import occupancy_numpy
from theorylab.planning import policy_evaluation
from theorylab.problems.adversarial import AdversarialMDP, make_losses, tabular_instance

from ._report import LemmaReport

NAME = "adversarial/L9"


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Run the L9 identity check.

    References
    ----------
    Kakade & Langford (2002), "Approximately optimal approximate RL", ICML, Lemma 6.1;
    spec §2 and §6 L9.
    """
    n = 200 if size == "quick" else 5000
    worst = 0.0
    for _ in range(n):
        H, S, A = (int(v) for v in rng.integers(2, 6, size=3))
        P, phi = tabular_instance(rng, H, S, A)
        prob = AdversarialMDP(P, phi, make_losses(rng, phi, 1, "iid"))
        mdp, ell = prob.tabular(), prob.losses(0, 1)[0]
        pi, pis = rng.dirichlet(np.ones(A), size=(H, S)), rng.dirichlet(np.ones(A) * 0.3, size=(H, S))
        ev, evs = policy_evaluation(mdp, pi, ell), policy_evaluation(mdp, pis, ell)
        ds = occupancy_numpy(P, pis).sum(-1)
        rhs = np.sum(ds[..., None] * (pi - pis) * ev.Q)
        worst = max(worst, abs(ev.value - evs.value - rhs))
    return LemmaReport(NAME, "V^pi - V^pi* = sum_h E_{q*_h} <pi - pi*, Q^pi> (abs error <= 1e-12)",
                       "Kakade & Langford 2002; spec §6 L9", "identity", n, float(1e-12 - worst),
                       bool(worst <= 1e-12), f"max abs error {worst:.2e}")
