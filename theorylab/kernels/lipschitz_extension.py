"""Lipschitz extension and pairwise Lipschitz scans (numba kernels + numpy references).

Symbols: data states ``X`` (N, n), values ``v`` (N, m), Lipschitz bound ``alpha``, query
states ``Xq`` (Q, n), Euclidean state norm, ``d_ij = ||x_i - x_j||``.

* McShane/Whitney midpoint extension, per output component k:
  ``h_k(x) = (min_i (v_ik + alpha ||x - x_i||) + max_i (v_ik - alpha ||x - x_i||)) / 2``.
  It is alpha-Lipschitz (Euclidean in, sup-norm out) and interpolates v when
  ``|v_ik - v_jk| <= alpha d_ij`` for all pairs.
* Measured Lipschitz constant ``max_{i<j} ||v_i - v_j||_inf / d_ij`` (pairs with
  ``d_ij = 0`` are skipped; the learner rejects conflicting duplicates before).
* Constraint-generation scan: for each row i, the ``k`` pairs ``(i, j > i)`` with the
  largest violation ``||v_i - v_j||_inf - alpha d_ij`` above a threshold.
"""
from __future__ import annotations

import numpy as np

from .._numba import njit

__all__ = ["mcshane_extension", "mcshane_extension_numpy", "lipschitz_constant",
           "lipschitz_constant_numpy", "worst_violations", "worst_violations_numpy"]


@njit
def _dist(a, b):
    s = 0.0
    for k in range(a.shape[0]):
        s += (a[k] - b[k]) ** 2
    return np.sqrt(s)


@njit
def mcshane_extension(X, v, alpha, Xq):
    """Midpoint McShane/Whitney extension of ``(X, v)`` evaluated at ``Xq``.

    Parameters
    ----------
    X : ndarray(float, (N, n)); v : ndarray(float, (N, m)); alpha : float > 0
    Xq : ndarray(float, (Q, n))

    Returns
    -------
    ndarray(float, (Q, m))

    References
    ----------
    McShane (1934), "Extension of range of functions", Bull. AMS 40; Whitney (1934).
    """
    N, m = v.shape
    out = np.empty((Xq.shape[0], m))
    for q in range(Xq.shape[0]):
        for k in range(m):
            up = np.inf
            lo = -np.inf
            for i in range(N):
                d = alpha * _dist(Xq[q], X[i])
                up = min(up, v[i, k] + d)
                lo = max(lo, v[i, k] - d)
            out[q, k] = 0.5 * (up + lo)
    return out


def mcshane_extension_numpy(X, v, alpha, Xq) -> np.ndarray:
    """Numpy reference of :func:`mcshane_extension` (same arguments and result).

    References
    ----------
    McShane (1934); Whitney (1934).
    """
    D = alpha * np.linalg.norm(Xq[:, None, :] - X[None, :, :], axis=-1)      # (Q, N)
    up = (v[None, :, :] + D[:, :, None]).min(1)
    lo = (v[None, :, :] - D[:, :, None]).max(1)
    return 0.5 * (up + lo)


@njit
def lipschitz_constant(X, v):
    """``max_{i<j, d_ij>0} ||v_i - v_j||_inf / d_ij`` (0.0 when N < 2).

    Parameters
    ----------
    X : ndarray(float, (N, n)); v : ndarray(float, (N, m))

    References
    ----------
    Definition of the Lipschitz constant of a function on a finite set.
    """
    N, m = v.shape
    best = 0.0
    for i in range(N):
        for j in range(i + 1, N):
            d = _dist(X[i], X[j])
            if d > 0.0:
                g = 0.0
                for k in range(m):
                    g = max(g, abs(v[i, k] - v[j, k]))
                best = max(best, g / d)
    return best


def lipschitz_constant_numpy(X, v) -> float:
    """Numpy reference of :func:`lipschitz_constant`.

    References
    ----------
    Definition of the Lipschitz constant of a function on a finite set.
    """
    i, j = np.triu_indices(X.shape[0], 1)
    d = np.linalg.norm(X[i] - X[j], axis=1)
    g = np.abs(v[i] - v[j]).max(1)
    ok = d > 0
    return float((g[ok] / d[ok]).max()) if ok.any() else 0.0


@njit
def worst_violations(X, v, alpha, thr, k):
    """Per row i, the k partners j > i with the largest violation above ``thr``.

    Parameters
    ----------
    X : (N, n); v : (N, m); alpha : float; thr : float; k : int >= 1

    Returns
    -------
    J : ndarray(int64, (N, k)), partner indices, -1 where none
    V : ndarray(float, (N, k)), violations ``||v_i - v_j||_inf - alpha d_ij`` (-inf where none)

    References
    ----------
    Cutting-plane / constraint generation, e.g. Boyd & Vandenberghe (2004), §11 notes;
    reconstruction of the scan; see spec §3.2.
    """
    N, m = v.shape
    J = -np.ones((N, k), dtype=np.int64)
    V = np.full((N, k), -np.inf)
    for i in range(N):
        for j in range(i + 1, N):
            g = 0.0
            for c in range(m):
                g = max(g, abs(v[i, c] - v[j, c]))
            viol = g - alpha * _dist(X[i], X[j])
            if viol > thr and viol > V[i, k - 1]:
                p = k - 1
                while p > 0 and V[i, p - 1] < viol:     # insertion into the sorted row
                    V[i, p] = V[i, p - 1]
                    J[i, p] = J[i, p - 1]
                    p -= 1
                V[i, p] = viol
                J[i, p] = j
    return J, V


def worst_violations_numpy(X, v, alpha, thr, k):
    """Numpy reference of :func:`worst_violations` (same outputs; ties by smaller j first).

    References
    ----------
    Reconstruction; see spec §3.2.
    """
    N = X.shape[0]
    J = -np.ones((N, k), dtype=np.int64)
    V = np.full((N, k), -np.inf)
    for i in range(N - 1):
        g = np.abs(v[i + 1:] - v[i]).max(1) - alpha * np.linalg.norm(X[i + 1:] - X[i], axis=1)
        idx = np.flatnonzero(g > thr)
        order = idx[np.argsort(-g[idx], kind="stable")][:k]
        J[i, :order.size] = order + i + 1
        V[i, :order.size] = g[order]
    return J, V
