"""Feature tables and kernels of the linear-Q episode loop (same maths as ``adversarial_linear_cov``).

Features are stored once per run in feature-major layout over the S A pairs (s, a) of a layer,
so that inner loops run over (s, a) with unit stride and no addition chain:

* ``fi, fv (H, m, S A)``: the support, m = the largest number of non-zeros of any phi(s, a);
  slot k of (s, a) holds column ``fi`` and value ``fv`` (unused slots: index 0, value 0);
* ``pk, pc, pq (H, n, S A)``: pairs (i, j), i <= j: ``pk`` the flat index i d + j of the entry
  of a d x d matrix, ``pc`` the product phi_i phi_j and ``pq`` the same doubled off the diagonal.

Two layouts, chosen once per run by ``dense = (m == d)``:

* dense (e.g. I-LIN): slot k is coordinate k (fi = k, fv = phi_k, zeros kept) and the n =
  d (d + 1) / 2 pairs are the coordinate pairs, so every index is one scalar per (h, k) or
  (h, p): <phi, x> and ||phi||^2_Sinv become unit-stride axpy loops, Sigma_ij = sum q pc a
  dot product (four partial sums);
* sparse (m < d, e.g. one-hot I-TAB with m = n = 1): compacted supports read through the
  index tables; when every feature is one-hot every covariance is diagonal and Sinv is kept
  diagonal (its off-diagonal entries are zero on entry and never written).

Work arrays are passed in so that nothing is allocated inside the episode loop.
"""
from __future__ import annotations

import numpy as np

from .._numba import njit
from .adversarial_linear_cov import _dilate, _inv_regularised_buf, _symmetrise_upper

__all__ = ["feature_support", "feature_tables", "feature_tables_numpy"]


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


def feature_tables_numpy(phi) -> tuple:
    """Numpy reference of :func:`feature_tables` (same arrays, built from :func:`feature_support`).

    References
    ----------
    Spec §3.0(b)-(c) (covariances and bonus quadratic forms these tables compute).
    """
    phi = np.asarray(phi, dtype=np.float64)
    H, S, A, d = phi.shape
    idx, val, diagonal = feature_support(phi)
    m = idx.shape[-1]
    if m == d:  # dense: slot k is coordinate k
        idx, val = np.broadcast_to(np.arange(d), phi.shape), phi
    k, l = np.triu_indices(m)
    used = (idx[..., k] >= 0) & (idx[..., l] >= 0)
    pk = np.where(used, np.minimum(idx[..., k], idx[..., l]) * d + np.maximum(idx[..., k], idx[..., l]), 0)
    pc = np.where(used, val[..., k] * val[..., l], 0.0)
    pq = pc * np.where(k == l, 1.0, 2.0)
    major = [np.ascontiguousarray(np.moveaxis(x.reshape(H, S * A, -1), 2, 1))
             for x in (np.maximum(idx, 0).astype(np.int64), val, pk.astype(np.int64), pc, pq)]
    return (*major, diagonal, bool(m == d))


@njit
def _cov_exact_nz(pk, pc, dense, q, gamma, diagonal, Sig, Sinv, L, Li):
    """Sinv_h = (gamma I + sum_{s,a} q phi phi^T)^{-1}; Sig, L, Li (d, d) are scratch space."""
    H, n, SA = pk.shape
    d = Sig.shape[0]
    Sf, qf = Sig.reshape(d * d), q.reshape(H, SA)
    for h in range(H):
        if diagonal:
            for i in range(d):
                Sig[i, i] = 0.0
        else:
            Sf[:] = 0.0
        for p in range(n):
            if dense:  # one entry per pair: four partial sums break the addition chain
                a0 = a1 = a2 = a3 = 0.0
                j = 0
                while j + 4 <= SA:
                    a0 += qf[h, j] * pc[h, p, j]
                    a1 += qf[h, j + 1] * pc[h, p, j + 1]
                    a2 += qf[h, j + 2] * pc[h, p, j + 2]
                    a3 += qf[h, j + 3] * pc[h, p, j + 3]
                    j += 4
                for jj in range(j, SA):
                    a0 += qf[h, jj] * pc[h, p, jj]
                Sf[pk[h, p, 0]] = (a0 + a1) + (a2 + a3)
            else:
                for j in range(SA):
                    Sf[pk[h, p, j]] += qf[h, j] * pc[h, p, j]
        if diagonal:
            for i in range(d):
                Sinv[h, i, i] = 1.0 / (Sig[i, i] + gamma)
        else:
            _symmetrise_upper(Sig)
            _inv_regularised_buf(Sig, gamma, Sinv[h], L, Li)


