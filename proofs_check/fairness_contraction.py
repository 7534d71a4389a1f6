"""Lemma (spec §2.3): Phi(., theta) is an L-contraction in the weighted sup-norm.

||Phi(x) - Phi(y)||_w <= L ||x - y||_w with ||z||_w = max(|z_pi|, w_q |z_q0|, w_q |z_q1|),
w_q and L from :func:`theorylab.problems.fairness_dynamics.contraction_weights`, for random
dynamics parameters (kappa, gamma, zeta), thresholds and state pairs.
"""
from __future__ import annotations

import numpy as np

from theorylab.problems.fairness import ClosedLoopDynamics, synthetic_env
from theorylab.problems.fairness_dynamics import closed_loop_map, contraction_weights, weighted_norm

from ._report import LemmaReport

NAME = "fairness/contraction"


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check the contraction inequality on random instances.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.3 (contraction condition).
    """
    n_inst, n_pairs = (30, 200) if size == "quick" else (300, 2000)
    worst, cases = np.inf, 0
    for _ in range(n_inst):
        dyn = ClosedLoopDynamics(kappa=rng.uniform(0.01, 1), gamma=rng.uniform(0, 6), zeta=rng.uniform(0, 0.95),
                                 composition=bool(rng.random() < 0.9), qualification=bool(rng.random() < 0.9))
        env = synthetic_env(dynamics=dyn)
        w, L = contraction_weights(dyn)
        X, Y = rng.random((n_pairs, 3)), rng.random((n_pairs, 3))
        if not dyn.composition:
            Y[:, 0] = X[:, 0]  # pi is frozen: the contraction holds on {pi = const}
        if not dyn.qualification:
            Y[:, 1:] = X[:, 1:]
        k = int(rng.integers(env.K))
        P = lambda Z: Z[:, 1:3] * env.rates[:, 1, k] + (1 - Z[:, 1:3]) * env.rates[:, 0, k]  # noqa: E731
        lhs = weighted_norm(closed_loop_map(env, X, P(X)) - closed_loop_map(env, Y, P(Y)), w)
        rhs = L * weighted_norm(X - Y, w)
        worst = min(worst, float(np.min(rhs - lhs + 1e-12 * rhs + 1e-15)))  # rounding allowance
        cases += n_pairs
    return LemmaReport(NAME, "||Phi(x) - Phi(y)||_w <= L ||x - y||_w, L = max(1 - kappa + kappa gamma/(2 w_q), "
                       "1 - kappa (1 - zeta))", "reconstruction; see spec §2.3", "inequality", cases, worst,
                       worst >= 0, f"{n_inst} random dynamics x {n_pairs} state pairs")
