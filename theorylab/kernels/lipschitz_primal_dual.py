"""Right-hand side of the primal-dual gradient flow for (P_alpha^N) on a graph (numba + numpy).

Symbols: values ``v`` (N,) (one output component), expert inputs ``u`` (N,), edges
``(I_e, J_e)`` with bounds ``c_e = alpha d_e``, multipliers ``lam`` (E,) >= 0.  The flow
(spec §3.3, the authors' NeurIPS 2020 solver) is

    dv/dt   = -(L_lam v + (v - u) / N),     (L_lam v)_i = sum_{e ∋ i} lam_e (v_i - v_other)
    dlam/dt = |v_I - v_J| - c_e,            set to 0 when lam_e <= floor and the residual < 0,

the saddle flow of ``(1/2N) ||v - u||^2 + 1/2 sum_e lam_e ((v_I - v_J)^2 - c_e^2)``.
"""
from __future__ import annotations

import numpy as np

from .._numba import njit

__all__ = ["primal_dual_rhs", "primal_dual_rhs_numpy"]


@njit
def primal_dual_rhs(v, lam, u, I, J, c, floor):
    """Time derivatives ``(dv/dt, dlam/dt)`` of the projected primal-dual flow.

    Parameters
    ----------
    v : ndarray(float, (N,)); lam : ndarray(float, (E,)); u : ndarray(float, (N,))
    I, J : ndarray(int64, (E,)), edge endpoints; c : ndarray(float, (E,)), ``alpha d_e``
    floor : float, multipliers at or below it are held when their residual is negative

    Returns
    -------
    dv : ndarray(float, (N,)); dlam : ndarray(float, (E,))

    References
    ----------
    Arrow, Hurwicz, Uzawa (1958), Studies in Linear and Non-Linear Programming (saddle-point
    flow); spec §3.3 (the flow as used by Al Makdah et al.).
    """
    N = v.shape[0]
    dv = np.empty(N)
    for i in range(N):
        dv[i] = -(v[i] - u[i]) / N
    dlam = np.empty(lam.shape[0])
    for e in range(lam.shape[0]):
        diff = v[I[e]] - v[J[e]]
        dv[I[e]] -= lam[e] * diff
        dv[J[e]] += lam[e] * diff
        r = abs(diff) - c[e]
        dlam[e] = 0.0 if (lam[e] <= floor and r < 0.0) else r
    return dv, dlam


def primal_dual_rhs_numpy(v, lam, u, I, J, c, floor):
    """Numpy reference of :func:`primal_dual_rhs` (same arguments and results).

    References
    ----------
    Spec §3.3.
    """
    N = v.shape[0]
    diff = v[I] - v[J]
    Lv = np.bincount(I, lam * diff, N) - np.bincount(J, lam * diff, N)
    r = np.abs(diff) - c
    return -(Lv + (v - u) / N), np.where((lam <= floor) & (r < 0), 0.0, r)
