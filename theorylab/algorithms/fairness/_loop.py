"""The shared T-round loop of the threshold bandits (one numba kernel call per run).

Every learner of this package (OFS, unconstrained UCB, primal-dual UCB, a fixed arm) runs
through :func:`simulate`, which prepares flat arrays and calls the private kernel
``_loop`` once.  Per round t the kernel computes the radii of every arm, lets the policy
choose (or keeps a committed arm), records the *exact* expected reward and residuals of
the played arm at the true state x_t (truth is exact: design rule 1), simulates the batch
from seven pre-drawn uniforms U[t] (common random numbers across learners), updates the
statistics and the dual variables, and moves the state by Phi.

Record columns (``REC``): state (pi, q0, q1); expected r, g_DP, g_SR, g_CAP; realised r,
g_DP, g_SR, g_CAP; radii of the played arm at choice time (r, DP, SR, CAP); dual lambda_DP;
fallback flag; empty-group flag; m_DP of the batch; realised signed gap d; whether the
watched arm ``prm[watch]`` (e.g. k*) was optimistic-feasible (NaN when none is watched).

References
----------
Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2, §3.3-3.5.
"""
from __future__ import annotations

import math

import numpy as np

from ..._numba import njit
from ...kernels.fairness_bandit import bounds, ofs_select, radius_coeffs, update_stats, window_push
from ...kernels.fairness_env import batch_signals, expected_step, phi_step, simulate_batch

__all__ = ["REC", "PRM", "POLICY", "simulate", "log_term"]

REC = {name: i for i, name in enumerate(
    ("pi", "q0", "q1", "exp_r", "exp_dp", "exp_sr", "exp_cap", "real_r", "real_dp", "real_sr",
     "real_cap", "beta_r", "beta_dp", "beta_sr", "beta_cap", "lambda_dp", "fallback", "empty", "m_dp", "real_d", "watch_in_f"))}
PRM = {name: i for i, name in enumerate(
    ("policy", "mode", "alpha", "delta", "anytime", "dp_signed", "agg_max", "tie_random", "commit",
     "burnin", "doubling", "eta", "lambda_max", "pd_lcb", "pd_mean", "arm", "watch", "window"))}
POLICY = {"ofs": 0, "ucb": 1, "pd": 2, "fixed": 3}


@njit
def log_term(anytime, delta, K, J, T, t):
    """Lambda = log(2 K J T / delta) (fixed horizon) or log(pi^2 K J t^2 / (3 delta)) (anytime).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2 (union bound over k, j, n).
    """
    if anytime:
        return math.log(math.pi ** 2 * K * J * t * t / (3.0 * delta))
    return math.log(2.0 * K * J * T / delta)


@njit
def _pd_choose(cnt, S1, ucb, lcb, lam, active, dp_signed, eps, use_lcb):
    for k in range(cnt.shape[0]):
        if cnt[k, 0] == 0:
            return k
    best, val = 0, -np.inf
    for k in range(cnt.shape[0]):
        pen = 0.0
        for j in range(3):
            if active[j] and cnt[k, j + 1] > 0:
                m = S1[k, j + 1] / cnt[k, j + 1]
                g = lcb[k, j] if use_lcb else (abs(m) - eps if (j == 0 and dp_signed) else m)
                pen += lam[j] * g
        if ucb[k] - pen > val:
            best, val = k, ucb[k] - pen
    return best


@njit
def _pd_dual(k, sig, cnt, S1, lam, active, prm, eps):
    for j in range(3):
        if not active[j]:
            continue
        if prm[14] > 0.5:
            if cnt[k, j + 1] == 0:
                continue
            m = S1[k, j + 1] / cnt[k, j + 1]
            g = abs(m) - eps if (j == 0 and prm[5] > 0.5) else m
        else:
            g = sig[2 + j]
        if not math.isnan(g):
            lam[j] = min(max(lam[j] + prm[11] * g, 0.0), prm[12])


@njit
def _in_f(lcb, active, k):
    if k < 0:
        return np.nan
    for j in range(3):
        if active[j] and lcb[k, j] > 0.0:
            return 0.0
    return 1.0


