"""The shared episode loop of linear-Q policy optimization (one numba kernel per run).

Per episode k (spec §3.1): pi_k from the cumulative tables C by the per-state solver; the
exact value V^{pi_k}_k(s_1) with the true loss l_k (bookkeeping, spec §3.0(e)); Sinv_{k,h}
from the covariance mode (independent of the played trajectory); bonuses b_k and dilated
bonuses B_k; one played trajectory; the estimator
theta_h = Sinv_h phi(s_h, a_h) L_h with L_h the realised loss-to-go, Q-hat = phi theta_h,
optionally magnitude-reduced max(Q-hat, -clip) (or its centred variant); C += Q~ - B.

Diagnostics per episode (spec §4.3), columns of ``diag`` (K, 5): fraction of (h, s, a) with
eta pi Q-hat < -1/2, max |Q-hat|, max eta B, policy entropy at s_1, min pi.

Cost per episode, O(H S A (S + n)) with n = m (m + 1) / 2 feature pairs (m = largest feature
support): the feature tables of ``kernels.adversarial_linear_sparse`` are built once per run
inside the kernel; <phi, x>, Sigma_h and ||phi||^2_Sinv run as unit-stride loops over (s, a);
sums over actions use four partial sums; nothing is allocated per episode.  The per-state
log-barrier step takes 2-6 Newton evaluations (see ``kernels.adversarial_linear_ftrl``).
"""
from __future__ import annotations

import numpy as np

from ..._numba import njit
from ...kernels.adversarial_linear_cov import (_cov_direct, _cov_mgr, _dot4, _occupancy_buf, _rollouts,
                                               cov_direct_numpy, cov_exact_numpy, cov_mgr_numpy,
                                               dilated_bonus_numpy, occupancy_numpy, rollouts_numpy)
from ...kernels.adversarial_linear_ftrl import _min4, _policy_from_losses_buf, policy_from_losses_numpy
from ...kernels.adversarial_linear_sparse import _cov_exact_nz, _dilated_bonus_nz, _dot_nz, _feature_tables, _phi_dot

COV_MODES = {"exact": 0, "mgr": 1, "direct": 2}
N_DIAG = 5


@njit
def _evaluate_nz(P, fi, fv, dense, g, pi, ell, Q, V, Vn):
    """Losses ell[h, s, a] = <phi_h(s, a), g_h>, g (H, d), and Q^pi for them into Q (both
    C-contiguous); returns V^pi(s_1); V, Vn (S,) are work vectors."""
    H, S, A = pi.shape
    V[:] = 0.0
    for h in range(H - 1, -1, -1):
        _phi_dot(fi, fv, dense, h, g[h], ell[h].reshape(S * A))
        for s in range(S):
            for a in range(A):
                nxt = 0.0
                if h + 1 < H:
                    for t in range(S):
                        nxt += P[h, s, a, t] * V[t]
                Q[h, s, a] = ell[h, s, a] + nxt
            Vn[s] = _dot4(pi[h, s], Q[h, s])
        V[:] = Vn
    return V[0]


@njit
def _update_nz(fi, fv, dense, Sinv, st, ac, ell, pi, B, Qtrue, eta, clip, centered, fullinfo, C, diag, Lh, qh,
               theta):
    """Estimate Q-hat from one trajectory, magnitude-reduce, add Q~ - B to C and fill diag;
    Lh (H,), qh (S A,), theta (d,) are work arrays."""
    H, S, A = pi.shape
    d = theta.shape[0]
    L = 0.0
    for h in range(H - 1, -1, -1):
        L += ell[h, st[h], ac[h]]
        Lh[h] = L
    nneg, qmax, bmax = 0, 0.0, 0.0
    for h in range(H):
        j = st[h] * A + ac[h]
        for i in range(d):
            theta[i] = _dot_nz(fi[h, :, j], fv[h, :, j], Sinv[h, i]) * Lh[h]
        if fullinfo:
            qh[:] = Qtrue[h].reshape(S * A)
        else:
            _phi_dot(fi, fv, dense, h, theta, qh)
        for s in range(S):
            mean = _dot4(pi[h, s], qh[s * A:(s + 1) * A]) if centered else 0.0
            for a in range(A):
                q, bb = qh[s * A + a], B[h, s, a]
                qmax, bmax = max(qmax, abs(q)), max(bmax, bb)
                if eta * pi[h, s, a] * q < -0.5:
                    nneg += 1
                q = mean + max(q - mean, -clip) if centered else max(q, -clip)
                C[h, s, a] += q - bb
    diag[1], diag[2] = max(diag[1], qmax), max(diag[2], eta * bmax)
    diag[0] = nneg / (H * S * A)


