"""Numba primitives of the constrained threshold bandits: statistics, radii, OFS selection.

Per arm k the learner keeps, for the four tracked signals j in (reward, DP, SR, CAP),
pull counts cnt[k, j], sums S1[k, j], sums of squares S2[k, j] and, for DP, the sum of
1/m_s over its DP rounds (sinv[k]).  The DP signal is the signed gap d (``dp_signed``,
spec §3.2 (b)) or the residual |d| - eps (§3.2 (a)).

Radii (spec §3.2, reconstruction), with Lambda the log term of the caller:

* Hoeffding (mode 0): beta_j = alpha R_j sqrt(Lambda / (2 n m_j)), m_r = m_SR = m_CAP = N_B
  and, for DP, n m_DP replaced by n^2 / sum_s (1/m_s), m_s = n_0 n_1 / N_B the round's
  harmonic group size (exact Hoeffding for an average of independent batch means whose
  individual terms have ranges 1/n_0 and 1/n_1); R_r = g_+ + c, R_DP = R_SR = R_CAP = 1.
* empirical Bernstein (mode 1): beta_j = sqrt(2 V_j Lambda / n) + 7 R_j Lambda / (3 (n - 1)),
  V_j the sample variance, R_j the per-round range (Maurer & Pontil 2009).

Unplayed arms have beta = inf.  Optimistic bounds: UCB_r = mean_r + beta_r; for each
constraint LCB_j = mean_j - beta_j, except signed DP: LCB = max(0, |mean_d| - beta_d) - eps.

References
----------
Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2-3.3; Auer et al. (2002);
Maurer & Pontil (2009); Chen, Gangrade & Saligrama (2022), arXiv:2204.00706.
"""
from __future__ import annotations

import math

import numpy as np

from .._numba import njit

__all__ = ["update_stats", "window_push", "radius_coeffs", "radii", "bounds", "ofs_select"]


@njit
def update_stats(k, sig, dp_signed, cnt, S1, S2, sinv):
    """Add the round's signals ``sig`` (6,) to arm k (skipping DP when it is NaN).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.3 (update step), §2.4.
    """
    vals = (sig[0], sig[1] if dp_signed else sig[2], sig[3], sig[4])
    for j in range(4):
        v = vals[j]
        if j == 1 and math.isnan(v):
            continue
        cnt[k, j] += 1
        S1[k, j] += v
        S2[k, j] += v * v
    if not math.isnan(sig[1]):
        sinv[k] += 1.0 / sig[5]


@njit
def window_push(k, sig, dp_signed, hist, pos, nwin, cnt, S1, S2, sinv):
    """Sliding window of W = hist.shape[1] pulls per arm: evict arm k's oldest pull if full.

    ``hist[k, i]`` stores (reward, DP signal, SR, CAP, 1/m_DP) of a pull (NaN DP when a group
    was empty); the statistics then cover the last W pulls of each arm.  Call before
    :func:`update_stats` with the new signals.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.3 (``window=W`` variant); Garivier &
    Moulines (2011), sliding-window UCB.
    """
    W = hist.shape[1]
    i = pos[k]
    if nwin[k] == W:
        for j in range(4):
            v = hist[k, i, j]
            if j == 1 and math.isnan(v):
                continue
            cnt[k, j] -= 1
            S1[k, j] -= v
            S2[k, j] -= v * v
        if not math.isnan(hist[k, i, 1]):
            sinv[k] -= hist[k, i, 4]
    hist[k, i, 0] = sig[0]
    hist[k, i, 1] = sig[1] if dp_signed else sig[2]
    hist[k, i, 2] = sig[3]
    hist[k, i, 3] = sig[4]
    hist[k, i, 4] = 1.0 / sig[5] if not math.isnan(sig[1]) else 0.0
    pos[k] = (i + 1) % W
    nwin[k] = min(nwin[k] + 1, W)


