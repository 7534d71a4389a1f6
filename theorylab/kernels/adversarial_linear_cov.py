"""Covariance inverses, trajectory sampling and dilated bonuses for linear-Q policy optimization.

Symbols (spec §2-§3.0): layered kernel P (H, S, A, S) starting in slot 0 of layer 0, features
phi (H, S, A, d), policy pi (H, S, A), occupancy q_h(s, a), covariance
Sigma_h = sum_{s,a} q_h(s, a) phi phi^T, regularised inverse Sinv_h ~ (gamma I + Sigma_h)^{-1}.

* exact: Sinv_h = (gamma I + Sigma_h)^{-1} from the exact occupancy (idealised simulator);
* direct (spec §3.0(b)3, reconstruction): M rollouts, action-averaged empirical covariance
  Sigma~_h = (1/M) sum_i sum_a pi(a | s_i) phi phi^T, Sinv_h = (gamma I + Sigma~_h)^{-1};
* mgr (Neu & Olkhovskaya 2020): Z_0 = I, Z_i = Z_{i-1} (I - c (gamma I + phi_i phi_i^T)),
  Sinv_h = c I + c sum_{i=1}^M Z_i, using O(d^2) rank-one updates.

Bonuses (spec §3.0(c)): b(s, a) = beta ||phi(s, a)||^2_Sinv + beta sum_a' pi(a'|s)
||phi(s, a')||^2_Sinv and the dilated recursion B_h = b_h + (1 + 1/H) P_h (pi B)_{h+1}.
Trajectories are sampled by inverse CDF from uniforms drawn in Python (u[..., 0] for the
action, u[..., 1] for the next state).
"""
from __future__ import annotations

import numpy as np

from .._numba import njit

__all__ = ["occupancy_numpy", "cov_exact_numpy", "rollouts_numpy", "cov_direct_numpy",
           "cov_mgr_numpy", "dilated_bonus_numpy"]


@njit
def _occupancy(P, pi, q):
    S = pi.shape[1]
    _occupancy_buf(P, pi, q, np.empty(S), np.empty(S))


@njit
def _occupancy_buf(P, pi, q, dist, nxt):
    """:func:`_occupancy` with work vectors dist, nxt (S,) supplied by the caller."""
    H, S, A = pi.shape
    dist[:] = 0.0
    dist[0] = 1.0
    for h in range(H):
        nxt[:] = 0.0
        for s in range(S):
            for a in range(A):
                w = dist[s] * pi[h, s, a]
                q[h, s, a] = w
                if w > 0.0 and h + 1 < H:  # the last layer has no successor
                    for t in range(S):
                        nxt[t] += w * P[h, s, a, t]
        dist[:] = nxt


@njit
def _is_diagonal(M):
    for i in range(M.shape[0]):
        for j in range(M.shape[1]):
            if i != j and M[i, j] != 0.0:
                return False
    return True


@njit
def _inv_regularised(Sig, gamma, out):
    """out = (gamma I + Sig)^{-1} for symmetric PSD Sig, by Cholesky (no LAPACK call).

    A diagonal Sig (one-hot features) is inverted in O(d^2); zero entries of the factor
    are skipped otherwise.
    """
    d = Sig.shape[0]
    _inv_regularised_buf(Sig, gamma, out, np.empty((d, d)), np.empty((d, d)))


@njit
def _inv_regularised_buf(Sig, gamma, out, L, Li):
    """:func:`_inv_regularised` with the factor L and its inverse Li (d, d) as work arrays."""
    d = Sig.shape[0]
    if _is_diagonal(Sig):
        out[:, :] = 0.0
        for i in range(d):
            out[i, i] = 1.0 / (Sig[i, i] + gamma)
        return
    L[:, :] = 0.0
    for j in range(d):
        acc = Sig[j, j] + gamma
        for k in range(j):
            acc -= L[j, k] * L[j, k]
        L[j, j] = np.sqrt(acc)
        for i in range(j + 1, d):
            acc = Sig[i, j]
            for k in range(j):
                if L[j, k] != 0.0:
                    acc -= L[i, k] * L[j, k]
            L[i, j] = acc / L[j, j]
    Li[:, :] = 0.0  # inverse of the lower factor, column by column
    for c in range(d):
        Li[c, c] = 1.0 / L[c, c]
        for i in range(c + 1, d):
            acc = 0.0
            for k in range(c, i):
                if Li[k, c] != 0.0:
                    acc -= L[i, k] * Li[k, c]
            Li[i, c] = acc / L[i, i]
    for i in range(d):  # out = Li^T Li
        for j in range(i, d):
            acc = 0.0
            for k in range(j, d):
                if Li[k, i] != 0.0:
                    acc += Li[k, i] * Li[k, j]
            out[i, j] = acc
            out[j, i] = acc


