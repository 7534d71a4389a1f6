"""Direct conic form of the squared-loss (P_alpha^N) on a pair set, solved by CLARABEL.

For pairs ``(I_e, J_e)``, e = 1..E, with ``d_e = ||x_I - x_J||`` and values ``v`` (N, m),
the squared-loss problem restricted to those pairs is

    min_v (1/N) ||v - U||_F^2   s.t.   |v_Ik - v_Jk| <= alpha d_e   for all e, k.

With ``x = vec(v)`` (column-major: component k occupies ``x[kN:(k+1)N]``) this is the QP
``min 1/2 x'x - vec(U)'x`` (same minimiser; objective scaled by N/2) with the conic
constraints ``[D_k; -D_k] x_k + s = alpha [d; d]``, ``s >= 0``, where ``D`` (E, N) is the
sparse difference matrix (+1 at I_e, -1 at J_e).  Optional origin anchors are equality
rows (zero cone).  The matrices are assembled once with scipy.sparse and handed to CLARABEL
directly, bypassing cvxpy's canonicalisation, which dominated the time of each
constraint-generation round.
"""
from __future__ import annotations

import clarabel
import numpy as np
import scipy.sparse as sp

__all__ = ["solve_pairs_qp"]


def _settings(tol: float) -> "clarabel.DefaultSettings":
    s = clarabel.DefaultSettings()
    s.verbose = False
    s.tol_gap_abs = s.tol_gap_rel = s.tol_feas = tol
    s.tol_ktratio = min(1e-6, 1e3 * tol)
    s.max_threads = 1
    return s


def _constraint_matrix(N: int, m: int, I, J, zero) -> tuple[sp.csc_matrix, int]:
    E = I.size
    rows = np.r_[np.arange(E), np.arange(E)]
    D = sp.csr_matrix((np.r_[np.ones(E), -np.ones(E)], (rows, np.r_[I, J])), shape=(E, N))
    blocks = [sp.block_diag([D] * m, format="csr")]
    blocks.append(-blocks[0])
    n_eq = 0
    if zero.size:
        Z = sp.csr_matrix((np.ones(zero.size), (np.arange(zero.size), zero)), shape=(zero.size, N))
        blocks.insert(0, sp.block_diag([Z] * m, format="csr"))
        n_eq = zero.size * m
    return sp.vstack(blocks, format="csc"), n_eq


def solve_pairs_qp(X, U, I, J, alpha: float, tol: float, zero=None) -> tuple[np.ndarray, float]:
    """Solve the squared-loss (P_alpha^N) restricted to the pairs ``(I, J)`` with CLARABEL.

    Parameters
    ----------
    X : ndarray(float, (N, n)), data states
    U : ndarray(float, (N, m)), expert inputs
    I, J : ndarray(int, (E,)), pair endpoints (each pair once)
    alpha : float > 0, Lipschitz bound
    tol : float, CLARABEL gap and feasibility tolerance
    zero : ndarray(int, (Z,)) or None, rows anchored to ``v_i = u_i``

    Returns
    -------
    v : ndarray(float, (N, m)), minimiser
    objective : float, ``(1/N) ||v - U||_F^2``

    Raises
    ------
    RuntimeError if CLARABEL does not report Solved / AlmostSolved.

    References
    ----------
    Goulart & Chen (2024), "Clarabel: an interior-point solver for conic programs with
    quadratic objectives", arXiv 2405.12762 (problem form ``Ax + s = b, s in K``);
    Al Makdah, Krishnan, Pasqualetti (2022), §III (the learning problem).
    """
    N, m = U.shape
    zero = np.zeros(0, dtype=np.int64) if zero is None else np.asarray(zero, dtype=np.int64)
    A, n_eq = _constraint_matrix(N, m, np.asarray(I), np.asarray(J), zero)
    ad = alpha * np.linalg.norm(X[I] - X[J], axis=1)
    b = np.r_[U[zero].T.ravel(), np.tile(ad, 2 * m)]      # anchors (component-major), then |Dv| <= ad
    cones = ([clarabel.ZeroConeT(n_eq)] if n_eq else []) + [clarabel.NonnegativeConeT(2 * m * I.size)]
    P = sp.identity(N * m, format="csc")
    q = -U.T.ravel().astype(np.float64)
    sol = clarabel.DefaultSolver(P, q, A, b, cones, _settings(tol)).solve()
    status = str(sol.status)
    if status not in ("Solved", "AlmostSolved"):
        raise RuntimeError(f"CLARABEL failed on the pair QP with status {status!r}")
    v = np.ascontiguousarray(np.asarray(sol.x).reshape(m, N).T)
    return v, float(((v - U) ** 2).sum() / N)