@njit
def _play(P, pi, ell, ua, ue, st, ac, u1, diag):
    """Sample the played trajectory from (ua, ue) (H,), fill entropy and min pi; returns its loss."""
    H, S, A = pi.shape
    for h in range(H):
        u1[0, h, 0], u1[0, h, 1] = ua[h], ue[h]
    _rollouts(P, pi, u1, st, ac)
    ret, ent = 0.0, 0.0
    for h in range(H):
        ret += ell[h, st[0, h], ac[0, h]]
    for a in range(A):
        ent -= pi[0, 0, a] * np.log(pi[0, 0, a] + 1e-300)
    diag[3], diag[4] = ent, min(1.0, _min4(pi.reshape(H * S * A)))
    return ret


@njit
def _episode_loop(P, phi, G, u_act, u_env, u_cov, solver, eta, beta, gamma, clip,
                  centered, fullinfo, cov_mode, c_mgr, C, values, returns, diag):
    K, H, S, A, d = G.shape[0], P.shape[0], P.shape[1], P.shape[2], phi.shape[3]
    fi, fv, pk, pc, pq, diagonal, dense = _feature_tables(phi)
    pi, ell, Q = np.empty((H, S, A)), np.empty((H, S, A)), np.empty((H, S, A))
    q, b, B = np.empty((H, S, A)), np.zeros((H, S, A)), np.zeros((H, S, A))
    Sinv, Sig, Lf, Li = np.zeros((H, d, d)), np.zeros((d, d)), np.zeros((d, d)), np.zeros((d, d))
    M = u_cov.shape[1]
    cs, ca = np.zeros((M, H), np.int64), np.zeros((M, H), np.int64)
    st, ac = np.zeros((1, H), np.int64), np.zeros((1, H), np.int64)
    u1 = np.empty((1, H, 2))
    V, Vn, vb, Lh = np.zeros(S), np.zeros(S), np.zeros(S), np.zeros(H)
    qh, theta, wA = np.zeros(S * A), np.zeros(d), np.zeros(A)
    for k in range(K):
        _policy_from_losses_buf(C, eta, solver, pi, wA)
        values[k] = _evaluate_nz(P, fi, fv, dense, G[k], pi, ell, Q, V, Vn)
        returns[k] = _play(P, pi, ell, u_act[k], u_env[k], st, ac, u1, diag[k])
        if solver == 3:
            continue
        if not fullinfo:
            if cov_mode == 0:
                _occupancy_buf(P, pi, q, V, Vn)
                _cov_exact_nz(pk, pc, dense, q, gamma, diagonal, Sig, Sinv, Lf, Li)
            else:
                _rollouts(P, pi, u_cov[k], cs, ca)
                if cov_mode == 1:
                    _cov_mgr(phi, cs, ca, gamma, c_mgr, Sinv)
                else:
                    _cov_direct(phi, pi, cs, gamma, Sinv)
        if beta > 0.0:
            _dilated_bonus_nz(P, pk, pq, dense, pi, Sinv, beta, b, B, vb)
        _update_nz(fi, fv, dense, Sinv, st[0], ac[0], ell, pi, B, Q, eta, clip, centered, fullinfo, C, diag[k],
                   Lh, qh, theta)