@njit
def _accumulate(Sig, f, w):
    """Sig += w f f^T on the upper triangle, skipping zero entries of f (one-hot features)."""
    d = f.shape[0]
    for i in range(d):
        if f[i] != 0.0:
            wf = w * f[i]
            for j in range(i, d):
                Sig[i, j] += wf * f[j]


@njit
def _symmetrise_upper(Sig):
    for i in range(Sig.shape[0]):
        for j in range(i):
            Sig[i, j] = Sig[j, i]


@njit
def _cov_exact(phi, q, gamma, Sinv):
    H, S, A, d = phi.shape
    Sig = np.empty((d, d))
    for h in range(H):
        Sig[:, :] = 0.0
        for s in range(S):
            for a in range(A):
                if q[h, s, a] > 0.0:
                    _accumulate(Sig, phi[h, s, a], q[h, s, a])
        _symmetrise_upper(Sig)
        _inv_regularised(Sig, gamma, Sinv[h])


@njit
def _sample(probs, u):
    acc = 0.0
    n = probs.shape[0]
    for i in range(n):
        acc += probs[i]
        if u < acc:
            return i
    for i in range(n - 1, -1, -1):  # u beyond the rounded total: last positive entry
        if probs[i] > 0.0:
            return i
    return n - 1


@njit
def _rollouts(P, pi, u, states, actions):
    """Sample M trajectories; u (M, H, 2), states/actions (M, H)."""
    M, H = states.shape
    for i in range(M):
        s = 0
        for h in range(H):
            a = _sample(pi[h, s], u[i, h, 0])
            states[i, h], actions[i, h] = s, a
            if h + 1 < H:
                s = _sample(P[h, s, a], u[i, h, 1])


@njit
def _cov_direct(phi, pi, states, gamma, Sinv):
    M, H = states.shape
    S, A, d = phi.shape[1], phi.shape[2], phi.shape[3]
    Sig, w = np.empty((d, d)), np.empty(S)
    for h in range(H):
        w[:] = 0.0  # empirical state frequencies at layer h
        for i in range(M):
            w[states[i, h]] += 1.0 / M
        Sig[:, :] = 0.0
        for s in range(S):
            for a in range(A):
                if w[s] * pi[h, s, a] > 0.0:
                    _accumulate(Sig, phi[h, s, a], w[s] * pi[h, s, a])
        _symmetrise_upper(Sig)
        _inv_regularised(Sig, gamma, Sinv[h])


@njit
def _cov_mgr(phi, states, actions, gamma, c, Sinv):
    M, H = states.shape
    d = phi.shape[3]
    for h in range(H):
        Z = np.eye(d)
        acc = np.zeros((d, d))
        for i in range(M):
            f = phi[h, states[i, h], actions[i, h]]
            Zf = Z @ f
            Z = (1.0 - c * gamma) * Z - c * np.outer(Zf, f)
            acc += Z
        Sinv[h] = c * (np.eye(d) + acc)


@njit
def _quad(Sinv, f):
    """f^T Sinv f, skipping zero entries of f."""
    d = f.shape[0]
    acc = 0.0
    for i in range(d):
        if f[i] != 0.0:
            r = 0.0
            for j in range(d):
                r += Sinv[i, j] * f[j]
            acc += f[i] * r
    return acc


@njit
def _dilated_bonus(P, phi, pi, Sinv, beta, b, B):
    H, S, A, d = phi.shape
    for h in range(H):
        for s in range(S):
            for a in range(A):
                b[h, s, a] = _quad(Sinv[h], phi[h, s, a])
    _dilate(P, pi, beta, b, B, np.empty(S))


@njit
def _dot4(x, y):
    """<x, y> for vectors (n,) with four partial sums (independent addition chains)."""
    n = x.shape[0]
    a0 = a1 = a2 = a3 = 0.0
    i = 0
    while i + 4 <= n:
        a0, a1 = a0 + x[i] * y[i], a1 + x[i + 1] * y[i + 1]
        a2, a3 = a2 + x[i + 2] * y[i + 2], a3 + x[i + 3] * y[i + 3]
        i += 4
    for j in range(i, n):
        a0 += x[j] * y[j]
    return (a0 + a1) + (a2 + a3)


@njit
def _dilate(P, pi, beta, b, B, vb):
    """Turn the quadratic forms b[h, s, a] = ||phi(s, a)||^2_Sinv_h into the bonus
    b = beta (w + sum_a' pi(a'|s) w(s, a')) in place and fill the dilated bonus
    B_h = b_h + (1 + 1/H) P_h (pi B)_{h+1}; vb (S,) is scratch space."""
    H, S, A = pi.shape
    vb[:] = 0.0  # sum_a pi(a|s') B(s', a) at the next layer
    for h in range(H - 1, -1, -1):
        for s in range(S):
            mean = _dot4(pi[h, s], b[h, s])
            for a in range(A):
                b[h, s, a] = beta * (b[h, s, a] + mean)
                nxt = 0.0
                if h + 1 < H:
                    for t in range(S):
                        nxt += P[h, s, a, t] * vb[t]
                B[h, s, a] = b[h, s, a] + (1.0 + 1.0 / H) * nxt
        for s in range(S):
            vb[s] = _dot4(pi[h, s], B[h, s])