@njit
def radius_coeffs(k, cnt, S1, S2, sinv, mode, alpha, NB, ranges, A, B, M):
    """Refresh arm k's radius coefficients: beta[k, j] = sqrt(Lambda) A[k, j] + Lambda B[k, j].

    Also stores the means M[k, j].  Only the arm just updated changes, so a round costs
    O(K) multiply-adds however Lambda moves (anytime radii).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2.
    """
    for j in range(4):
        n = cnt[k, j]
        B[k, j] = 0.0
        if n == 0 or (mode == 1 and n < 2):
            A[k, j] = np.inf
            M[k, j] = 0.0
            continue
        M[k, j] = S1[k, j] / n
        if mode == 0:
            if j == 1:
                A[k, j] = alpha * ranges[j] * math.sqrt(sinv[k] / 2.0) / n
            else:
                A[k, j] = alpha * ranges[j] * math.sqrt(1.0 / (2.0 * n * NB))
        else:
            var = max(S2[k, j] - n * M[k, j] * M[k, j], 0.0) / (n - 1.0)
            A[k, j] = math.sqrt(2.0 * var / n)
            B[k, j] = 7.0 * ranges[j] / (3.0 * (n - 1.0))


@njit
def radii(cnt, S1, S2, sinv, mode, alpha, lam, NB, ranges, beta):
    """Confidence radii beta[k, j] (K, 4) of every arm and signal (all arms at once).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2.
    """
    K = cnt.shape[0]
    A, B, M = np.empty((K, 4)), np.empty((K, 4)), np.empty((K, 4))
    for k in range(K):
        radius_coeffs(k, cnt, S1, S2, sinv, mode, alpha, NB, ranges, A, B, M)
    sl = math.sqrt(lam)
    for k in range(K):
        for j in range(4):
            beta[k, j] = sl * A[k, j] + lam * B[k, j]


@njit
def bounds(cnt, M, A, B, lam, dp_signed, eps, beta, ucb, lcb):
    """Radii beta (K, 4), UCB of the reward ucb (K,) and LCBs of the residuals lcb (K, 3).

    beta = sqrt(lam) A + lam B from :func:`radius_coeffs`; M holds the means.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2 (bounds used by OFS).
    """
    sl = math.sqrt(lam)
    for k in range(cnt.shape[0]):
        for j in range(4):
            beta[k, j] = sl * A[k, j] + lam * B[k, j]
        ucb[k] = np.inf if cnt[k, 0] == 0 else M[k, 0] + beta[k, 0]
        for j in range(1, 4):
            if cnt[k, j] == 0:
                lcb[k, j - 1] = -np.inf
            elif j == 1 and dp_signed:
                lcb[k, 0] = max(0.0, abs(M[k, 1]) - beta[k, 1]) - eps
            else:
                lcb[k, j - 1] = M[k, j] - beta[k, j]


@njit
def _better(k, best, key, ucb, cnt):
    # lexicographic: larger key, then larger UCB, then fewer pulls, then lower index
    if key[k] != key[best]:
        return key[k] > key[best]
    if ucb[k] != ucb[best]:
        return ucb[k] > ucb[best]
    return cnt[k, 0] < cnt[best, 0]


@njit
def ofs_select(ucb, lcb, active, cnt, agg_max, tie_random, u, key):
    """OFS arm choice; returns (k, fallback) with fallback = 1 when F is empty.

    F = {k : LCB_j(k) <= 0 for every active j}; if F is non-empty, argmax over F of
    UCB_r (ties: fewer pulls, then lower index; or uniform among equal UCBs when
    ``tie_random``, using the uniform ``u``); else argmin of the optimistic violation
    sum_j [LCB_j]_+ (or max_j with ``agg_max``), ties by larger UCB, fewer pulls, index.
    ``key`` (K,) is scratch space.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.3 (pseudocode, tie-breaking).
    """
    K = ucb.shape[0]
    nfeas = 0
    for k in range(K):
        v = 0.0
        for j in range(3):
            if active[j]:
                p = max(lcb[k, j], 0.0)
                v = max(v, p) if agg_max else v + p
        key[k] = -v
        nfeas += v <= 0.0
    fallback = 1 if nfeas == 0 else 0
    if not fallback:
        for k in range(K):
            key[k] = ucb[k] if key[k] == 0.0 else -np.inf
    best = 0
    for k in range(1, K):
        if _better(k, best, key, ucb, cnt):
            best = k
    if tie_random:
        c = 0
        for k in range(K):
            c += key[k] == key[best] and ucb[k] == ucb[best]
        target = min(int(u * c), c - 1)
        for k in range(K):
            if key[k] == key[best] and ucb[k] == ucb[best]:
                if target == 0:
                    return k, fallback
                target -= 1
    return best, fallback