@njit
def _quad_forms_nz(pk, pq, dense, Sinv, W):
    """W[h, s, a] = phi_h(s, a)^T Sinv_h phi_h(s, a) from the pair tables; W C-contiguous."""
    H, n, SA = pk.shape
    d2 = Sinv.shape[1] * Sinv.shape[2]
    Sf, Wf = Sinv.reshape(H * d2), W.reshape(H, SA)
    Wf[:, :] = 0.0
    for h in range(H):
        off = h * d2
        for p in range(n):
            if dense:
                c = Sf[off + pk[h, p, 0]]
                for j in range(SA):
                    Wf[h, j] += c * pq[h, p, j]
            else:
                for j in range(SA):
                    Wf[h, j] += pq[h, p, j] * Sf[off + pk[h, p, j]]


@njit
def _dilated_bonus_nz(P, pk, pq, dense, pi, Sinv, beta, b, B, vb):
    """b = beta (||phi||^2_Sinv + E_pi ||phi||^2_Sinv), B_h = b_h + (1 + 1/H) P_h (pi B)_{h+1};
    vb (S,) is scratch space, b C-contiguous."""
    _quad_forms_nz(pk, pq, dense, Sinv, b)
    _dilate(P, pi, beta, b, B, vb)


@njit
def _dot_nz(fi, fv, x):
    """<phi, x> for one support (fi, fv) (m,) (any stride), padded slots contributing 0."""
    acc = 0.0
    for k in range(fi.shape[0]):
        acc += fv[k] * x[fi[k]]
    return acc


@njit
def _phi_dot(fi, fv, dense, h, x, out):
    """out[j] = <phi_h(j), x> for every pair j = s A + a of layer h; x (d,), out (S A,)."""
    m, SA = fi.shape[1], fi.shape[2]
    out[:] = 0.0
    for k in range(m):
        if dense:
            c = x[k]
            for j in range(SA):
                out[j] += c * fv[h, k, j]
        else:
            for j in range(SA):
                out[j] += fv[h, k, j] * x[fi[h, k, j]]


@njit
def _feature_tables(phi):
    """Numba builder of (fi, fv, pk, pc, pq, diagonal, dense), see :func:`feature_tables`."""
    H, S, A, d = phi.shape
    m = 1
    for h in range(H):
        for s in range(S):
            for a in range(A):
                cnt = 0
                for i in range(d):
                    cnt += phi[h, s, a, i] != 0.0
                m = max(m, cnt)
    dense, n = m == d, m * (m + 1) // 2
    fi, fv = np.zeros((H, m, S * A), np.int64), np.zeros((H, m, S * A))
    pk, pc, pq = np.zeros((H, n, S * A), np.int64), np.zeros((H, n, S * A)), np.zeros((H, n, S * A))
    for h in range(H):
        for s in range(S):
            for a in range(A):
                j, cnt = s * A + a, 0
                for i in range(d):
                    if dense or phi[h, s, a, i] != 0.0:
                        fi[h, cnt, j], fv[h, cnt, j] = i, phi[h, s, a, i]
                        cnt += 1
                p = 0
                for k in range(m):  # pairs in np.triu_indices(m) order
                    for l in range(k, m):
                        if l < cnt:
                            pk[h, p, j] = fi[h, k, j] * d + fi[h, l, j]
                            pc[h, p, j] = fv[h, k, j] * fv[h, l, j]
                            pq[h, p, j] = pc[h, p, j] * (1.0 if k == l else 2.0)
                        p += 1
    return fi, fv, pk, pc, pq, m == 1, dense


def feature_tables(phi) -> tuple:
    """All feature tables of the episode loop in one numba pass (layouts: module docstring).

    Parameters
    ----------
    phi : ndarray (H, S, A, d)

    Returns
    -------
    fi : ndarray(int64, (H, m, S A)), support column of slot k of (s, a), 0 if unused
    fv : ndarray(float, (H, m, S A)), its value (0 if unused)
    pk : ndarray(int64, (H, n, S A)), flat index i d + j (i <= j) of pair p, 0 if unused
    pc : ndarray(float, (H, n, S A)), phi_i phi_j (0 if unused)
    pq : ndarray(float, (H, n, S A)), phi_i phi_j, times 2 for i < j (0 if unused)
    diagonal : bool, every phi(s, a) has at most one non-zero
    dense : bool, m = d: slot k is coordinate k and the pairs are the coordinate pairs

    References
    ----------
    Spec §3.0(b)-(c); :func:`feature_tables_numpy` is its reference.
    """
    fi, fv, pk, pc, pq, diagonal, dense = _feature_tables(np.ascontiguousarray(phi, dtype=np.float64))
    return fi, fv, pk, pc, pq, bool(diagonal), bool(dense)
