"""Closed-loop rollouts of a Lipschitz policy under bounded measurement attacks (numba + numpy).

System ``x_{t+1} = A x_t + B u_t``, policy ``u_t = h(x_t + delta_t)`` with ``||delta_t|| <= eps``.
The policy is either the McShane extension of data ``(Xd, v, alpha)`` (``kind = 0``) or a
linear gain ``u = G x`` (``kind = 1``; the LQR expert is ``G = -K``).  Attack modes (see
:class:`theorylab.problems.control.Attack`): 0 none, 1 random (``dirs[t, 0]``), 2 greedy
(maximise ``x_{t+1}' P x_{t+1}`` over ``dirs[t]``), 3 input (maximise
``||h(x + delta) - h*(x)||_2`` over ``dirs[t]``, expert ``h* = -K x``).  The candidate
directions ``dirs`` (T, D, n) are drawn in Python from the cell's noise stream.

A run that leaves the ball ``||x|| <= blowup`` is divergent: the first state outside is
stored, the remaining states and inputs are inf (spec pitfall P3) and the run stops.
"""
from __future__ import annotations

import numpy as np

from .._numba import njit
from .lipschitz_extension import mcshane_extension, mcshane_extension_numpy

__all__ = ["rollout", "rollout_numpy"]


@njit
def _policy(x, kind, G, Xd, v, alpha):
    if kind == 1:
        return G @ x
    return mcshane_extension(Xd, v, alpha, x.reshape(1, -1))[0]


@njit
def _perturb(x, mode, dirs_t, kind, G, Xd, v, alpha, A, B, P, K):
    if mode == 0:
        return x.copy()
    if mode == 1:
        return x + dirs_t[0]
    best, arg = -np.inf, 0
    for d in range(dirs_t.shape[0]):
        u = _policy(x + dirs_t[d], kind, G, Xd, v, alpha)
        if mode == 2:
            y = A @ x + B @ u
            score = y @ P @ y
        else:
            e = u + K @ x
            score = e @ e
        if score > best:
            best, arg = score, d
    return x + dirs_t[arg]


@njit
def rollout(A, B, P, K, x0s, T, kind, G, Xd, v, alpha, mode, dirs, blowup):
    """Closed-loop trajectories from each initial state.

    Parameters
    ----------
    A : (n, n); B : (n, m); P : (n, n) expert cost-to-go; K : (m, n) expert gain
    x0s : (M, n) initial states; T : int horizon
    kind : int, 0 extension of ``(Xd (N, n), v (N, m), alpha)``, 1 linear ``G (m, n)``
    mode : int attack mode; dirs : (T, D, n) candidate perturbations; blowup : float

    Returns
    -------
    X : ndarray(float, (M, T+1, n)); U : ndarray(float, (M, T, m)); inf after divergence

    References
    ----------
    Reconstruction of the closed-loop setting of Al Makdah et al. (2022); see spec §2, §4 T4.
    """
    M, n = x0s.shape
    m = B.shape[1]
    X = np.full((M, T + 1, n), np.inf)
    U = np.full((M, T, m), np.inf)
    for r in range(M):
        x = x0s[r].copy()
        X[r, 0] = x
        for t in range(T):
            xm = _perturb(x, mode, dirs[t], kind, G, Xd, v, alpha, A, B, P, K)
            u = _policy(xm, kind, G, Xd, v, alpha)
            U[r, t] = u
            x = A @ x + B @ u
            X[r, t + 1] = x
            if not np.sqrt(x @ x) <= blowup:
                break
    return X, U


def _policy_np(x, kind, G, Xd, v, alpha):
    return G @ x if kind == 1 else mcshane_extension_numpy(Xd, v, alpha, x[None])[0]


def rollout_numpy(A, B, P, K, x0s, T, kind, G, Xd, v, alpha, mode, dirs, blowup):
    """Numpy reference of :func:`rollout` (same arguments and outputs).

    References
    ----------
    Reconstruction; see spec §2, §4 T4.
    """
    M, n = x0s.shape
    X = np.full((M, T + 1, n), np.inf)
    U = np.full((M, T, B.shape[1]), np.inf)
    for r in range(M):
        x = x0s[r].copy()
        X[r, 0] = x
        for t in range(T):
            cand = x + dirs[t] if mode >= 2 else None
            if mode == 1:
                xm = x + dirs[t, 0]
            elif mode >= 2:
                us = np.array([_policy_np(c, kind, G, Xd, v, alpha) for c in cand])
                if mode == 2:
                    y = x @ A.T + us @ B.T
                    score = np.einsum("di,ij,dj->d", y, P, y)
                else:
                    score = ((us + K @ x) ** 2).sum(1)
                xm = cand[int(np.argmax(score))]
            else:
                xm = x
            U[r, t] = _policy_np(xm, kind, G, Xd, v, alpha)
            x = A @ x + B @ U[r, t]
            X[r, t + 1] = x
            if not np.linalg.norm(x) <= blowup:
                break
    return X, U