def occupancy_numpy(P, pi) -> np.ndarray:
    """Occupancy q[h, s, a] of pi from slot 0 of layer 0, shape (H, S, A) (numpy reference).

    References
    ----------
    Zimin & Neu (2013), occupancy measures of loop-free MDPs.
    """
    H, S, A = pi.shape
    q = np.empty((H, S, A))
    dist = np.zeros(S)
    dist[0] = 1.0
    for h in range(H):
        q[h] = dist[:, None] * pi[h]
        dist = np.einsum("sa,sat->t", q[h], P[h])
    return q


def cov_exact_numpy(phi, q, gamma: float) -> np.ndarray:
    """(gamma I + Sigma_h)^{-1} per layer from the exact occupancy, shape (H, d, d).

    References
    ----------
    Spec §3.0(b)1 (exact mode).
    """
    d = phi.shape[-1]
    Sig = np.einsum("hsa,hsai,hsaj->hij", q, phi, phi)
    return np.linalg.inv(Sig + gamma * np.eye(d))


def rollouts_numpy(P, pi, u) -> tuple:
    """Inverse-CDF trajectories from slot 0; u (M, H, 2) -> states, actions (M, H).

    References
    ----------
    Spec §2 (simulator access to rollouts of any policy).
    """
    M, H = u.shape[:2]
    states, actions = np.zeros((M, H), np.int64), np.zeros((M, H), np.int64)
    s = np.zeros(M, np.int64)
    for h in range(H):
        cdf = np.cumsum(pi[h, s], -1)
        a = np.minimum((u[:, h, 0][:, None] >= cdf).sum(-1), pi.shape[2] - 1)
        states[:, h], actions[:, h] = s, a
        if h + 1 < H:
            cdf = np.cumsum(P[h, s, a], -1)
            s = np.minimum((u[:, h, 1][:, None] >= cdf).sum(-1), P.shape[3] - 1)
    return states, actions


def cov_direct_numpy(phi, pi, states, gamma: float) -> np.ndarray:
    """Direct inverse of the action-averaged empirical covariance, shape (H, d, d).

    References
    ----------
    Spec §3.0(b)3 (reconstruction of the paper's "better alternative to MGR").
    """
    H, d = phi.shape[0], phi.shape[-1]
    out = np.empty((H, d, d))
    for h in range(H):
        s = states[:, h]
        Sig = np.einsum("ma,mai,maj->ij", pi[h, s], phi[h, s], phi[h, s]) / len(s)
        out[h] = np.linalg.inv(Sig + gamma * np.eye(d))
    return out


def cov_mgr_numpy(phi, states, actions, gamma: float, c: float) -> np.ndarray:
    """Matrix Geometric Resampling estimate of (gamma I + Sigma_h)^{-1}, shape (H, d, d).

    References
    ----------
    Neu & Olkhovskaya (2020), "Efficient and robust algorithms for adversarial linear
    contextual bandits", COLT, §3 (MGR); spec §3.0(b)2.
    """
    H, d = phi.shape[0], phi.shape[-1]
    out = np.empty((H, d, d))
    for h in range(H):
        Z, acc = np.eye(d), np.zeros((d, d))
        for i in range(states.shape[0]):
            f = phi[h, states[i, h], actions[i, h]]
            Z = Z @ (np.eye(d) - c * (gamma * np.eye(d) + np.outer(f, f)))
            acc += Z
        out[h] = c * (np.eye(d) + acc)
    return out


def dilated_bonus_numpy(P, phi, pi, Sinv, beta: float) -> tuple:
    """Bonus b and dilated bonus B, each (H, S, A) (numpy reference).

    References
    ----------
    Luo, Wei, Lee (2021), "Policy optimization in adversarial MDPs: improved exploration via
    dilated bonuses", NeurIPS, §3; spec §3.0(c).
    """
    H, S, A, _ = phi.shape
    w = np.einsum("hsai,hij,hsaj->hsa", phi, Sinv, phi)
    b = beta * (w + (pi * w).sum(-1, keepdims=True))
    B = np.zeros((H, S, A))
    for h in range(H - 1, -1, -1):
        nxt = P[h] @ (pi[h + 1] * B[h + 1]).sum(-1) if h + 1 < H else 0.0
        B[h] = b[h] + (1.0 + 1.0 / H) * nxt
    return b, B
