"""One numba kernel per run of the simulator-free epoch template (spec §3.3).

:func:`simfree_run` plays all K episodes of LB-PO-LinMDP / LUO21-SF in a single call:
phase 0 (T_0 episodes of the cover policy), then epochs of W episodes with a fixed policy
pi_j, each episode playing the cover with flag Y = 1 (drawn in Python), and after each epoch
the D1/D2/D3 estimates (covariance inverse, loss estimate, optimistic least-squares dilated
bonus) and the FTRL update C += W (Q-hat - B-hat).  The numpy reference is
:func:`theorylab.algorithms.adversarial_linear.simulator_free.run_simulator_free_numpy`;
both consume the same uniforms, so they agree to rounding (tested to 1e-9).

Randomness (drawn by the caller): ``u[k, h, 0]`` picks the action and ``u[k, h, 1]`` the next
state by inverse CDF; ``y[k]`` is the cover flag of episode k (ignored in phase 0).
Diagnostic rows follow ``DIAGNOSTICS`` of :mod:`~theorylab.algorithms.adversarial_linear._base`:
big-negative fraction, max |Q-hat|, max eta W B-hat, entropy at s_1, min pi.
"""
from __future__ import annotations

import numpy as np

from .._numba import njit
from .adversarial_linear_cov import (_accumulate, _cov_mgr, _inv_regularised, _occupancy, _quad, _sample,
                                     _symmetrise_upper)
from .adversarial_linear_ftrl import SOLVERS, _policy_from_losses

__all__ = ["simfree_run"]


@njit
def _play(P, phi, G, pi, pi_cov, q, u, y, k0, n, phase0, st, ac, played, values, returns):
    """Exact values (occupancy q of the mixture) and sampled trajectories of episodes k0..k0+n-1."""
    H, S, A, d = phi.shape
    qphi = np.zeros((H, d))  # sum_{s,a} q_h(s, a) phi_h(s, a)
    for h in range(H):
        for s in range(S):
            for a in range(A):
                for i in range(d):
                    qphi[h, i] += q[h, s, a] * phi[h, s, a, i]
    for t in range(n):
        k = k0 + t
        v, tot, s = 0.0, 0.0, 0
        cover = phase0 or y[k]
        for h in range(H):
            for i in range(d):
                v += qphi[h, i] * G[k, h, i]
            a = _sample(pi_cov[h, s] if cover else pi[h, s], u[k, h, 0])
            st[t, h], ac[t, h] = s, a
            loss = 0.0
            for i in range(d):
                loss += phi[h, s, a, i] * G[k, h, i]
            played[t, h] = loss
            tot += loss
            if h + 1 < H:
                s = _sample(P[h, s, a], u[k, h, 1])
        values[k], returns[k] = v, tot


@njit
def _sinv_direct(phi, pi, pi_cov, y, k0, n, st, gamma, Sinv):
    """(gamma I + Sigma~_h)^{-1}: action-averaged covariance of the played mixture on D1 (t mod 3 = 0)."""
    H, S, A, d = phi.shape
    n1 = (n + 2) // 3
    Sig = np.empty((d, d))
    for h in range(H):
        Sig[:, :] = 0.0
        for t in range(0, n, 3):
            s = st[t, h]
            for a in range(A):
                w = (pi_cov[h, s, a] if y[k0 + t] else pi[h, s, a]) / n1
                if w > 0.0:
                    _accumulate(Sig, phi[h, s, a], w)
        _symmetrise_upper(Sig)
        _inv_regularised(Sig, gamma, Sinv[h])


@njit
def _qhat(phi, Sinv, y, k0, n, st, ac, played, qhat):
    """Q-hat_h = phi theta_h, theta_h = Sinv_h mean_{t in D2} (1 - Y_t) phi(s_th, a_th) L_th."""
    H, S, A, d = phi.shape
    n2 = (n + 1) // 3
    g = np.zeros((H, d))
    for t in range(1, n, 3):
        if y[k0 + t]:
            continue
        L = 0.0
        for h in range(H - 1, -1, -1):
            L += played[t, h]
            for i in range(d):
                g[h, i] += phi[h, st[t, h], ac[t, h], i] * L / n2
    for h in range(H):
        theta = Sinv[h] @ g[h]
        for s in range(S):
            for a in range(A):
                acc = 0.0
                for i in range(d):
                    acc += phi[h, s, a, i] * theta[i]
                qhat[h, s, a] = acc


