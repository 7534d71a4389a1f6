"""Numba primitives of the closed-loop threshold environment (one batch round).

A batch of N_B individuals at state x = (pi, q^0, q^1) under threshold k is, exactly in
distribution, seven binomial draws (from seven uniforms u[0..6], inverse-CDF):

    n_1 ~ Bin(N_B, pi),  n_0 = N_B - n_1;   n_{a,1} ~ Bin(n_a, q^a);
    acc_{a,y} ~ Bin(n_{a,y}, rates[a, y, k])   (accepted among group a, label y)

because rows are i.i.d. and D = 1{S >= theta_k} depends on a row only through (a, y)
and its own score.  From the counts: realised reward, signed DP gap d = p0 - p1 with
p_a = (acc_{a,0} + acc_{a,1}) / n_a (NaN when n_a = 0), residuals and m_DP = n_0 n_1 / N_B.

Signals layout (``sig``, length 6): [reward, d, |d| - eps, rho_min - s, s - rho_max, m_DP],
s = accepted / N_B.  Environment scalars ``envp`` (7,): [N_B, g_+, c, accuracy (0/1),
eps, rho_min, rho_max].  Dynamics ``dyn`` (12,): ClosedLoopDynamics.packed().

Each kernel has a numpy reference in :mod:`theorylab.kernels.fairness_reference`.

References
----------
Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2-2.3; inverse-transform sampling,
Devroye (1986), *Non-Uniform Random Variate Generation*, §X.4.
"""
from __future__ import annotations

import math

import numpy as np

from .._numba import njit

__all__ = ["binom_inv", "simulate_batch", "batch_signals", "expected_step", "phi_step"]


@njit
def binom_inv(n, p, u):
    """Smallest j with Pr(Bin(n, p) <= j) >= u (inverse CDF by sequential search).

    Searches from the lighter tail (p <= 1/2, mirrored otherwise) so the starting mass
    (1 - p)^n >= 2^-n stays representable for n <= 1000.

    References
    ----------
    Devroye (1986), §X.4 (inversion for the binomial).
    """
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    flip = p > 0.5
    pp = 1.0 - p if flip else p
    uu = 1.0 - u if flip else u
    ratio = pp / (1.0 - pp)
    pmf = (1.0 - pp) ** n
    cdf = pmf
    j = 0
    while cdf < uu and j < n:
        pmf *= ratio * (n - j) / (j + 1.0)
        j += 1
        cdf += pmf
    # mirrored: Bin(n, p) = n - Bin(n, 1 - p); the strict/non-strict boundary has measure 0
    return n - j if flip else j


@njit
def simulate_batch(rates, k, x, NB, u, n_ay, acc_ay):
    """Draw one batch: counts n_ay[a, y] and accepted acc_ay[a, y] (int, (2, 2)) in place.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2 step 2 and §5.2 (ii).
    """
    n1 = binom_inv(NB, x[0], u[0])
    na = (NB - n1, n1)
    for a in range(2):
        pos = binom_inv(na[a], x[1 + a], u[1 + a])
        n_ay[a, 1] = pos
        n_ay[a, 0] = na[a] - pos
        for y in range(2):
            acc_ay[a, y] = binom_inv(n_ay[a, y], rates[a, y, k], u[3 + 2 * a + y])


@njit
def batch_signals(n_ay, acc_ay, envp, sig):
    """Realised signals of one batch into ``sig`` (6,) (layout in the module docstring).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2 step 4.
    """
    NB = envp[0]
    tp = acc_ay[0, 1] + acc_ay[1, 1]
    fp = acc_ay[0, 0] + acc_ay[1, 0]
    if envp[3] > 0.5:
        neg = n_ay[0, 0] + n_ay[1, 0]
        sig[0] = (tp + neg - fp) / NB
    else:
        sig[0] = (envp[1] * tp - envp[2] * fp) / NB
    n0 = n_ay[0, 0] + n_ay[0, 1]
    n1 = n_ay[1, 0] + n_ay[1, 1]
    if n0 > 0 and n1 > 0:
        sig[1] = (acc_ay[0, 0] + acc_ay[0, 1]) / n0 - (acc_ay[1, 0] + acc_ay[1, 1]) / n1
        sig[2] = abs(sig[1]) - envp[4]
    else:
        sig[1] = np.nan
        sig[2] = np.nan
    s = (tp + fp) / NB
    sig[3] = envp[5] - s
    sig[4] = s - envp[6]
    sig[5] = n0 * n1 / NB


@njit
def expected_step(rates, k, x, envp, ex, P):
    """Expected reward and residuals of arm k at x into ``ex`` (4,) = [r, g_DP, g_SR, g_CAP].

    Also writes the acceptance rates ``P`` (2,).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2 (population quantities).
    """
    r = 0.0
    s = 0.0
    for a in range(2):
        w = x[0] if a == 1 else 1.0 - x[0]
        q = x[1 + a]
        tp = q * rates[a, 1, k]
        fp = (1.0 - q) * rates[a, 0, k]
        P[a] = tp + fp
        s += w * P[a]
        if envp[3] > 0.5:
            r += w * (tp + (1.0 - q) - fp)
        else:
            r += w * (envp[1] * tp - envp[2] * fp)
    ex[0] = r
    ex[1] = abs(P[0] - P[1]) - envp[4]
    ex[2] = envp[5] - s
    ex[3] = s - envp[6]


@njit
def phi_step(x, P, dyn, x_out):
    """One step of the closed-loop map x_out = Phi(x) with fed-back rates P (2,).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.3.
    """
    kappa = dyn[0]
    x_out[0] = x[0]
    x_out[1] = x[1]
    x_out[2] = x[2]
    if dyn[9] > 0.5:
        z = math.log(dyn[1] / (1.0 - dyn[1])) + dyn[2] * (P[1] - P[0])
        x_out[0] = (1.0 - kappa) * x[0] + kappa / (1.0 + math.exp(-z))
    if dyn[10] > 0.5:
        for a in range(2):
            t = min(max(dyn[3 + a] + dyn[5] * (P[a] - dyn[6]), dyn[7]), dyn[8])
            x_out[1 + a] = (1.0 - kappa) * x[1 + a] + kappa * t