@njit
def _loop(rates, x0, envp, dyn, prm, active, ranges, U, tieU, arms, rec):
    T, K = U.shape[0], rates.shape[2]
    cnt, S1, S2 = np.zeros((K, 4), np.int64), np.zeros((K, 4)), np.zeros((K, 4))
    sinv, picks, lam = np.zeros(K), np.zeros(K, np.int64), np.zeros(3)
    beta, ucb, lcb, key = np.empty((K, 4)), np.empty(K), np.empty((K, 3)), np.empty(K)
    A, B, M = np.full((K, 4), np.inf), np.zeros((K, 4)), np.zeros((K, 4))
    W = int(prm[17])
    hist, pos, nwin = np.zeros((K, max(W, 1), 5)), np.zeros(K, np.int64), np.zeros(K, np.int64)
    n_ay, acc = np.zeros((2, 2), np.int64), np.zeros((2, 2), np.int64)
    sig, ex, P, x, xn = np.empty(6), np.empty(4), np.empty(2), x0.copy(), np.empty(3)
    policy, dp_signed, J = int(prm[0]), prm[5] > 0.5, 1 + active.sum()
    k, fb, left, burn = 0, 0, 0, 0
    for t in range(T):
        lt = log_term(prm[4] > 0.5, prm[3], K, J, T, t + 1)
        bounds(cnt, M, A, B, lt, dp_signed, envp[4], beta, ucb, lcb)
        if left == 0:
            if policy == 3:
                k, fb = int(prm[15]), 0
            elif policy == 2:
                k, fb = _pd_choose(cnt, S1, ucb, lcb, lam, active, dp_signed, envp[4], prm[13] > 0.5), 0
            else:
                act = active if policy == 0 else np.zeros(3, np.bool_)
                k, fb = ofs_select(ucb, lcb, act, cnt, prm[6] > 0.5, prm[7] > 0.5, tieU[t], key)
            left = 2 ** picks[k] if prm[10] > 0.5 else int(prm[8])
            burn = int(prm[9])
            picks[k] += 1
        left -= 1
        expected_step(rates, k, x, envp, ex, P)
        simulate_batch(rates, k, x, int(envp[0]), U[t], n_ay, acc)
        batch_signals(n_ay, acc, envp, sig)
        arms[t] = k
        rec[t, 0:3] = x
        rec[t, 3:7] = ex
        rec[t, 7] = sig[0]
        rec[t, 8:11] = sig[2:5]
        rec[t, 11:15] = beta[k]
        rec[t, 15], rec[t, 16], rec[t, 17], rec[t, 18] = lam[0], fb, math.isnan(sig[1]), sig[5]
        rec[t, 19], rec[t, 20] = sig[1], _in_f(lcb, active, int(prm[16]))
        if burn > 0:
            burn -= 1
        else:
            if W > 0:
                window_push(k, sig, dp_signed, hist, pos, nwin, cnt, S1, S2, sinv)
            update_stats(k, sig, dp_signed, cnt, S1, S2, sinv)
            radius_coeffs(k, cnt, S1, S2, sinv, int(prm[1]), prm[2], envp[0], ranges, A, B, M)
        if policy == 2:
            _pd_dual(k, sig, cnt, S1, lam, active, prm, envp[4])
        if dyn[11] > 0.5 and not math.isnan(sig[1]):
            n0, n1 = n_ay[0, 0] + n_ay[0, 1], n_ay[1, 0] + n_ay[1, 1]
            P[0], P[1] = (acc[0, 0] + acc[0, 1]) / n0, (acc[1, 0] + acc[1, 1]) / n1
        phi_step(x, P, dyn, xn)
        x[:] = xn


def env_params(env) -> np.ndarray:
    """Environment scalars (7,) in the layout of :mod:`theorylab.kernels.fairness_env`.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2.
    """
    c = env.constraints
    return np.array([env.batch_size, env.gain, env.cost, float(env.reward_kind == "accuracy"),
                     c.eps, c.rho_min, c.rho_max], dtype=np.float64)


def signal_ranges(env, mode: int, dp_signed: bool) -> np.ndarray:
    """Ranges R_j (4,) of (reward, DP, SR, CAP) for the radius ``mode`` (spec §3.2).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2.
    """
    dp = 2.0 if (mode == 1 and dp_signed) else 1.0
    return np.array([env.reward_range, dp, 1.0, 1.0])


def simulate(env, prm: np.ndarray, U: np.ndarray, tieU: np.ndarray):
    """Run the kernel for T = len(U) rounds.

    Parameters
    ----------
    env : FairThresholdEnv
    prm : ndarray(float, (18,)), learner parameters in the layout ``PRM``
    U : ndarray(float, (T, 7)), batch uniforms; tieU : ndarray(float, (T,)), tie uniforms

    Returns
    -------
    arms : ndarray(int, (T,)); rec : ndarray(float, (T, 21)) with columns ``REC``

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.3.
    """
    U = np.ascontiguousarray(U, dtype=np.float64)
    if U.ndim != 2 or U.shape[1] != 7:
        raise ValueError(f"U must have shape (T, 7), got {U.shape}")
    T = U.shape[0]
    tieU = np.ascontiguousarray(tieU, dtype=np.float64)
    if tieU.shape != (T,):
        raise ValueError(f"tieU must have shape ({T},), got {tieU.shape}")
    arms = np.zeros(T, np.int64)
    rec = np.zeros((T, len(REC)))
    _loop(np.ascontiguousarray(env.rates), env.x0.copy(), env_params(env), env.dynamics.packed(),
          np.asarray(prm, dtype=np.float64), env.constraints.active,
          signal_ranges(env, int(prm[1]), prm[5] > 0.5), U, tieU, arms, rec)
    return arms, rec