@njit
def _bonus(phi, pi, Sinv, beta, b):
    """b = beta ||phi||^2_Sinv + beta sum_a' pi(a'|s) ||phi(s, a')||^2_Sinv; returns max b."""
    H, S, A, d = phi.shape
    w = np.empty(A)
    bmax = -np.inf
    for h in range(H):
        for s in range(S):
            mean = 0.0
            for a in range(A):
                w[a] = _quad(Sinv[h], phi[h, s, a])
                mean += pi[h, s, a] * w[a]
            for a in range(A):
                b[h, s, a] = beta * (w[a] + mean)
                bmax = max(bmax, b[h, s, a])
    return bmax


@njit
def _lspe(phi, pi, b, st, ac, ridge, rho, b_max, B):
    """Optimistic least-squares dilated bonus from the trajectories st, ac (n, H); see ``lspe_bonus``."""
    H, S, A, d = phi.shape
    nxt = np.zeros(S)
    Sig, lam_inv, rhs, w = np.empty((d, d)), np.empty((d, d)), np.empty(d), np.zeros(d)
    for h in range(H - 1, -1, -1):
        if h + 1 < H:
            Sig[:, :], rhs[:] = 0.0, 0.0
            for t in range(st.shape[0]):
                f = phi[h, st[t, h], ac[t, h]]
                _accumulate(Sig, f, 1.0)
                rhs += f * nxt[st[t, h + 1]]
            _symmetrise_upper(Sig)
            _inv_regularised(Sig, ridge, lam_inv)
            w = lam_inv @ rhs
        for s in range(S):
            for a in range(A):
                v = b[h, s, a]
                if h + 1 < H:
                    f = phi[h, s, a]
                    v += (1.0 + 1.0 / H) * (f @ w + rho * np.sqrt(max(_quad(lam_inv, f), 0.0)))
                B[h, s, a] = min(b_max, v)
        for s in range(S):
            acc = 0.0
            for a in range(A):
                acc += pi[h, s, a] * B[h, s, a]
            nxt[s] = acc


@njit
def _learn(phi, pi, pi_cov, y, k0, n, st, ac, played, prm, mgr, C, diag):
    """One epoch's estimates, diagnostics (diag rows 0-2 at k0..k0+n-1) and update C += W (Q-hat - B-hat)."""
    H, S, A, d = phi.shape
    gamma, beta, eta, rho, ridge, mgr_step, W, b_cap = prm[0], prm[1], prm[2], prm[3], prm[4], prm[5], prm[6], prm[7]
    Sinv = np.empty((H, d, d))
    if mgr:
        d1 = np.arange(0, n, 3)
        _cov_mgr(phi, st[d1], ac[d1], gamma, mgr_step, Sinv)
    else:
        _sinv_direct(phi, pi, pi_cov, y, k0, n, st, gamma, Sinv)
    qhat, b, B = np.empty((H, S, A)), np.empty((H, S, A)), np.empty((H, S, A))
    _qhat(phi, Sinv, y, k0, n, st, ac, played, qhat)
    b_max = b_cap * H * _bonus(phi, pi, Sinv, beta, b)
    d3 = np.arange(2, n, 3)
    _lspe(phi, pi, b, st[d3], ac[d3], ridge, rho, b_max, B)
    neg, qmax, bmax = 0.0, 0.0, -np.inf
    for h in range(H):
        for s in range(S):
            for a in range(A):
                if eta * W * pi[h, s, a] * qhat[h, s, a] < -0.5:
                    neg += 1.0
                qmax, bmax = max(qmax, abs(qhat[h, s, a])), max(bmax, B[h, s, a])
                C[h, s, a] += W * (qhat[h, s, a] - B[h, s, a])
    diag[0, k0:k0 + n] = neg / (H * S * A)
    diag[1, k0:k0 + n] = qmax
    diag[2, k0:k0 + n] = eta * W * bmax


