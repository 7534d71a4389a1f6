"""adversarial/L10: instance validity, Q^pi is linear in the features (linear-Q property).

For I-LIN and I-TAB instances, random policies and random loss tables: regress Q^pi_h on
phi_h per layer; the residual is <= 1e-10 and ||theta_h|| <= sqrt(d) H.  Control: a random
layered MDP whose kernel is *not* factorised through the features (Dirichlet P with Dirichlet
features, d < S A) must show a clearly non-zero residual, so the check can fail.
"""
from __future__ import annotations

import numpy as np

from theorylab.planning import policy_evaluation
from theorylab.problems.adversarial import AdversarialMDP, linear_instance, make_losses, tabular_instance

from ._report import LemmaReport

NAME = "adversarial/L10"


def _residual(rng, P, phi) -> tuple:
    H, S, A, d = phi.shape
    prob = AdversarialMDP(P, phi, make_losses(rng, phi, 1, "switch"))  # g0 ~ U[0, 1/m]: non-zero
    pi = rng.dirichlet(np.ones(A), size=(H, S))
    Q = policy_evaluation(prob.tabular(), pi, prob.losses(0, 1)[0]).Q
    res, norm = 0.0, 0.0
    for h in range(H):
        X = phi[h].reshape(-1, d)
        theta, *_ = np.linalg.lstsq(X, Q[h].reshape(-1), rcond=None)
        res = max(res, float(np.max(np.abs(X @ theta - Q[h].reshape(-1)))))
        norm = max(norm, float(np.linalg.norm(theta)) / (np.sqrt(d) * H))
    return res, norm


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Run the L10 linearity check with its non-linear control.

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), "Provably efficient RL with linear function
    approximation", COLT, Prop. 2.3 (linear MDP => linear Q); spec §6 L10.
    """
    n = 50 if size == "quick" else 500
    worst_res, worst_norm, control = 0.0, 0.0, np.inf
    for j in range(n):
        H, S, A = (int(v) for v in rng.integers(2, 5, size=3))
        P, phi = (tabular_instance(rng, H, S, A) if j % 2 else
                  linear_instance(rng, H, S, A, int(rng.integers(2, min(S * A, 6) + 1))))
        r, nm = _residual(rng, P, phi)
        worst_res, worst_norm = max(worst_res, r), max(worst_norm, nm)
        Pn, _ = tabular_instance(rng, H, 4, 3)
        _, phin = linear_instance(rng, H, 4, 3, 3)
        control = min(control, _residual(rng, Pn, phin)[0])
    slack = min(1e-10 - worst_res, 1.0 - worst_norm)
    return LemmaReport(NAME, "Q^pi_h = phi_h theta_h exactly (residual <= 1e-10), ||theta_h|| <= sqrt(d) H",
                       "Jin et al. 2020 Prop. 2.3; spec §6 L10", "identity", n, float(slack),
                       bool(slack >= 0 and control > 1e-6),
                       f"max residual {worst_res:.1e}, max ||theta||/(sqrt(d) H) {worst_norm:.3f}; "
                       f"non-linear control: min residual {control:.2e} (must be > 1e-6)")