def episode_loop(P, phi, G, u_act, u_env, u_cov, params: dict) -> tuple:
    """Run the numba episode loop; returns (values (K,), returns (K,), diag (K, 5), C).

    Parameters
    ----------
    P : ndarray (H, S, A, S); phi : ndarray (H, S, A, d); G : ndarray (K, H, d)
    u_act, u_env : ndarray (K, H) uniforms for the played actions and transitions
    u_cov : ndarray (K, M, H, 2) simulator uniforms (M = 0 in exact mode)
    params : dict with solver (int), eta, beta, gamma, clip, centered, fullinfo, cov_mode
        (int), c_mgr

    References
    ----------
    Spec §3.1 (Algorithm 1 loop) and §3.0 (building blocks).
    """
    K, H, S, A = G.shape[0], P.shape[0], P.shape[1], P.shape[2]
    C = np.zeros((H, S, A))
    values, returns, diag = np.empty(K), np.empty(K), np.zeros((K, N_DIAG))
    phi = np.ascontiguousarray(phi, dtype=np.float64)
    _episode_loop(P, phi, G, u_act, u_env, u_cov, params["solver"], params["eta"], params["beta"],
                  params["gamma"], params["clip"], params["centered"], params["fullinfo"],
                  params["cov_mode"], params["c_mgr"], C, values, returns, diag)
    return values, returns, diag, C


_SOLVER_NAMES = ("log_barrier", "exp_weights", "greedy", "uniform")


def episode_loop_numpy(P, phi, G, u_act, u_env, u_cov, params: dict) -> tuple:
    """Plain-numpy reference of :func:`episode_loop` (same inputs, same outputs).

    References
    ----------
    Spec §3.1; design rule 2 (every kernel has a numpy reference).
    """
    K, H, S, A = G.shape[0], P.shape[0], P.shape[1], P.shape[2]
    C, B = np.zeros((H, S, A)), np.zeros((H, S, A))
    values, returns, diag = np.empty(K), np.empty(K), np.zeros((K, N_DIAG))
    eta = params["eta"]
    for k in range(K):
        pi = policy_from_losses_numpy(C, eta, _SOLVER_NAMES[params["solver"]])
        ell = np.einsum("hsad,hd->hsa", phi, G[k])
        Q, values[k] = _evaluate_numpy(P, ell, pi)
        st, ac = rollouts_numpy(P, pi, np.stack([u_act[k], u_env[k]], -1)[None])
        st, ac = st[0], ac[0]
        returns[k] = ell[np.arange(H), st, ac].sum()
        diag[k, 3], diag[k, 4] = -np.sum(pi[0, 0] * np.log(pi[0, 0] + 1e-300)), pi.min()
        if params["solver"] == 3:
            continue
        Sinv = _sinv_numpy(P, phi, pi, u_cov[k], params)
        if params["beta"] > 0:
            B = dilated_bonus_numpy(P, phi, pi, Sinv, params["beta"])[1]
        Lh = np.cumsum(ell[np.arange(H), st, ac][::-1])[::-1]
        theta = np.einsum("hij,hj->hi", Sinv, phi[np.arange(H), st, ac]) * Lh[:, None]
        qh = Q if params["fullinfo"] else np.einsum("hsad,hd->hsa", phi, theta)
        diag[k, 0] = np.mean(eta * pi * qh < -0.5)
        diag[k, 1], diag[k, 2] = np.abs(qh).max(), (eta * B).max()
        if params["centered"]:
            m = (pi * qh).sum(-1, keepdims=True)
            qt = m + np.maximum(qh - m, -params["clip"])
        else:
            qt = np.maximum(qh, -params["clip"])
        C += qt - B
    return values, returns, diag, C


def _evaluate_numpy(P, ell, pi):
    H, S, A = ell.shape
    Q, V = np.empty((H, S, A)), np.zeros(S)
    for h in range(H - 1, -1, -1):
        Q[h] = ell[h] + (P[h] @ V if h + 1 < H else 0.0)
        V = (pi[h] * Q[h]).sum(-1)
    return Q, V[0]


def _sinv_numpy(P, phi, pi, u, params):
    H, d = phi.shape[0], phi.shape[-1]
    if params["fullinfo"]:
        return np.zeros((H, d, d))
    if params["cov_mode"] == 0:
        return cov_exact_numpy(phi, occupancy_numpy(P, pi), params["gamma"])
    cs, ca = rollouts_numpy(P, pi, u)
    if params["cov_mode"] == 1:
        return cov_mgr_numpy(phi, cs, ca, params["gamma"], params["c_mgr"])
    return cov_direct_numpy(phi, pi, cs, params["gamma"])