@njit
def _run(P, phi, G, u, y, T0, prm, solver, mgr, values, returns, diag):
    """All K episodes: phase 0 of T0 cover episodes, then epochs of W = prm[6] episodes."""
    K, H = G.shape[0], G.shape[1]
    S, A = phi.shape[1], phi.shape[2]
    delta, eta, W = prm[8], prm[2], int(prm[6])
    pi_cov = np.full((H, S, A), 1.0 / A)
    pi, C = pi_cov.copy(), np.zeros((H, S, A))
    q_cov, q_pi, q = np.empty((H, S, A)), np.empty((H, S, A)), np.empty((H, S, A))
    _occupancy(P, pi_cov, q_cov)
    m = max(T0, W)
    st, ac, played = np.zeros((m, H), np.int64), np.zeros((m, H), np.int64), np.zeros((m, H))
    diag[3, :], diag[4, :] = np.log(A), 1.0 / A
    if T0 > 0:
        _play(P, phi, G, pi_cov, pi_cov, q_cov, u, y, 0, T0, True, st, ac, played, values, returns)
    for k0 in range(T0, K, W):
        n = min(K, k0 + W) - k0
        _policy_from_losses(C, eta, solver, pi)
        _occupancy(P, pi, q_pi)
        q[:, :, :] = delta * q_cov + (1.0 - delta) * q_pi
        _play(P, phi, G, pi, pi_cov, q, u, y, k0, n, False, st, ac, played, values, returns)
        ent = 0.0
        for a in range(A):
            ent -= pi[0, 0, a] * np.log(pi[0, 0, a])
        diag[3, k0:k0 + n], diag[4, k0:k0 + n] = ent, pi.min()
        if n >= 3:
            _learn(phi, pi, pi_cov, y, k0, n, st, ac, played, prm, mgr, C, diag)


def simfree_run(P, phi, G, u, y, T0: int, prm: dict, solver: str, mgr: bool) -> tuple:
    """Run the simulator-free template for all K episodes in one numba call.

    Parameters
    ----------
    P : ndarray(float, (H, S, A, S)); phi : ndarray(float, (H, S, A, d)); G : ndarray(float, (K, H, d))
    u : ndarray(float, (K, H, 2)) action / next-state uniforms
    y : ndarray(bool, (K,)) cover flags (delta_e-coin of each episode; ignored in phase 0)
    T0 : int, phase-0 length; prm : dict with gamma, beta, eta, rho, ridge, mgr_step, W, delta
    solver : {"log_barrier", "exp_weights"}; mgr : bool, MGR (True) or direct inverse (False) on D1

    Returns
    -------
    values : ndarray (K,), exact expected loss of each episode's randomised choice
    returns : ndarray (K,), realised loss of each episode
    diag : ndarray (5, K), diagnostics in the order of ``DIAGNOSTICS``

    References
    ----------
    Luo, Wei, Lee (2021), NeurIPS, simulator-free template; Dai, Luo, Wei, Zimmert (2023), ICML,
    Algorithm 3 (structure only); spec §3.3.
    """
    K = G.shape[0]
    if u.shape != (K, G.shape[1], 2) or y.shape != (K,):
        raise ValueError(f"u must have shape {(K, G.shape[1], 2)} and y shape {(K,)}, got {u.shape}, {y.shape}")
    vec = np.array([prm["gamma"], prm["beta"], prm["eta"], prm["rho"], prm["ridge"], prm["mgr_step"],
                    float(prm["W"]), prm["b_cap"], prm["delta"]], dtype=np.float64)
    values, returns, diag = np.empty(K), np.empty(K), np.zeros((5, K))
    _run(np.ascontiguousarray(P, np.float64), np.ascontiguousarray(phi, np.float64),
         np.ascontiguousarray(G, np.float64), np.ascontiguousarray(u, np.float64), np.ascontiguousarray(y, np.bool_),
         int(T0), vec, SOLVERS[solver], bool(mgr), values, returns, diag)
    return values, returns, diag
