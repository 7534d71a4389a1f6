"""Shared numba primitives of the actor-critic algorithms (Tan, Fan, Wei 2025).

Symbols (0-based stages h = 0..H-1): P[h, s, a, s'] transition kernel, r[h, s, a] mean
rewards, mu0[s] initial distribution, f = Q[h, s, a] a critic (f_H = 0), pi[h, s, a] a
stochastic policy, V^f_h(s) = max_a f_h(s, a).

For any critic f and policy pi the regret of pi splits exactly into three terms
(spec §4.0, telescoping f_1(s_1, pi_1) - V^pi_1(s_1) through the stages):

    V*_1 - V^pi_1 = OPT + ACT + BE,
    OPT = E_{s ~ mu0}[V*_1(s) - max_a f_1(s, a)]                       (<= 0 under optimism)
    ACT = sum_h E_{s ~ d^pi_h}[max_a f_h(s, .) - <pi_h(.|s), f_h(s, .)>]   (>= 0)
    BE  = sum_h E_{(s, a) ~ d^pi_h}[f_h(s, a) - r_h(s, a) - P_h V^f_{h+1}(s, a)].

Each kernel has a plain-numpy reference (``*_numpy``) that the tests compare it with.
"""
from __future__ import annotations

import math

import numpy as np

from .._numba import njit

__all__ = ["softmax_rows", "softmax_rows_numpy", "greedy_rows", "greedy_rows_numpy",
           "sample_index", "sample_index_numpy", "evaluate_decompose",
           "evaluate_decompose_numpy", "rollout", "rollout_numpy", "actor_step", "actor_step_numpy",
           "optimistic_q_backup", "optimistic_q_backup_numpy"]


@njit
def softmax_rows(logits, pi):
    """Row-wise softmax over the last axis with the max shift (log-sum-exp safe).

    Parameters
    ----------
    logits : ndarray(float, (H, S, A))
    pi : ndarray(float, (H, S, A)), written in place

    References
    ----------
    Spec §7.5 (eta m Q reaches 1e4: shift by the row maximum before exponentiating).
    """
    H, S, A = logits.shape
    for h in range(H):
        for s in range(S):
            m = logits[h, s, 0]
            for a in range(1, A):
                m = max(m, logits[h, s, a])
            z = 0.0
            for a in range(A):
                pi[h, s, a] = np.exp(logits[h, s, a] - m)
                z += pi[h, s, a]
            for a in range(A):
                pi[h, s, a] /= z


