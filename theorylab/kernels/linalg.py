"""Rank-one linear algebra for least-squares learners (LSVI-UCB and its descendants).

For a symmetric positive definite Gram matrix Lambda = lam I + sum_tau phi_tau phi_tau^T
and its inverse Lambda^{-1} (d x d), adding a feature x in R^d gives by Sherman-Morrison

    (Lambda + x x^T)^{-1} = Lambda^{-1} - (Lambda^{-1} x)(Lambda^{-1} x)^T / (1 + x^T Lambda^{-1} x),

an O(d^2) update instead of an O(d^3) inversion, and the elliptical norm
||x||_{Lambda^{-1}} = sqrt(x^T Lambda^{-1} x) that sets the width of a confidence bonus.
The matrix determinant lemma gives log det(Lambda + x x^T) = log det Lambda + log(1 + x^T
Lambda^{-1} x); :func:`sherman_morrison_update` returns that increment so that callers can
track log det Lambda (rare-switching rules) for free.

Every kernel has a plain-numpy reference (``*_numpy``) that the tests compare it with.
"""
from __future__ import annotations

import numpy as np

from .._numba import njit

__all__ = ["sherman_morrison_update", "sherman_morrison_update_numpy", "elliptical_norm",
           "elliptical_norm_numpy"]


@njit
def sherman_morrison_update(Ainv, x):
    """Replace ``Ainv`` = Lambda^{-1} by (Lambda + x x^T)^{-1} in place.

    Parameters
    ----------
    Ainv : ndarray(float, (d, d))
        Inverse of a symmetric positive definite matrix; overwritten.
    x : ndarray(float, (d,))

    Returns
    -------
    float
        log(1 + x^T Ainv x), the increment of log det Lambda (matrix determinant lemma).

    References
    ----------
    Sherman & Morrison (1950), "Adjustment of an inverse matrix corresponding to a change
    in one element of a given matrix", Ann. Math. Stat. 21(1); Golub & Van Loan (2013),
    *Matrix Computations*, §2.1.4.
    """
    d = x.shape[0]
    u = np.zeros(d)
    for i in range(d):
        acc = 0.0
        for j in range(d):
            acc += Ainv[i, j] * x[j]
        u[i] = acc
    q = 0.0
    for i in range(d):
        q += x[i] * u[i]
    denom = 1.0 + q
    for i in range(d):
        ui = u[i] / denom
        for j in range(d):
            Ainv[i, j] -= ui * u[j]
    return np.log(denom)


def sherman_morrison_update_numpy(Ainv: np.ndarray, x: np.ndarray) -> float:
    """Plain-numpy reference of :func:`sherman_morrison_update` (same in-place contract).

    References
    ----------
    Sherman & Morrison (1950); Golub & Van Loan (2013), §2.1.4.
    """
    u = Ainv @ x
    denom = 1.0 + float(x @ u)
    Ainv -= np.outer(u / denom, u)
    return float(np.log(denom))


@njit
def elliptical_norm(Ainv, x):
    """||x||_{Ainv} = sqrt(x^T Ainv x) for a positive semi-definite ``Ainv`` (d, d).

    Negative round-off in x^T Ainv x is clipped at 0.

    References
    ----------
    Abbasi-Yadkori, Pál, Szepesvári (2011), "Improved algorithms for linear stochastic
    bandits", NeurIPS (elliptical confidence widths).
    """
    d = x.shape[0]
    q = 0.0
    for i in range(d):
        acc = 0.0
        for j in range(d):
            acc += Ainv[i, j] * x[j]
        q += x[i] * acc
    return np.sqrt(max(q, 0.0))


def elliptical_norm_numpy(Ainv: np.ndarray, x: np.ndarray) -> float:
    """Plain-numpy reference of :func:`elliptical_norm`.

    References
    ----------
    Abbasi-Yadkori, Pál, Szepesvári (2011).
    """
    return float(np.sqrt(max(float(x @ Ainv @ x), 0.0)))
