"""The LQR expert and the stability constants of its closed loop (exact truth for control).

Discrete-time infinite-horizon LQR: ``u = -K x`` with ``K = (R + B'PB)^{-1} B'PA`` where P
solves the discrete algebraic Riccati equation (DARE)
``P = Q + A'PA - A'PB (R + B'PB)^{-1} B'PA``.  The closed loop is ``A_cl = A - BK`` and the
expert's Lipschitz constant is ``L* = ||K||_2``.

Stability constants (assumption A3 of the spec): ``M_t = ||A_cl^t||_2`` is exact; for a rate
``rho`` in (spectral radius, 1) the constant ``kappa = max_t M_t / rho^t`` gives
``M_t <= kappa rho^t`` for every t.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg as sla

__all__ = ["LQRSolution", "dlqr", "dlqr_iterative", "transient_norms", "stability_constants"]


@dataclass(frozen=True, eq=False)
class LQRSolution:
    """DARE solution and the expert's closed-loop data.

    Attributes
    ----------
    K : ndarray(float, (m, n)), feedback gain, ``u = -K x``
    P : ndarray(float, (n, n)), DARE solution (cost-to-go ``x'Px``)
    A_cl : ndarray(float, (n, n)), ``A - B K``
    L_star : float, ``||K||_2`` (the expert's Lipschitz constant)
    spectral_radius : float, of ``A_cl``

    References
    ----------
    Bertsekas (2017), *Dynamic Programming and Optimal Control* I, §3.2 (discrete LQR).
    """

    K: np.ndarray
    P: np.ndarray
    A_cl: np.ndarray
    L_star: float
    spectral_radius: float


def _solution(A, B, Q, R, P) -> LQRSolution:
    K = np.linalg.solve(R + B.T @ P @ B, B.T @ P @ A)
    A_cl = A - B @ K
    return LQRSolution(K, P, A_cl, float(np.linalg.norm(K, 2)), float(np.max(np.abs(np.linalg.eigvals(A_cl)))))


def dlqr(A, B, Q, R) -> LQRSolution:
    """Infinite-horizon discrete LQR via scipy's DARE solver, with a residual check.

    Parameters
    ----------
    A : ndarray (n, n); B : ndarray (n, m); Q : ndarray (n, n); R : ndarray (m, m)

    Raises
    ------
    ValueError
        If the DARE residual exceeds 1e-8 relative or the closed loop is not Schur stable.

    References
    ----------
    Bertsekas (2017), §3.2; scipy.linalg.solve_discrete_are.
    """
    A, B, Q, R = (np.asarray(M, dtype=np.float64) for M in (A, B, Q, R))
    P = sla.solve_discrete_are(A, B, Q, R)
    P = 0.5 * (P + P.T)
    G = B.T @ P @ A
    res = Q + A.T @ P @ A - G.T @ np.linalg.solve(R + B.T @ P @ B, G) - P
    if np.abs(res).max() > 1e-8 * max(1.0, np.abs(P).max()):
        raise ValueError(f"DARE residual {np.abs(res).max():.3g} too large: (A, B) not stabilisable?")
    sol = _solution(A, B, Q, R, P)
    if sol.spectral_radius >= 1:
        raise ValueError(f"LQR closed loop not Schur stable (spectral radius {sol.spectral_radius:.6f})")
    return sol


def dlqr_iterative(A, B, Q, R, tol: float = 1e-12, max_iter: int = 100_000) -> LQRSolution:
    """Reference solver: the Riccati value iteration ``P <- Q + A'PA - A'PB(R+B'PB)^{-1}B'PA``.

    Plain numpy, used by the tests to check :func:`dlqr`.

    References
    ----------
    Bertsekas (2017), §3.2 (convergence of the Riccati recursion from P = 0).
    """
    A, B, Q, R = (np.asarray(M, dtype=np.float64) for M in (A, B, Q, R))
    P = np.zeros_like(Q)
    for _ in range(max_iter):
        G = B.T @ P @ A
        P_new = Q + A.T @ P @ A - G.T @ np.linalg.solve(R + B.T @ P @ B, G)
        if np.abs(P_new - P).max() <= tol * max(1.0, np.abs(P_new).max()):
            return _solution(A, B, Q, R, 0.5 * (P_new + P_new.T))
        P = P_new
    raise ValueError(f"Riccati iteration did not converge in {max_iter} steps")


def transient_norms(A_cl, T: int) -> np.ndarray:
    """``M_t = ||A_cl^t||_2`` for t = 0..T, shape (T+1,).

    References
    ----------
    Variation of constants for linear systems, e.g. Sontag (1998), *Mathematical Control
    Theory*, §3.
    """
    A_cl = np.asarray(A_cl, dtype=np.float64)
    powers = np.empty((T + 1,) + A_cl.shape)
    powers[0] = np.eye(A_cl.shape[0])
    for t in range(T):
        powers[t + 1] = A_cl @ powers[t]
    return np.linalg.svd(powers, compute_uv=False)[:, 0]


def stability_constants(A_cl, rho: float | None = None, margin: float = 0.02,
                        horizon: int = 4000) -> tuple[float, float]:
    """``(kappa, rho)`` with ``||A_cl^t||_2 <= kappa rho^t`` for all t >= 0.

    Parameters
    ----------
    A_cl : ndarray (n, n), Schur stable
    rho : float in (spectral radius, 1), optional; default ``spectral radius + margin``
        (reconstruction; see spec §2 A3 and §4 T2, which use margin 0.02).
    margin : float > 0
    horizon : int, the max is taken over t <= horizon (capped so that rho^t >= 1e-250); at the
        last t, ``M_t / rho^t`` must have decayed below 1e-3 of its maximum (else ValueError),
        so by the eventual geometric decay no later t exceeds kappa.

    References
    ----------
    Reconstruction; see spec §2 (A3: incremental exponential stability of the expert loop).
    """
    A_cl = np.asarray(A_cl, dtype=np.float64)
    sr = float(np.max(np.abs(np.linalg.eigvals(A_cl))))
    rho = min(sr + margin, 0.999) if rho is None else float(rho)
    if not sr < rho < 1:
        raise ValueError(f"rho must lie in (spectral radius {sr:.6f}, 1), got {rho!r}")
    horizon = min(horizon, int(250 * np.log(10) / -np.log(rho)))      # keep rho^t >= 1e-250
    ratio = transient_norms(A_cl, horizon) / rho ** np.arange(horizon + 1)
    kappa = float(ratio.max())
    if ratio[-1] > 1e-3 * kappa:
        raise ValueError(f"M_t / rho^t has not decayed by t = {horizon}; increase horizon or rho")
    return kappa, rho
