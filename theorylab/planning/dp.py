"""Exact finite-horizon dynamic programming: the oracles every regret number rests on.

For stage h = H-1, ..., 0 (with V_H = 0)

    Q_h(s, a) = r_h(s, a) + sum_{s'} P_h(s' | s, a) V_{h+1}(s'),
    V_h(s)    = max_a Q_h(s, a)            (backward induction, optimal control),
    V_h(s)    = sum_a pi_h(a | s) Q_h(s, a) (policy evaluation).

Occupancy measures run forwards: d_0 = mu0, q_h(s, a) = d_h(s) pi_h(a | s),
d_{h+1}(s') = sum_{s, a} q_h(s, a) P_h(s' | s, a).

Kernels take P as (Hp, S*A, S) with Hp in {1, H} (stationary models are not copied H
times) and call BLAS (``np.dot``) for the next-state contraction, which beats a triple
loop once S is in the hundreds.  Greedy ties go to the lowest action index.  Each kernel
has a plain-numpy reference (``*_numpy``) that the tests compare it with.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._numba import njit
from ..problems.tabular import TabularMDP

__all__ = ["PlanResult", "EvalResult", "backward_induction", "backward_induction_numpy",
           "policy_evaluation", "policy_evaluation_numpy", "occupancy", "occupancy_numpy",
           "state_occupancy", "best_fixed_policy", "greedy_as_stochastic"]


@dataclass(frozen=True)
class PlanResult:
    """Output of backward induction.

    Attributes
    ----------
    Q : ndarray(float, (H, S, A))
    V : ndarray(float, (H + 1, S)), with V[H] = 0
    pi : ndarray(int, (H, S)), greedy actions (lowest index on ties)
    value : float, mu0 @ V[0]

    References
    ----------
    Puterman (1994), *Markov Decision Processes*, §4.5.
    """

    Q: np.ndarray
    V: np.ndarray
    pi: np.ndarray
    value: float


@dataclass(frozen=True)
class EvalResult:
    """Output of policy evaluation: Q (H, S, A), V (H + 1, S) and value = mu0 @ V[0].

    References
    ----------
    Puterman (1994), §4.2.
    """

    Q: np.ndarray
    V: np.ndarray
    value: float


@njit
def _backward_kernel(P2, r3, S, A, maximize, Q, V, pi):
    H = Q.shape[0]
    for h in range(H - 1, -1, -1):
        hp = h if P2.shape[0] > 1 else 0
        hr = h if r3.shape[0] > 1 else 0
        nxt = np.dot(P2[hp], V[h + 1])
        for s in range(S):
            best = 0
            for a in range(A):
                q = r3[hr, s, a] + nxt[s * A + a]
                Q[h, s, a] = q
                if a == 0 or (maximize and q > Q[h, s, best]) or (not maximize and q < Q[h, s, best]):
                    best = a
            pi[h, s] = best
            V[h, s] = Q[h, s, best]


@njit
def _evaluate_kernel(P2, r3, pi, Q, V):
    H, S, A = Q.shape
    for h in range(H - 1, -1, -1):
        hp = h if P2.shape[0] > 1 else 0
        hr = h if r3.shape[0] > 1 else 0
        nxt = np.dot(P2[hp], V[h + 1])
        for s in range(S):
            v = 0.0
            for a in range(A):
                q = r3[hr, s, a] + nxt[s * A + a]
                Q[h, s, a] = q
                v += pi[h, s, a] * q
            V[h, s] = v


@njit
def _occupancy_kernel(P2, mu0, pi, q):
    H, S, A = q.shape
    d = mu0.copy()
    for h in range(H):
        hp = h if P2.shape[0] > 1 else 0
        for s in range(S):
            for a in range(A):
                q[h, s, a] = d[s] * pi[h, s, a]
        if h + 1 < H:
            d = np.dot(q[h].reshape(S * A), P2[hp])


def _P2(mdp: TabularMDP) -> np.ndarray:
    P4 = mdp.P4
    return P4.reshape(P4.shape[0], mdp.S * mdp.A, mdp.S)


def _rewards(mdp: TabularMDP, r) -> np.ndarray:
    if r is None:
        return mdp.r3
    r = np.ascontiguousarray(np.asarray(r, dtype=np.float64))
    if r.ndim == 2:
        r = r[None]
    if r.ndim != 3 or r.shape[1:] != (mdp.S, mdp.A) or r.shape[0] not in (1, mdp.H):
        raise ValueError(f"r must have shape (H, S, A) or (S, A) with (S, A) = {(mdp.S, mdp.A)}, got {np.shape(r)}")
    return r


def _policy(mdp: TabularMDP, pi) -> np.ndarray:
    pi = np.asarray(pi)
    if pi.shape == (mdp.H, mdp.S) and np.issubdtype(pi.dtype, np.integer):
        return greedy_as_stochastic(pi, mdp.A)
    pi = np.ascontiguousarray(pi, dtype=np.float64)
    if pi.shape != (mdp.H, mdp.S, mdp.A):
        raise ValueError(f"pi must have shape (H, S, A) = {(mdp.H, mdp.S, mdp.A)} or integer (H, S), got {pi.shape}")
    if np.any(pi < -1e-12) or np.any(np.abs(pi.sum(-1) - 1) > 1e-9):
        raise ValueError("pi[h, s] must be probability vectors over actions")
    return pi


def greedy_as_stochastic(pi: np.ndarray, A: int) -> np.ndarray:
    """One-hot encoding of a deterministic policy: (H, S) ints -> (H, S, A) floats.

    References
    ----------
    Puterman (1994), §2.1 (deterministic Markov policies as degenerate randomised ones).
    """
    pi = np.asarray(pi, dtype=np.int64)
    out = np.zeros(pi.shape + (A,))
    np.put_along_axis(out, pi[..., None], 1.0, axis=-1)
    return out


def backward_induction(mdp: TabularMDP, r=None, *, maximize: bool = True) -> PlanResult:
    """Optimal Q, V and a greedy deterministic policy by backward induction.

    Parameters
    ----------
    mdp : TabularMDP
    r : ndarray(float, (H, S, A) or (S, A)), optional
        Rewards to plan for instead of ``mdp.r`` (any real values, e.g. cumulative losses).
    maximize : bool
        ``False`` minimises (losses).

    Returns
    -------
    PlanResult

    References
    ----------
    Puterman (1994), *Markov Decision Processes*, §4.5 (backward induction algorithm).
    """
    r3 = _rewards(mdp, r)
    H, S, A = mdp.H, mdp.S, mdp.A
    Q, V, pi = np.empty((H, S, A)), np.zeros((H + 1, S)), np.empty((H, S), np.int64)
    _backward_kernel(_P2(mdp), r3, S, A, bool(maximize), Q, V, pi)
    return PlanResult(Q, V, pi, float(mdp.mu0 @ V[0]))


def backward_induction_numpy(mdp: TabularMDP, r=None, *, maximize: bool = True) -> PlanResult:
    """Plain-numpy reference of :func:`backward_induction` (one GEMV per stage).

    References
    ----------
    Puterman (1994), §4.5.
    """
    r3, P2 = _rewards(mdp, r), _P2(mdp)
    H, S, A = mdp.H, mdp.S, mdp.A
    Q, V = np.empty((H, S, A)), np.zeros((H + 1, S))
    pi = np.empty((H, S), np.int64)
    for h in range(H - 1, -1, -1):
        Q[h] = r3[min(h, r3.shape[0] - 1)] + (P2[min(h, P2.shape[0] - 1)] @ V[h + 1]).reshape(S, A)
        pi[h] = Q[h].argmax(1) if maximize else Q[h].argmin(1)
        V[h] = np.take_along_axis(Q[h], pi[h][:, None], 1)[:, 0]
    return PlanResult(Q, V, pi, float(mdp.mu0 @ V[0]))


def policy_evaluation(mdp: TabularMDP, pi, r=None) -> EvalResult:
    """Q^pi and V^pi of a stochastic (H, S, A) or deterministic (H, S) policy.

    References
    ----------
    Puterman (1994), §4.2 (finite-horizon policy evaluation).
    """
    pi, r3 = _policy(mdp, pi), _rewards(mdp, r)
    Q, V = np.empty((mdp.H, mdp.S, mdp.A)), np.zeros((mdp.H + 1, mdp.S))
    _evaluate_kernel(_P2(mdp), r3, pi, Q, V)
    return EvalResult(Q, V, float(mdp.mu0 @ V[0]))


def policy_evaluation_numpy(mdp: TabularMDP, pi, r=None) -> EvalResult:
    """Plain-numpy reference of :func:`policy_evaluation`.

    References
    ----------
    Puterman (1994), §4.2.
    """
    pi, r3, P2 = _policy(mdp, pi), _rewards(mdp, r), _P2(mdp)
    H, S, A = mdp.H, mdp.S, mdp.A
    Q, V = np.empty((H, S, A)), np.zeros((H + 1, S))
    for h in range(H - 1, -1, -1):
        Q[h] = r3[min(h, r3.shape[0] - 1)] + (P2[min(h, P2.shape[0] - 1)] @ V[h + 1]).reshape(S, A)
        V[h] = (pi[h] * Q[h]).sum(-1)
    return EvalResult(Q, V, float(mdp.mu0 @ V[0]))


def occupancy(mdp: TabularMDP, pi) -> np.ndarray:
    """State-action occupancy measure q[h, s, a] = Pr(s_h = s, a_h = a) under pi.

    References
    ----------
    Altman (1999), *Constrained MDPs*, ch. 3; Zimin & Neu (2013) for the loop-free case.
    """
    pi = _policy(mdp, pi)
    q = np.empty((mdp.H, mdp.S, mdp.A))
    _occupancy_kernel(_P2(mdp), mdp.mu0, pi, q)
    return q


def occupancy_numpy(mdp: TabularMDP, pi) -> np.ndarray:
    """Plain-numpy reference of :func:`occupancy`.

    References
    ----------
    Altman (1999), ch. 3.
    """
    pi, P2 = _policy(mdp, pi), _P2(mdp)
    q = np.empty((mdp.H, mdp.S, mdp.A))
    d = mdp.mu0.copy()
    for h in range(mdp.H):
        q[h] = d[:, None] * pi[h]
        d = q[h].reshape(-1) @ P2[min(h, P2.shape[0] - 1)]
    return q


def state_occupancy(mdp: TabularMDP, pi) -> np.ndarray:
    """State occupancy d[h, s] = Pr(s_h = s) under pi, shape (H, S).

    References
    ----------
    Altman (1999), ch. 3.
    """
    return occupancy(mdp, pi).sum(-1)


def best_fixed_policy(mdp: TabularMDP, cumulative_loss) -> PlanResult:
    """Best fixed (deterministic Markov) policy in hindsight for a cumulative loss table.

    For oblivious losses l_1..l_K on fixed dynamics, sum_k V^pi(l_k) = V^pi(sum_k l_k), so
    the comparator of adversarial-MDP regret is one minimising backward induction on the
    cumulative loss.  ``value`` is its total loss.

    Parameters
    ----------
    cumulative_loss : ndarray(float, (H, S, A) or (S, A))

    References
    ----------
    Zimin & Neu (2013), "Online learning in episodic MDPs by relative entropy policy
    search", NeurIPS (regret against the best fixed policy in hindsight).
    """
    return backward_induction(mdp, cumulative_loss, maximize=False)
