"""Plain-numpy references of the fairness kernels (tests compare them; benchmarks time them).

Each function restates a kernel of :mod:`.fairness_env`, :mod:`.fairness_bandit` or the
loop of :mod:`theorylab.algorithms.fairness._loop` with vectorised numpy / scipy and no
shared code: binomial inversion is ``scipy.stats.binom.ppf``, population quantities come
from :mod:`theorylab.problems.fairness_dynamics`, selection is a lexicographic sort.

References
----------
Design rule 2 (every kernel has a plain-numpy reference); reconstruction; see spec
``ofs_fair_threshold.md`` §2-3.
"""
from __future__ import annotations

import math

import numpy as np
from scipy.stats import binom

from ..problems.fairness_dynamics import closed_loop_map, expected_signals

__all__ = ["simulate_batch_numpy", "batch_signals_numpy", "radii_numpy", "bounds_numpy",
           "ofs_select_numpy", "loop_numpy"]


def simulate_batch_numpy(rates, k, x, NB, u):
    """Counts n_ay (2, 2) and accepted acc_ay (2, 2) of one batch by ``binom.ppf``.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2.
    """
    n1 = int(binom.ppf(u[0], NB, x[0]))
    na = np.array([NB - n1, n1])
    pos = binom.ppf(u[1:3], na, x[1:3]).astype(np.int64)
    n_ay = np.stack([na - pos, pos], axis=1)
    acc = binom.ppf(np.asarray(u[3:7]).reshape(2, 2), n_ay, rates[:, :, k]).astype(np.int64)
    return n_ay, acc


def batch_signals_numpy(n_ay, acc, envp):
    """Realised signals (6,): [reward, d, |d| - eps, rho_min - s, s - rho_max, m_DP].

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2.
    """
    NB, gain, cost, accuracy, eps, rmin, rmax = envp
    na = n_ay.sum(1)
    tp, fp = acc[:, 1].sum(), acc[:, 0].sum()
    r = (tp + n_ay[:, 0].sum() - fp) / NB if accuracy else (gain * tp - cost * fp) / NB
    d = acc[0].sum() / na[0] - acc[1].sum() / na[1] if na.min() > 0 else np.nan
    s = acc.sum() / NB
    return np.array([r, d, abs(d) - eps, rmin - s, s - rmax, na[0] * na[1] / NB])


def radii_numpy(cnt, S1, S2, sinv, mode, alpha, lam, NB, ranges):
    """Radii (K, 4) of every arm and signal (spec §3.2), vectorised.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2; Maurer & Pontil (2009).
    """
    n = cnt.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        if mode == 0:
            beta = alpha * ranges * np.sqrt(lam / (2 * n * NB))
            beta[:, 1] = alpha * ranges[1] * np.sqrt(lam * sinv / 2) / n[:, 1]
            beta[n == 0] = np.inf
        else:
            var = np.maximum(S2 - S1 ** 2 / n, 0) / (n - 1)
            beta = np.sqrt(2 * var * lam / n) + 7 * ranges * lam / (3 * (n - 1))
            beta[n < 2] = np.inf
    return beta


