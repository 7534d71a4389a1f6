"""Exact population quantities of the closed-loop fair threshold environments.

Symbols as in :mod:`theorylab.problems.fairness`: groups a in {0, 1}, labels y in {0, 1},
thresholds theta_k (k < K), the table rates[a, y, k] = Pr(S >= theta_k | A = a, Y = y) and
the state x = (pi, q^0, q^1).  At state x and threshold k (weights w = (1 - pi, pi)):

    P_a(k, x)  = q^a TPR_a(k) + (1 - q^a) FPR_a(k)                      acceptance rates
    r(k, x)    = sum_a w_a [g_+ q^a TPR_a(k) - c (1 - q^a) FPR_a(k)]    expected reward
    g(k, x)    = (|P_0 - P_1| - eps, rho_min - sum_a w_a P_a, sum_a w_a P_a - rho_max)

and the closed-loop map x' = Phi(x, k) of spec §2.3.  Phi is a contraction in the weighted
sup-norm ||x||_w = max(|pi|, w_q |q^0|, w_q |q^1|) (:func:`contraction_weights`), so x*(k) is
unique and :func:`fixed_points` finds it by iteration.

References
----------
Du (2025), "Optimistic Feasible Search for Closed-Loop Fair Threshold Decision-Making",
arXiv:2512.22313 (setting, from the abstract); reconstruction; see spec
``ofs_fair_threshold.md`` §2.2-2.5.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.special import expit, logit

if TYPE_CHECKING:
    from .fairness import ClosedLoopDynamics, FairThresholdEnv

__all__ = ["acceptance", "expected_signals", "closed_loop_map", "contraction_weights", "weighted_norm",
           "fixed_points"]


def acceptance(env: FairThresholdEnv, x) -> np.ndarray:
    """Acceptance rates P[a, k] at state x = (pi, q0, q1), shape (2, K).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2.
    """
    q = np.asarray(x, dtype=np.float64)[1:3, None]
    return q * env.rates[:, 1, :] + (1 - q) * env.rates[:, 0, :]


def expected_signals(env: FairThresholdEnv, x):
    """Expected reward (K,) and residuals (3, K) [DP, SR, CAP] at state x.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2.
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.array([1 - x[0], x[0]])[:, None]
    q = x[1:3, None]
    tp, fp = q * env.rates[:, 1, :], (1 - q) * env.rates[:, 0, :]
    if env.reward_kind == "profit":
        r = (w * (env.gain * tp - env.cost * fp)).sum(0)
    else:
        r = (w * (tp + (1 - q) - fp)).sum(0)
    P = tp + fp
    service = (w * P).sum(0)
    c = env.constraints
    return r, np.stack([np.abs(P[0] - P[1]) - c.eps, c.rho_min - service, service - c.rho_max])


def closed_loop_map(env: FairThresholdEnv, X, P=None) -> np.ndarray:
    """Phi applied row-wise: X (..., 3) states, P (..., 2) fed-back acceptance rates.

    With ``P=None`` the rates are those of arm k at state X[k] (X of shape (K, 3)).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.3.
    """
    X = np.asarray(X, dtype=np.float64)
    if P is None:
        ar = np.arange(env.K)
        P = X[:, 1:3] * env.rates[:, 1, ar].T + (1 - X[:, 1:3]) * env.rates[:, 0, ar].T
    d = env.dynamics
    out = X.copy()
    if d.composition:
        target = expit(logit(d.pi_bar) + d.gamma * (P[..., 1] - P[..., 0]))
        out[..., 0] = (1 - d.kappa) * X[..., 0] + d.kappa * target
    if d.qualification:
        target = np.clip(np.asarray(d.q_bar) + d.zeta * (P - d.p_ref), d.q_lo, d.q_hi)
        out[..., 1:3] = (1 - d.kappa) * X[..., 1:3] + d.kappa * target
    return out


def contraction_weights(d: ClosedLoopDynamics):
    """Weight w_q of the q-block and modulus L with ||Phi(x) - Phi(y)||_w <= L ||x - y||_w.

    |d pi'| <= (1 - kappa)|d pi| + kappa gamma/4 (|dq^0| + |dq^1|) and
    |dq^a'| <= (1 - kappa (1 - zeta)) |dq^a|, so any w_q > gamma / 2 gives
    L = max(1 - kappa + kappa gamma / (2 w_q), 1 - kappa (1 - zeta)) < 1.  We take
    w_q = max(1, gamma / (2 max(zeta, 1/4))): L = 1 - kappa (1 - zeta) for zeta >= 1/4 (the
    tightest possible) and a well-conditioned norm for small zeta.  A switched-off channel
    keeps its coordinate fixed (modulus over the moving block only).

    Returns
    -------
    (w_q, L) : (float, float)

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.3 (contraction condition).
    """
    k, g, z = d.kappa, d.gamma, d.zeta
    Lq = 1 - k * (1 - z) if d.qualification else 0.0
    if not d.composition:
        return 1.0, Lq
    if not d.qualification:
        return 1.0, 1 - k
    w = max(1.0, g / (2 * max(z, 0.25)))
    return w, max(1 - k + k * g / (2 * w), Lq)


def weighted_norm(dX, w_q: float) -> np.ndarray:
    """||dX||_w = max(|d pi|, w_q |d q^0|, w_q |d q^1|) over the last axis.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.3.
    """
    dX = np.abs(np.asarray(dX, dtype=np.float64))
    return np.maximum(dX[..., 0], w_q * np.maximum(dX[..., 1], dX[..., 2]))


def fixed_points(env: FairThresholdEnv, tol: float = 1e-12, max_iter: int = 200_000):
    """x*(theta_k) for every arm by fixed-point iteration from x0, with exact signals there.

    Stops when the a-posteriori error bound L/(1-L) ||x_n - x_{n-1}||_w is below ``tol``
    (with the expected-rate feedback).  With kappa = 0 the state is frozen: x* = x0.

    Returns
    -------
    X : ndarray(float, (K, 3)); reward : ndarray(float, (K,)); residuals : ndarray(float, (3, K))

    References
    ----------
    Banach fixed-point theorem; reconstruction; see spec ``ofs_fair_threshold.md`` §2.3, §2.5.
    """
    w, L = contraction_weights(env.dynamics)
    X = np.tile(env.x0, (env.K, 1))
    if env.dynamics.kappa > 0 and L < 1:
        for _ in range(max_iter):
            Xn = closed_loop_map(env, X)
            err = weighted_norm(Xn - X, w).max() * L / (1 - L)
            X = Xn
            if err < tol:
                break
        else:
            raise RuntimeError(f"fixed-point iteration did not reach tol={tol} in {max_iter} steps")
    r = np.empty(env.K)
    g = np.empty((3, env.K))
    for k in range(env.K):
        rk, gk = expected_signals(env, X[k])
        r[k], g[:, k] = rk[k], gk[:, k]
    return X, r, g