def softmax_rows_numpy(logits):
    """Plain-numpy reference of :func:`softmax_rows`; returns pi (H, S, A).

    References
    ----------
    Spec §7.5.
    """
    e = np.exp(logits - logits.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


@njit
def greedy_rows(Q, pi):
    """One-hot greedy policy of Q (lowest action index on ties), written into pi (H, S, A).

    References
    ----------
    The eta -> infinity limit of the softmax actor (spec §4.2 [D]).
    """
    H, S, A = Q.shape
    for h in range(H):
        for s in range(S):
            best = 0
            for a in range(1, A):
                if Q[h, s, a] > Q[h, s, best]:
                    best = a
            for a in range(A):
                pi[h, s, a] = 1.0 if a == best else 0.0


def greedy_rows_numpy(Q):
    """Plain-numpy reference of :func:`greedy_rows`; returns pi (H, S, A).

    References
    ----------
    Spec §4.2 [D].
    """
    pi = np.zeros_like(Q)
    np.put_along_axis(pi, Q.argmax(-1)[..., None], 1.0, axis=-1)
    return pi


@njit
def actor_step(Q, logits, pi, eta, skip):
    """One mirror-ascent step of the softmax actor with a frozen critic, in place.

    ``logits += eta Q`` (unless ``skip``: the first episode after a reset plays the reset
    policy) and ``pi = softmax(logits)``; with ``eta = inf`` pi is greedy in Q (uniform
    when ``skip``).

    Parameters
    ----------
    Q, logits, pi : ndarray(float, (H, S, A)); eta : float > 0 or inf; skip : bool

    References
    ----------
    Spec §3.2 (pi^(t) proportional to pi^(t-1) exp(eta f^(t))); Shani et al. (2020), "Optimistic
    policy optimization with bandit feedback", ICML (mirror-descent actor).
    """
    if math.isinf(eta):
        if skip:
            pi[:] = 1.0 / Q.shape[2]
        else:
            greedy_rows(Q, pi)
        return
    if not skip:
        logits += eta * Q
    softmax_rows(logits, pi)


def actor_step_numpy(Q, logits, eta, skip):
    """Plain-numpy reference of :func:`actor_step`; returns (new logits, pi).

    References
    ----------
    Spec §3.2.
    """
    if math.isinf(eta):
        pi = np.full(Q.shape, 1.0 / Q.shape[2]) if skip else greedy_rows_numpy(Q)
        return logits, pi
    logits = logits if skip else logits + eta * Q
    return logits, softmax_rows_numpy(logits)


@njit
def sample_index(p, u):
    """Inverse-CDF draw from the probability vector p (n,) with a uniform u in [0, 1).

    Returns the first index whose cumulative sum exceeds u (the last index with positive
    mass when rounding leaves u above the total).

    References
    ----------
    Devroye (1986), *Non-Uniform Random Variate Generation*, §III.2 (inversion).
    """
    c = 0.0
    last = 0
    for i in range(p.shape[0]):
        if p[i] > 0.0:
            last = i
        c += p[i]
        if u < c:
            return i
    return last


def sample_index_numpy(p, u) -> int:
    """Plain-numpy reference of :func:`sample_index`.

    References
    ----------
    Devroye (1986), §III.2.
    """
    i = int(np.searchsorted(np.cumsum(p), u, side="right"))
    return i if i < p.shape[0] else int(np.flatnonzero(p > 0)[-1])


@njit
def evaluate_decompose(P, r, mu0, vstar0, pi, Q, out):
    """Exact value of pi and the OPT / ACT / BE decomposition of its regret for critic Q.

    Parameters
    ----------
    P : ndarray(float, (H, S, A, S)); r : ndarray(float, (H, S, A)); mu0 : ndarray(float, (S,))
    vstar0 : ndarray(float, (S,)), the optimal values V*_1(s)
    pi, Q : ndarray(float, (H, S, A))
    out : ndarray(float, (4,)), written: value V^pi_1, OPT, ACT, BE

    References
    ----------
    Spec §4.0 (reconstruction of the paper's regret decomposition; see spec §4.0);
    Kakade & Langford (2002) for the telescoping argument.
    """
    H, S, A = Q.shape
    Vpi = np.zeros(S)
    for h in range(H - 1, -1, -1):
        nv = np.zeros(S)
        for s in range(S):
            for a in range(A):
                q = r[h, s, a]
                for s2 in range(S):
                    q += P[h, s, a, s2] * Vpi[s2]
                nv[s] += pi[h, s, a] * q
        Vpi = nv
    value = 0.0
    for s in range(S):
        value += mu0[s] * Vpi[s]
    d = mu0.copy()
    act, be = 0.0, 0.0
    for h in range(H):
        vnext = np.zeros(S)
        if h + 1 < H:
            for s in range(S):
                vnext[s] = np.max(Q[h + 1, s])
        nd = np.zeros(S)
        for s in range(S):
            if d[s] == 0.0:
                continue
            qmax = np.max(Q[h, s])
            for a in range(A):
                w = d[s] * pi[h, s, a]
                act += w * (qmax - Q[h, s, a])
                pv = 0.0
                for s2 in range(S):
                    p = P[h, s, a, s2]
                    pv += p * vnext[s2]
                    nd[s2] += w * p
                be += w * (Q[h, s, a] - r[h, s, a] - pv)
        d = nd
    opt = 0.0
    for s in range(S):
        opt += mu0[s] * (vstar0[s] - np.max(Q[0, s]))
    out[0] = value
    out[1] = opt
    out[2] = act
    out[3] = be


def evaluate_decompose_numpy(P, r, mu0, vstar0, pi, Q) -> np.ndarray:
    """Plain-numpy reference of :func:`evaluate_decompose`; returns (value, OPT, ACT, BE).

    References
    ----------
    Spec §4.0 (reconstruction; see spec §4.0).
    """
    H, S, A = Q.shape
    V = np.zeros(S)
    for h in range(H - 1, -1, -1):
        V = (pi[h] * (r[h] + P[h] @ V)).sum(-1)
    Vf = np.concatenate([Q.max(-1), np.zeros((1, S))])
    d, act, be = mu0.copy(), 0.0, 0.0
    for h in range(H):
        q = d[:, None] * pi[h]
        act += d @ (Vf[h] - (pi[h] * Q[h]).sum(-1))
        be += np.sum(q * (Q[h] - r[h] - P[h] @ Vf[h + 1]))
        d = np.einsum("sa,sat->t", q, P[h])
    return np.array([mu0 @ V, mu0 @ (vstar0 - Vf[0]), act, be])


@njit
def rollout(P, r, mu0, pi, u0, ua, us, s_out, a_out):
    """Play pi for one episode with pre-drawn uniforms; returns the realised return.

    Parameters
    ----------
    P, r, mu0, pi : as in :func:`evaluate_decompose`
    u0 : float, uniform for the initial state
    ua, us : ndarray(float, (H,)), uniforms for the actions and the next states
    s_out : ndarray(int, (H + 1,)), a_out : ndarray(int, (H,)), written: visited states
        and played actions (the observed reward at stage h is r[h, s_h, a_h])

    References
    ----------
    Design rule 3 (uniforms drawn in Python from the cell's streams, passed in).
    """
    H = pi.shape[0]
    s = sample_index(mu0, u0)
    ret = 0.0
    for h in range(H):
        a = sample_index(pi[h, s], ua[h])
        s_out[h] = s
        a_out[h] = a
        ret += r[h, s, a]
        s = sample_index(P[h, s, a], us[h])
    s_out[H] = s
    return ret


def rollout_numpy(P, r, mu0, pi, u0, ua, us):
    """Plain-numpy reference of :func:`rollout`; returns (states (H+1,), actions (H,), return).

    References
    ----------
    Design rule 3.
    """
    H = pi.shape[0]
    s_out, a_out = np.zeros(H + 1, np.int64), np.zeros(H, np.int64)
    s, ret = sample_index_numpy(mu0, u0), 0.0
    for h in range(H):
        a = sample_index_numpy(pi[h, s], ua[h])
        s_out[h], a_out[h] = s, a
        ret += r[h, s, a]
        s = sample_index_numpy(P[h, s, a], us[h])
    s_out[H] = s
    return s_out, a_out, ret


@njit
def optimistic_q_backup(n, nsas, R, pi, greedy, bonus, optimistic, unvisited, Q):
    """Optimistic empirical backward induction of a tabular critic, in place.

    From h = H-1 down to 0, with counts n = n_h(s, a) > 0, summed rewards R_h(s, a) and
    next-state counts N_h(s, a, s'),

        Q_h(s, a) = clip(R_h(s, a) / n + N_h(s, a, .) V_{h+1} / n + bonus / sqrt(n), 0, H - h)

    (no bonus term when not ``optimistic``); unvisited pairs get H - h when ``optimistic`` and
    ``unvisited`` otherwise (then clipped to [0, H - h]); V_H = 0.  The next-stage value is
    the greedy V_h(s) = max_a Q_h(s, a) (``greedy``: NORA-Tab's target Q*) or the policy's
    V_h(s) = <pi_h(.|s), Q_h(s, .)> (DOUHUA's on-policy evaluation).

    Parameters
    ----------
    n, R : ndarray(float, (H, S, A)); nsas : ndarray(float, (H, S, A, S))
    pi : ndarray(float, (H, S, A)), the evaluated policy (not read when ``greedy``)
    greedy : bool; bonus : float, c_b H sqrt(L); optimistic : bool; unvisited : float
    Q : ndarray(float, (H, S, A)), output

    References
    ----------
    Tan, Fan, Wei (2025), ICML (NORA critic, spec §3.2.2; DOUHUA critic, spec §3.1);
    Azar, Osband, Munos (2017), ICML (UCBVI's optimistic empirical backup).
    """
    H, S, A = n.shape
    V, nv = np.zeros(S), np.zeros(S)
    for h in range(H - 1, -1, -1):
        cap = float(H - h)
        for s in range(S):
            nv[s] = 0.0
            for a in range(A):
                c = n[h, s, a]
                if c == 0.0:
                    q = cap if optimistic else unvisited
                else:
                    q = R[h, s, a]
                    for s2 in range(S):
                        q += nsas[h, s, a, s2] * V[s2]
                    q /= c
                    if optimistic:
                        q += bonus / math.sqrt(c)
                Q[h, s, a] = min(max(q, 0.0), cap)
                if not greedy:
                    nv[s] += pi[h, s, a] * Q[h, s, a]
            if greedy:
                nv[s] = np.max(Q[h, s])
        V[:] = nv


def optimistic_q_backup_numpy(n, nsas, R, pi, greedy, bonus, optimistic, unvisited) -> np.ndarray:
    """Plain-numpy reference of :func:`optimistic_q_backup`; returns Q (H, S, A).

    References
    ----------
    Spec §3.1 and §3.2.2.
    """
    H, S, A = n.shape
    Q, V = np.zeros((H, S, A)), np.zeros(S)
    safe = np.maximum(n, 1.0)
    for h in range(H - 1, -1, -1):
        q = (R[h] + nsas[h] @ V) / safe[h] + (bonus / np.sqrt(safe[h]) if optimistic else 0.0)
        Q[h] = np.clip(np.where(n[h] == 0, float(H - h) if optimistic else unvisited, q), 0.0, H - h)
        V = Q[h].max(-1) if greedy else (pi[h] * Q[h]).sum(-1)
    return Q
