"""Exact robust dynamic programming for d-rectangular TV robust MDPs, with KL regularisation.

For a Markov policy pi, V_H = 0 and for h = H-1, ..., 0 (spec §2.3)

    nu_{h,i}   = sigma_{rho_{h,i}}(mu_{h,i}, V_{h+1})                 (TV inner problem)
    Q_h(s, a)  = <phi(s, a), theta_h + nu_h>
    V_h(s)     = sum_a pi_h(a|s) Q_h(s, a) - beta KL(pi_h(.|s) || pi_ref,h(.|s)).

The regularised optimum replaces the last line by V_h = beta log sum_a pi_ref e^{Q_h / beta}
(pi* proportional to pi_ref e^{Q / beta}); beta = 0 gives V_h = max_a Q_h (greedy, ties to
the lowest index).  sigma is computed by the sort closed form
(:func:`theorylab.kernels.robust_tv.tv_sigma_sort`), one sort of V_{h+1} per stage, so a
backup costs O(S log S + d S + S A d).  The ``*_numpy`` functions are plain-numpy
references, and :func:`robust_q_lp` solves the robust Bellman backup of one (s, a) as a joint
LP over (mu_1, ..., mu_d) with cvxpy (the d-rectangular set before it is decomposed).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._numba import njit
from ..kernels.robust_tv import tv_sigma_sort, tv_sigma_sort_numpy
from ..problems.robust import RobustLinearMDP

__all__ = ["RobustValues", "robust_evaluate", "robust_optimal", "robust_evaluate_numpy",
           "robust_optimal_numpy", "evaluate_many", "robust_q_lp", "uniform_reference",
           "EVALUATE", "GREEDY", "SOFT"]

EVALUATE, GREEDY, SOFT = 0, 1, 2


@dataclass(frozen=True)
class RobustValues:
    """Robust Q, V, the policy they belong to, and the value at the initial distribution.

    Attributes
    ----------
    Q : ndarray(float, (H, S, A))
    V : ndarray(float, (H + 1, S)), V[H] = 0
    pi : ndarray(float, (H, S, A)), the evaluated policy, or the (soft-)optimal one
    value : float, mu0 @ V[0]

    References
    ----------
    Spec §2.3.
    """

    Q: np.ndarray
    V: np.ndarray
    pi: np.ndarray
    value: float


@njit
def _stage_nu(mu_h, rho_h, V, nu):
    order = np.argsort(V)
    for i in range(mu_h.shape[0]):
        nu[i] = tv_sigma_sort(mu_h[i], V, rho_h[i], order)


@njit
def _head(q, pi, pi_ref, beta, mode):
    """V_h(s) from Q_h(s, .) and write the policy row (mode EVALUATE reads pi)."""
    A = q.shape[0]
    if mode == GREEDY:
        best = 0
        for a in range(A):
            if q[a] > q[best]:
                best = a
        for a in range(A):
            pi[a] = 1.0 if a == best else 0.0
        return q[best]
    if mode == SOFT:
        top = q.max()
        z = 0.0
        for a in range(A):
            pi[a] = pi_ref[a] * np.exp((q[a] - top) / beta)
            z += pi[a]
        for a in range(A):
            pi[a] /= z
        return top + beta * np.log(z)
    v = 0.0
    for a in range(A):
        if pi[a] > 0.0:
            v += pi[a] * (q[a] - beta * np.log(pi[a] / pi_ref[a]))
    return v


@njit
def _robust_kernel(phi, mu, theta, rho, pi_ref, beta, mode, Q, V, pi):
    S, A, d = phi.shape
    H = mu.shape[0]
    nu = np.empty(d)
    w = np.empty(d)
    for h in range(H - 1, -1, -1):
        _stage_nu(mu[h], rho[h], V[h + 1], nu)
        for i in range(d):
            w[i] = theta[h, i] + nu[i]
        for s in range(S):
            for a in range(A):
                Q[h, s, a] = np.dot(phi[s, a], w)
            V[h, s] = _head(Q[h, s], pi[h, s], pi_ref[h, s], beta, mode)


@njit
def _many_kernel(phi, mu, theta, rho, pi_ref, beta, mu0, policies, out):
    H, S, A = policies.shape[1:]
    Q = np.empty((H, S, A))
    V = np.zeros((H + 1, S))
    for k in range(policies.shape[0]):
        _robust_kernel(phi, mu, theta, rho, pi_ref, beta, EVALUATE, Q, V, policies[k])
        out[k] = np.dot(mu0, V[0])


def uniform_reference(mdp: RobustLinearMDP) -> np.ndarray:
    """The uniform reference policy, shape (H, S, A).

    References
    ----------
    Spec §2.2 (default pi_ref).
    """
    return np.full((mdp.H, mdp.S, mdp.A), 1.0 / mdp.A)


def _inputs(mdp, beta, pi_ref, rho):
    if not isinstance(mdp, RobustLinearMDP):
        raise TypeError(f"expected a RobustLinearMDP, got {type(mdp).__name__}")
    if not (np.isfinite(beta) and beta >= 0):
        raise ValueError(f"beta (KL strength) must be >= 0, got {beta!r}")
    ref = uniform_reference(mdp) if pi_ref is None else np.ascontiguousarray(pi_ref, dtype=np.float64)
    if ref.shape != (mdp.H, mdp.S, mdp.A) or ref.min() <= 0 or np.abs(ref.sum(-1) - 1).max() > 1e-9:
        raise ValueError("pi_ref must be (H, S, A) probability vectors with positive entries")
    r = mdp.rho if rho is None else mdp.with_rho(rho).rho
    return ref, r


def _policy(mdp, pi) -> np.ndarray:
    pi = np.ascontiguousarray(pi, dtype=np.float64)
    if pi.shape[-3:] != (mdp.H, mdp.S, mdp.A):
        raise ValueError(f"policy must have trailing shape (H, S, A) = {(mdp.H, mdp.S, mdp.A)}, got {pi.shape}")
    if pi.min() < -1e-12 or np.abs(pi.sum(-1) - 1).max() > 1e-9:
        raise ValueError("policy rows pi[h, s] must be probability vectors")
    return pi


def robust_evaluate(mdp: RobustLinearMDP, pi, beta: float = 0.0, pi_ref=None, rho=None) -> RobustValues:
    """Regularised robust Q^pi, V^pi of a stochastic policy pi (H, S, A).

    Parameters
    ----------
    mdp : RobustLinearMDP
    pi : ndarray(float, (H, S, A))
    beta : float >= 0, KL strength
    pi_ref : ndarray(float, (H, S, A)), optional (default uniform)
    rho : float or ndarray(float, (H, d)), optional radii overriding ``mdp.rho``

    References
    ----------
    Iyengar (2005), "Robust dynamic programming"; spec §2.3.
    """
    ref, r = _inputs(mdp, beta, pi_ref, rho)
    pi = _policy(mdp, pi).copy()
    Q, V = np.empty((mdp.H, mdp.S, mdp.A)), np.zeros((mdp.H + 1, mdp.S))
    _robust_kernel(mdp.phi, mdp.mu, mdp.theta, r, ref, float(beta), EVALUATE, Q, V, pi)
    return RobustValues(Q, V, pi, float(mdp.mu0 @ V[0]))


def robust_optimal(mdp: RobustLinearMDP, beta: float = 0.0, pi_ref=None, rho=None) -> RobustValues:
    """Optimal regularised robust values and policy (greedy when beta = 0, soft otherwise).

    References
    ----------
    Iyengar (2005); Geist, Scherrer, Pietquin (2019), "A theory of regularized MDPs"
    (soft-max backup); spec §2.3.
    """
    ref, r = _inputs(mdp, beta, pi_ref, rho)
    Q, V = np.empty((mdp.H, mdp.S, mdp.A)), np.zeros((mdp.H + 1, mdp.S))
    pi = np.empty((mdp.H, mdp.S, mdp.A))
    _robust_kernel(mdp.phi, mdp.mu, mdp.theta, r, ref, float(beta), SOFT if beta > 0 else GREEDY, Q, V, pi)
    return RobustValues(Q, V, pi, float(mdp.mu0 @ V[0]))


def evaluate_many(mdp: RobustLinearMDP, policies, beta: float = 0.0, pi_ref=None, rho=None) -> np.ndarray:
    """Values mu0 @ V^{pi_k}_0 of K policies (K, H, S, A) in one kernel call, shape (K,).

    References
    ----------
    Spec §4.2 (the robust regret tracker).
    """
    ref, r = _inputs(mdp, beta, pi_ref, rho)
    pols = _policy(mdp, policies)
    if pols.ndim != 4:
        raise ValueError(f"policies must have shape (K, H, S, A), got {pols.shape}")
    out = np.empty(pols.shape[0])
    _many_kernel(mdp.phi, mdp.mu, mdp.theta, r, ref, float(beta), mdp.mu0, pols, out)
    return out


def _backup_numpy(mdp, r, h, V_next):
    nu = np.array([tv_sigma_sort_numpy(mdp.mu[h, i], V_next, r[h, i]) for i in range(mdp.d)])
    return mdp.phi @ (mdp.theta[h] + nu)


def _kl(pi, ref):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(pi > 0, pi * np.log(pi / ref), 0.0).sum(-1)


def robust_evaluate_numpy(mdp: RobustLinearMDP, pi, beta: float = 0.0, pi_ref=None, rho=None) -> RobustValues:
    """Plain-numpy reference of :func:`robust_evaluate`.

    References
    ----------
    Spec §2.3.
    """
    ref, r = _inputs(mdp, beta, pi_ref, rho)
    pi = _policy(mdp, pi)
    Q, V = np.empty((mdp.H, mdp.S, mdp.A)), np.zeros((mdp.H + 1, mdp.S))
    for h in range(mdp.H - 1, -1, -1):
        Q[h] = _backup_numpy(mdp, r, h, V[h + 1])
        V[h] = (pi[h] * Q[h]).sum(-1) - beta * _kl(pi[h], ref[h])
    return RobustValues(Q, V, pi, float(mdp.mu0 @ V[0]))


def robust_optimal_numpy(mdp: RobustLinearMDP, beta: float = 0.0, pi_ref=None, rho=None) -> RobustValues:
    """Plain-numpy reference of :func:`robust_optimal`.

    References
    ----------
    Spec §2.3.
    """
    ref, r = _inputs(mdp, beta, pi_ref, rho)
    Q, V = np.empty((mdp.H, mdp.S, mdp.A)), np.zeros((mdp.H + 1, mdp.S))
    pi = np.empty_like(Q)
    for h in range(mdp.H - 1, -1, -1):
        Q[h] = _backup_numpy(mdp, r, h, V[h + 1])
        if beta > 0:
            top = Q[h].max(-1, keepdims=True)
            e = ref[h] * np.exp((Q[h] - top) / beta)
            V[h] = top[:, 0] + beta * np.log(e.sum(-1))
            pi[h] = e / e.sum(-1, keepdims=True)
        else:
            pi[h] = np.eye(mdp.A)[Q[h].argmax(-1)]
            V[h] = Q[h].max(-1)
    return RobustValues(Q, V, pi, float(mdp.mu0 @ V[0]))


def robust_q_lp(mdp: RobustLinearMDP, h: int, V_next, s: int, a: int, rho=None) -> float:
    """Robust Bellman backup of one (s, a) as a joint LP over the d factors (cvxpy, HiGHS).

    min_{mu_1..mu_d} <phi(s, a), theta_h> + sum_i phi_i(s, a) <mu_i, V_next>
    s.t. mu_i in Delta(S), 1/2 ||mu_i - mu0_{h,i}||_1 <= rho_{h,i}.

    References
    ----------
    Ma et al. (2022) (the d-rectangular set); spec §6 L4.
    """
    import cvxpy as cp

    r = mdp.rho if rho is None else mdp.with_rho(rho).rho
    V_next = np.asarray(V_next, dtype=np.float64)
    M = cp.Variable((mdp.d, mdp.S), nonneg=True)
    T = cp.Variable((mdp.d, mdp.S), nonneg=True)
    cons = [cp.sum(M, axis=1) == 1, T >= M - mdp.mu[h], T >= mdp.mu[h] - M,
            0.5 * cp.sum(T, axis=1) <= r[h]]
    obj = mdp.phi[s, a] @ (M @ V_next)
    prob = cp.Problem(cp.Minimize(obj), cons)
    prob.solve(solver=cp.HIGHS)
    return float(mdp.phi[s, a] @ mdp.theta[h] + prob.value)
