"""Plain-numpy, per-sample reference of the shared robust learning loop.

It keeps every sample (phi_tau, s'_tau) per stage, solves Lambda_h = lam I + sum phi phi^T
directly, re-evaluates every target y_tau = V_{h+1}(s'_tau) and maximises the empirical TV
dual by brute force over its kinks.  The kernel in :mod:`._core` must agree with it to
rounding: that test is what shows the sufficient-statistics form is the same estimator.
"""
from __future__ import annotations

import numpy as np

from ...kernels.robust_tv import empirical_dual_numpy
from ._core import BONUS_FORMS, ESTIMATORS, MIRROR, POLICIES, ROBUST, RobustRun, _draws, _prepare

__all__ = ["run_loop_numpy"]


def _bonus(f, Linv, form, c_b):
    if form == 2:
        return c_b * np.sqrt(max(f @ Linv @ f, 0.0))
    dg = np.diag(Linv)
    return c_b * (f @ np.sqrt(dg)) if form == 0 else c_b * np.sqrt((f * f) @ dg)


def _head(q, pi, ref, beta, mode):
    if mode == POLICIES["greedy"]:
        return q.max(), np.eye(q.size)[q.argmax()]
    if mode == POLICIES["soft"]:
        e = ref * np.exp((q - q.max()) / beta)
        return q.max() + beta * np.log(e.sum()), e / e.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        kl = np.where(pi > 0, pi * np.log(pi / ref), 0.0).sum()
    return pi @ q - beta * kl, pi


def _nu(X, nxt, V, lam, rho_h, est):
    d = rho_h.size
    Lam = lam * np.eye(d) + X.T @ X
    y = V[nxt] if nxt.size else np.zeros(0)
    if est != ROBUST:
        return np.linalg.solve(Lam, X.T @ y) if nxt.size else np.zeros(d)
    C = np.linalg.solve(Lam, X.T) if nxt.size else np.zeros((d, 0))
    return np.array([empirical_dual_numpy(C[i], y, rho_h[i], V.min()) for i in range(d)])


def _pass(pb, data, V, Q, pol, logits, ref, rho, lam, c_b, form, est, mode, beta, eta, clip):
    H, S, A = pb.H, pb.S, pb.A
    for h in range(H - 1, -1, -1):
        X = np.array(data[h][0]).reshape(-1, pb.d)
        nxt = np.array(data[h][1], dtype=np.int64)
        nu = _nu(X, nxt, V[h + 1], lam, rho[h], est)
        Linv = np.linalg.inv(lam * np.eye(pb.d) + X.T @ X)
        top = float(H - h)
        for s in range(S):
            for a in range(A):
                q = pb.phi[s, a] @ (pb.theta[h] + nu) + _bonus(pb.phi[s, a], Linv, form, c_b)
                Q[h, s, a] = np.clip(q, 0.0, top) if clip else q
            v, new = _head(Q[h, s], pol[h, s], ref[h, s], beta, mode if mode != MIRROR else -1)
            if mode == MIRROR:
                logits[h, s] = (logits[h, s] + eta * beta * np.log(ref[h, s]) + eta * Q[h, s]) / (1 + eta * beta)
                logits[h, s] -= logits[h, s].max() + np.log(np.exp(logits[h, s] - logits[h, s].max()).sum())
                new = np.exp(logits[h, s])
            pol[h, s] = new
            V[h, s] = np.clip(v, 0.0, top) if clip else v
        if pb.fail_state is not None:
            V[h, pb.fail_state] = 0.0


def run_loop_numpy(problem, streams, name, *, K, estimator, policy, beta, etas, lam, c_b, bonus,
                   clip, rho=None, pi_ref=None, record_q=False, env=None) -> RobustRun:
    """Per-sample numpy reference of :func:`._core.run_loop` (same arguments, same result).

    References
    ----------
    Liu & Xu (2024), AISTATS (per-sample DR-LSVI-UCB regression); spec §3.
    """
    r, ref, cumP, cum0, _ = _prepare(problem, rho, pi_ref, env)
    u0, ua, un = _draws(problem, K, streams, name)
    H, S, A = problem.H, problem.S, problem.A
    est, mode, form = ESTIMATORS[estimator], POLICIES[policy], BONUS_FORMS[bonus]
    data = [([], []) for _ in range(H)]
    Q, V = np.zeros((H, S, A)), np.zeros((H + 1, S))
    logits, pol = np.log(ref), ref.copy()
    args = (ref, r, lam, c_b, form, est, mode, beta)
    if mode != MIRROR:
        _pass(problem, data, V, Q, pol, logits, *args, 0.0, clip)
    pols, rets, q_rec = np.empty((K + 1, H, S, A)), np.empty(K), np.empty((K, H, S, A))
    for k in range(K):
        pols[k] = pol
        s = int(np.searchsorted(cum0, u0[k], side="right"))
        ret = 0.0
        for h in range(H):
            a = min(int(np.searchsorted(np.cumsum(pol[h, s]), ua[k, h] * pol[h, s].sum(), side="right")), A - 1)
            ret += problem.phi[s, a] @ problem.theta[h]
            s2 = min(int(np.searchsorted(cumP[h, s, a], un[k, h], side="right")), S - 1)
            data[h][0].append(problem.phi[s, a])
            data[h][1].append(s2)
            s = s2
        rets[k] = ret
        _pass(problem, data, V, Q, pol, logits, *args, etas[k], clip)
        q_rec[k] = Q
    pols[K] = pol
    return RobustRun(pols, rets, q_rec if record_q else None)