def bounds_numpy(cnt, S1, beta, dp_signed, eps):
    """UCB_r (K,) and LCBs (K, 3) from the statistics (spec §3.2).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = S1 / cnt
    ucb = np.where(cnt[:, 0] == 0, np.inf, mean[:, 0] + beta[:, 0])
    lcb = mean[:, 1:] - beta[:, 1:]
    if dp_signed:
        lcb[:, 0] = np.maximum(0.0, np.abs(mean[:, 1]) - beta[:, 1]) - eps
    return ucb, np.where(cnt[:, 1:] == 0, -np.inf, lcb)


def ofs_select_numpy(ucb, lcb, active, cnt, agg_max, tie_random, u):
    """OFS choice (k, fallback) by a lexicographic sort (spec §3.3).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.3.
    """
    pos = np.maximum(lcb[:, active], 0.0)
    v = (pos.max(1) if agg_max else pos.sum(1)) if active.any() else np.zeros(len(ucb))
    feas = v <= 0
    key = np.where(feas, ucb, -np.inf) if feas.any() else -v
    order = np.lexsort((np.arange(len(ucb)), cnt[:, 0], -ucb, -key))
    best = order[0]
    if tie_random:
        ties = np.flatnonzero((key == key[best]) & (ucb == ucb[best]))
        best = ties[min(int(u * len(ties)), len(ties) - 1)]
    return int(best), int(not feas.any())


def _choose(policy, prm, st, ucb, lcb, active, u, env):
    eps = env.constraints.eps
    if policy == 3:
        return int(prm[15]), 0
    if policy == 2:
        if (st["cnt"][:, 0] == 0).any():
            return int(np.argmax(st["cnt"][:, 0] == 0)), 0
        with np.errstate(divide="ignore", invalid="ignore"):
            m = st["S1"][:, 1:] / st["cnt"][:, 1:]
        g = lcb.copy() if prm[13] else m.copy()
        if not prm[13] and prm[5]:
            g[:, 0] = np.abs(m[:, 0]) - eps
        g = np.where((st["cnt"][:, 1:] > 0) & active, g, 0.0)
        return int(np.argmax(ucb - g @ st["lam"])), 0
    act = active if policy == 0 else np.zeros(3, bool)
    return ofs_select_numpy(ucb, lcb, act, st["cnt"], prm[6] > 0.5, prm[7] > 0.5, u)


def _update(st, k, sig, prm, active, env):
    vals = np.array([sig[0], sig[1] if prm[5] else sig[2], sig[3], sig[4]])
    ok = np.array([True, not np.isnan(sig[1]), True, True])
    inv = 0.0 if np.isnan(sig[1]) else 1 / sig[5]
    W = int(prm[17])
    if W > 0:  # sliding window: recompute arm k's statistics from its last W pulls
        st["hist"][k] = (st["hist"][k] + [(vals, ok, inv)])[-W:]
        V = np.array([h[0] for h in st["hist"][k]])
        O = np.array([h[1] for h in st["hist"][k]])
        st["cnt"][k] = O.sum(0)
        st["S1"][k] = np.where(O, V, 0.0).sum(0)
        st["S2"][k] = np.where(O, V, 0.0).__pow__(2).sum(0)
        st["sinv"][k] = sum(h[2] for h in st["hist"][k])
        return
    st["cnt"][k, ok] += 1
    st["S1"][k, ok] += vals[ok]
    st["S2"][k, ok] += vals[ok] ** 2
    st["sinv"][k] += inv


def loop_numpy(env, prm, U, tieU):
    """The whole T-round loop in Python + numpy; returns (arms (T,), rec (T, 21)).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.3-3.5.
    """
    from ..algorithms.fairness._loop import env_params, signal_ranges
    K, T = env.K, len(U)
    envp, active = env_params(env), env.constraints.active
    ranges = signal_ranges(env, int(prm[1]), prm[5] > 0.5)
    st = {"cnt": np.zeros((K, 4), np.int64), "S1": np.zeros((K, 4)), "S2": np.zeros((K, 4)),
          "sinv": np.zeros(K), "lam": np.zeros(3), "hist": [[] for _ in range(K)]}
    picks, x = np.zeros(K, np.int64), env.x0.copy()
    arms, rec = np.zeros(T, np.int64), np.zeros((T, 21))
    J, k, fb, left, burn = 1 + active.sum(), 0, 0, 0, 0
    for t in range(T):
        lt = (math.log(math.pi ** 2 * K * J * (t + 1) ** 2 / (3 * prm[3])) if prm[4]
              else math.log(2 * K * J * T / prm[3]))
        beta = radii_numpy(st["cnt"], st["S1"], st["S2"], st["sinv"], int(prm[1]), prm[2], lt, envp[0], ranges)
        ucb, lcb = bounds_numpy(st["cnt"], st["S1"], beta, prm[5] > 0.5, envp[4])
        if left == 0:
            k, fb = _choose(int(prm[0]), prm, st, ucb, lcb, active, tieU[t], env)
            left, burn = (2 ** picks[k] if prm[10] else int(prm[8])), int(prm[9])
            picks[k] += 1
        left -= 1
        r_all, g_all = expected_signals(env, x)
        n_ay, acc = simulate_batch_numpy(env.rates, k, x, env.batch_size, U[t])
        sig = batch_signals_numpy(n_ay, acc, envp)
        watch = int(prm[16])
        inf = np.nan if watch < 0 else float(np.all(lcb[watch, active] <= 0))
        arms[t] = k
        rec[t] = np.concatenate([x, [r_all[k]], g_all[:, k], [sig[0]], sig[2:5], beta[k],
                                 [st["lam"][0], fb, np.isnan(sig[1]), sig[5], sig[1], inf]])
        if burn > 0:
            burn -= 1
        else:
            _update(st, k, sig, prm, active, env)
        if prm[0] == 2:
            _dual_numpy(st, k, sig, prm, active, env.constraints.eps)
        P = (acc.sum(1) / n_ay.sum(1) if (env.dynamics.feedback == "realised" and not np.isnan(sig[1]))
             else x[1:3] * env.rates[:, 1, k] + (1 - x[1:3]) * env.rates[:, 0, k])
        x = closed_loop_map(env, x, P)
    return arms, rec


def _dual_numpy(st, k, sig, prm, active, eps):
    for j in np.flatnonzero(active):
        if prm[14]:
            if st["cnt"][k, j + 1] == 0:
                continue
            m = st["S1"][k, j + 1] / st["cnt"][k, j + 1]
            g = abs(m) - eps if (j == 0 and prm[5]) else m
        else:
            g = sig[2 + j]
        if not np.isnan(g):
            st["lam"][j] = min(max(st["lam"][j] + prm[11] * g, 0.0), prm[12])
