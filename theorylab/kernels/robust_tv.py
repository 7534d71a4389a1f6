"""The total-variation inner problem of robust dynamic programming, exactly.

For a distribution mu over S states, a value vector V and a radius rho in [0, 1]
(TV(p, q) = 1/2 ||p - q||_1 throughout; some papers use ||.||_1, which doubles rho),

    sigma_rho(mu, V) = min { E_nu[V] : nu in Delta(S), TV(nu, mu) <= rho }.

Two exact forms (spec §3.2), both O(S log S):

* **sort closed form**: delete the top-rho mass of mu (highest V first) and put it on
  argmin_s V, i.e. sigma = min(rho, 1) m + E_mu[V restricted to what is left];
* **dual over kinks**: sigma = max_{alpha in [m, max V]} E_mu[min(V, alpha)] - rho (alpha - m),
  a concave piecewise-linear function maximised at one of the values V(s).

Here m = min_s V(s) over the WHOLE state space, not the support of mu.

The learners need the *empirical* dual, where the expectation is replaced by a ridge
regression with possibly negative coefficients c_j:

    g(alpha) = sum_j c_j min(y_j, alpha) - rho (alpha - m),    alpha in [m, M].

g is piecewise linear with kinks at the y_j but not concave when some c_j < 0, so a local
search (Nelder-Mead, as earlier code did) can miss the maximum; evaluating g at every kink
(breakpoint enumeration, spec §7.3) is exact.  Each kernel has a ``*_numpy`` reference.
"""
from __future__ import annotations

import numpy as np

from .._numba import njit

__all__ = ["tv_sigma_sort", "tv_sigma_dual", "empirical_dual", "tv_sigma_sort_numpy",
           "tv_sigma_dual_numpy", "empirical_dual_numpy"]


@njit
def tv_sigma_sort(mu, V, rho, order):
    """sigma_rho(mu, V) by the sort closed form.

    Parameters
    ----------
    mu : ndarray(float, (S,)), a probability vector
    V : ndarray(float, (S,))
    rho : float in [0, 1]
    order : ndarray(int, (S,)), ``argsort(V)`` (ascending); passed in so that one sort serves
        every factor of a stage.

    Returns
    -------
    float

    References
    ----------
    Iyengar (2005), "Robust dynamic programming", Math. OR 30(2), §4 (L1 balls); spec §3.2.
    """
    left = rho
    total = 0.0
    for j in range(order.shape[0] - 1, -1, -1):
        s = order[j]
        take = min(mu[s], left)
        left -= take
        total += (mu[s] - take) * V[s]
    return total + (rho - left) * V[order[0]]


@njit
def tv_sigma_dual(mu, V, rho, order):
    """sigma_rho(mu, V) by maximising the TV dual over its kinks alpha in {V(s)}.

    Same parameters and value as :func:`tv_sigma_sort`.

    References
    ----------
    Shapiro, Dentcheva, Ruszczynski (2014), *Lectures on Stochastic Programming*, §6.3
    (dual of a TV/L1 ambiguity set); Liu & Xu (2024), AISTATS, Prop. (TV dual); spec §3.2.
    """
    S = order.shape[0]
    m = V[order[0]]
    below = 0.0  # sum of mu V over states with V <= alpha
    mass_below = 0.0
    best = -np.inf
    for j in range(S):
        s = order[j]
        below += mu[s] * V[s]
        mass_below += mu[s]
        alpha = V[s]
        g = below + alpha * max(1.0 - mass_below, 0.0) - rho * (alpha - m)
        if g > best:
            best = g
    return best


@njit
def empirical_dual(c, y, rho, m, order):
    """max_{alpha in [m, max(m, y)]} sum_j c_j min(y_j, alpha) - rho (alpha - m), exactly.

    Parameters
    ----------
    c : ndarray(float, (n,)), regression coefficients (any sign)
    y : ndarray(float, (n,)), targets with y >= m
    rho : float >= 0
    m : float, the lower end of the alpha range (min V, or 0 under a fail state)
    order : ndarray(int, (n,)), ``argsort(y)`` (ascending)

    Returns
    -------
    float, the maximum (over alpha = m and every kink y_j)

    References
    ----------
    Liu & Xu (2024), "Distributionally robust off-dynamics RL: provable efficiency with
    linear function approximation", AISTATS (the per-factor estimator); exact breakpoint
    enumeration is ours (reconstruction; see spec §7.3).
    """
    csum = 0.0
    for j in range(c.shape[0]):
        csum += c[j]
    best = m * csum  # alpha = m: every min(y_j, m) = m
    below = 0.0
    cbelow = 0.0
    for j in range(order.shape[0]):
        t = order[j]
        below += c[t] * y[t]
        cbelow += c[t]
        alpha = y[t]
        g = below + alpha * (csum - cbelow) - rho * (alpha - m)
        if g > best:
            best = g
    return best


def tv_sigma_sort_numpy(mu, V, rho) -> float:
    """Plain-numpy reference of :func:`tv_sigma_sort` (sorts internally).

    References
    ----------
    Iyengar (2005), §4; spec §3.2.
    """
    mu, V = np.asarray(mu, float), np.asarray(V, float)
    desc = np.argsort(V, kind="stable")[::-1]
    before = np.concatenate([[0.0], np.cumsum(mu[desc])[:-1]])
    removed = np.clip(rho - before, 0.0, mu[desc])
    return float(((mu[desc] - removed) * V[desc]).sum() + removed.sum() * V.min())


def tv_sigma_dual_numpy(mu, V, rho) -> float:
    """Plain-numpy reference of :func:`tv_sigma_dual`: evaluate the dual at every V(s).

    References
    ----------
    Shapiro, Dentcheva, Ruszczynski (2014), §6.3; spec §3.2.
    """
    mu, V = np.asarray(mu, float), np.asarray(V, float)
    alphas = V[:, None]
    g = (mu[None, :] * np.minimum(V[None, :], alphas)).sum(1) - rho * (V - V.min())
    return float(g.max())


def empirical_dual_numpy(c, y, rho, m) -> float:
    """Plain-numpy reference of :func:`empirical_dual`: brute force over all kinks, O(n^2).

    References
    ----------
    Spec §7.3 (breakpoint enumeration).
    """
    c, y = np.asarray(c, float), np.asarray(y, float)
    alphas = np.concatenate([[m], y])
    g = (c[None, :] * np.minimum(y[None, :], alphas[:, None])).sum(1) - rho * (alphas - m)
    return float(g.max())
