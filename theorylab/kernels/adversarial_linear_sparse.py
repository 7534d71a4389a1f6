"""Sparse-feature kernels for the linear-Q episode loop (same maths as ``adversarial_linear_cov``).

Features are stored once per run as their non-zero support: ``idx (H, S, A, m)`` (column
indices, -1 padding) and ``val (H, S, A, m)``, m = the largest number of non-zeros of any
phi(s, a).  One-hot (tabular) features have m = 1, which makes every covariance diagonal:
then Sinv is kept diagonal (its off-diagonal entries are zero on entry and never written), and
quadratic forms, dot products and rank-one updates cost O(m^2) instead of O(d^2).  Dense
features (I-LIN) take the general path at the same cost as before.  Work arrays are passed in
so that nothing is allocated inside the episode loop.
"""
from __future__ import annotations

import numpy as np

from .._numba import njit
from .adversarial_linear_cov import _inv_regularised, _symmetrise_upper

__all__ = ["feature_support"]


def feature_support(phi) -> tuple:
    """Non-zero support of the features and whether every covariance is diagonal.

    Parameters
    ----------
    phi : ndarray (H, S, A, d)

    Returns
    -------
    idx : ndarray(int64, (H, S, A, m)), column indices, -1 where unused
    val : ndarray(float, (H, S, A, m)), the matching entries (0 where unused)
    diagonal : bool, True when every phi(s, a) has at most one non-zero

    References
    ----------
    Spec §7.11 (one-hot per-layer features of I-TAB).
    """
    phi = np.asarray(phi, dtype=np.float64)
    nz = phi != 0.0
    m = max(1, int(nz.sum(-1).max()))
    order = np.argsort(~nz, axis=-1, kind="stable")[..., :m]
    val = np.take_along_axis(phi, order, -1)
    idx = np.where(val != 0.0, order, -1).astype(np.int64)
    return idx, np.where(idx >= 0, val, 0.0), bool(m == 1)


@njit
def _dot_nz(idx, val, x):
    acc = 0.0
    for k in range(idx.shape[0]):
        if idx[k] >= 0:
            acc += val[k] * x[idx[k]]
    return acc


@njit
def _quad_at(Sinv, idx, val, h, s, a):
    """phi_h(s, a)^T Sinv_h phi_h(s, a) indexed directly (no per-(s, a) array views)."""
    m = idx.shape[3]
    acc = 0.0
    for k in range(m):
        i = idx[h, s, a, k]
        if i >= 0:
            for l in range(m):
                j = idx[h, s, a, l]
                if j >= 0:
                    acc += val[h, s, a, k] * Sinv[h, i, j] * val[h, s, a, l]
    return acc


@njit
def _cov_exact_nz(idx, val, q, gamma, diagonal, Sig, Sinv):
    """Sinv_h = (gamma I + sum_{s,a} q phi phi^T)^{-1}; Sig (d, d) is scratch space."""
    H, S, A, m = idx.shape
    d = Sig.shape[0]
    for h in range(H):
        Sig[:, :] = 0.0
        for s in range(S):
            for a in range(A):
                w = q[h, s, a]
                if w > 0.0:
                    for k in range(m):
                        i = idx[h, s, a, k]
                        if i >= 0:
                            for l in range(m):
                                j = idx[h, s, a, l]
                                if j >= i:
                                    Sig[i, j] += w * val[h, s, a, k] * val[h, s, a, l]
        if diagonal:
            for i in range(d):
                Sinv[h, i, i] = 1.0 / (Sig[i, i] + gamma)
        else:
            _symmetrise_upper(Sig)
            _inv_regularised(Sig, gamma, Sinv[h])


@njit
def _dilated_bonus_nz(P, idx, val, pi, Sinv, beta, b, B, vb, w):
    """b = beta (||phi||^2_Sinv + E_pi ||phi||^2_Sinv), B_h = b_h + (1 + 1/H) P_h (pi B)_{h+1};
    vb (S,) and w (A,) are scratch space."""
    H, S, A = pi.shape
    vb[:] = 0.0
    for h in range(H - 1, -1, -1):
        for s in range(S):
            mean = 0.0
            for a in range(A):
                w[a] = _quad_at(Sinv, idx, val, h, s, a)
                mean += pi[h, s, a] * w[a]
            for a in range(A):
                b[h, s, a] = beta * (w[a] + mean)
                nxt = 0.0
                if h + 1 < H:
                    for t in range(S):
                        nxt += P[h, s, a, t] * vb[t]
                B[h, s, a] = b[h, s, a] + (1.0 + 1.0 / H) * nxt
        for s in range(S):
            acc = 0.0
            for a in range(A):
                acc += pi[h, s, a] * B[h, s, a]
            vb[s] = acc
