"""Measurements behind T1-T5: learning errors, fill distance, W1, rollouts, costs, deviations.

Symbols as in :mod:`theorylab.algorithms.lipschitz`.  The sup error ``eta`` is measured on a
uniform grid of X; because ``h - h*`` is ``(alpha + L*)``-Lipschitz, the certified value
``eta_cert = eta_grid + (alpha + L*) delta_grid`` (``delta_grid`` = half-diagonal of a grid
cell) upper-bounds the true sup over X.  That is the eta used in the closed-form bounds.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.spatial import cKDTree

from ...kernels.lipschitz_rollout import rollout
from ...planning.lqr import LQRSolution
from ...problems.control import Attack, LinearControlSystem

__all__ = ["state_grid", "LearningError", "learning_error", "w1_estimate", "Rollouts", "simulate",
           "quadratic_cost"]


def state_grid(box: float, n: int, G: int) -> tuple[np.ndarray, float]:
    """Uniform grid of ``[-box, box]^n`` with G points per axis and its half-diagonal.

    Returns
    -------
    grid : ndarray(float, (G**n, n)); delta : float, every point of X is within delta of the grid

    References
    ----------
    Spec §4 T1 checks (eta and r_N on a grid).
    """
    if G < 2:
        raise ValueError(f"G must be >= 2, got {G}")
    ax = np.linspace(-box, box, G)
    grid = np.stack(np.meshgrid(*([ax] * n), indexing="ij"), -1).reshape(-1, n)
    return grid, float(np.sqrt(n) * (ax[1] - ax[0]) / 2)


@dataclass(frozen=True)
class LearningError:
    """T1 measurements of one fitted policy (all floats).

    Attributes
    ----------
    eta_grid : max grid error; eta_cert : certified sup error over X; mean : grid mean error
    r_N : fill distance on the grid; res_inf, res_1 : training residuals
    t1a_bound : ``res_inf + (alpha + L*) r_N`` (T1(a) at grid points)
    pointwise_slack : min over grid of ``res_i + (alpha + L*)||x - x_i|| - ||h(x) - h*(x)||``
        with i the nearest sample (T1(a) pointwise, lemma L10)

    References
    ----------
    Reconstruction; see spec §4 T1.
    """

    eta_grid: float
    eta_cert: float
    mean: float
    r_N: float
    res_inf: float
    res_1: float
    t1a_bound: float
    pointwise_slack: float


def learning_error(policy, lipschitz: float, K: np.ndarray, X: np.ndarray, U: np.ndarray,
                   v: np.ndarray, L_star: float, grid: np.ndarray, delta: float) -> LearningError:
    """Measure T1 quantities of ``policy`` against the linear expert ``h*(x) = -K x``.

    Parameters
    ----------
    policy : callable (Q, n) -> (Q, m); lipschitz : its certified constant (alpha)
    K : (m, n); X : (N, n) data; U : (N, m) labels; v : (N, m) policy values at X
    grid : (G, n); delta : grid half-diagonal

    References
    ----------
    Reconstruction; see spec §4 T1 (a), lemma L10.
    """
    err = np.abs(policy(grid) + grid @ K.T).max(1)
    dist, nn = cKDTree(X).query(grid)
    res = np.abs(v - U).max(1)
    L = lipschitz + L_star
    slack = res[nn] + L * dist - err
    return LearningError(float(err.max()), float(err.max() + L * delta), float(err.mean()), float(dist.max()),
                         float(res.max()), float(res.mean()), float(res.max() + L * dist.max()),
                         float(slack.min()))


def w1_estimate(X: np.ndarray, rng: np.random.Generator, k: int, box: float) -> float:
    """Assignment estimate of ``W1(mu, mu_N)``, mu uniform on ``[-box, box]^n``.

    The N points replicated k times are matched to kN fresh uniform samples by an exact
    assignment; an *estimate*, not a bound (spec pitfall P8).

    References
    ----------
    Villani (2009), *Optimal Transport*, ch. 6; spec §4 T1 checks and pitfall P8.
    """
    N, n = X.shape
    Y = rng.uniform(-box, box, size=(k * N, n))
    C = np.linalg.norm(np.repeat(X, k, 0)[:, None, :] - Y[None, :, :], axis=-1)
    r, c = linear_sum_assignment(C)
    return float(C[r, c].mean())


def quadratic_cost(system: LinearControlSystem, X: np.ndarray, U: np.ndarray) -> np.ndarray:
    """``J_T = sum_{t<T} x_t'Qx_t + u_t'Ru_t`` per run; inf for divergent runs.

    Parameters
    ----------
    X : (M, T+1, n); U : (M, T, m)

    Returns
    -------
    ndarray(float, (M,))

    References
    ----------
    Spec §2 (performance J_T).
    """
    with np.errstate(invalid="ignore", over="ignore"):
        c = np.einsum("mti,ij,mtj->mt", X[:, :-1], system.Q, X[:, :-1]) + np.einsum("mti,ij,mtj->mt", U, system.R, U)
    c = np.where(np.isfinite(c), c, np.inf)
    return c.sum(1)


@dataclass(frozen=True)
class Rollouts:
    """Closed-loop runs of one policy: states (M, T+1, n), inputs (M, T, m), costs (M,).

    Attributes
    ----------
    X, U, J : ndarray; w : ndarray (M, T), ``||u_t - h*(x_t)||`` (inf after divergence)
    invariant : ndarray(bool, (M,)), every state x_0..x_{T-1} lies in X
    diverged : ndarray(bool, (M,))

    References
    ----------
    Spec §4 T2 and pitfall P2/P3.
    """

    X: np.ndarray
    U: np.ndarray
    J: np.ndarray
    w: np.ndarray
    invariant: np.ndarray
    diverged: np.ndarray


def simulate(system: LinearControlSystem, expert: LQRSolution, x0s: np.ndarray, T: int, *, data=None,
             G=None, attack: Attack = Attack(), dirs=None, blowup: float = 1e3) -> Rollouts:
    """Roll out the extension of ``data = (X, v, alpha)`` or the linear gain ``G`` (m, n).

    Parameters
    ----------
    x0s : (M, n); T : horizon; dirs : (T, D, n) attack directions (from ``attack.directions``)

    References
    ----------
    Spec §2 (measurement attack ``u = h(x + delta)``) and pitfall P3 (divergence is inf).
    """
    n, m = system.n, system.m
    if (data is None) == (G is None):
        raise ValueError("pass exactly one of data=(X, v, alpha) or G")
    if data is not None:
        Xd, v, alpha, kind, Gm = data[0], data[1], float(data[2]), 0, np.zeros((m, n))
    else:
        Xd, v, alpha, kind, Gm = np.zeros((1, n)), np.zeros((1, m)), 1.0, 1, np.asarray(G, dtype=np.float64)
    if dirs is None:
        dirs = np.zeros((T, 1, n))
    X, U = rollout(system.A, system.B, expert.P, expert.K, np.ascontiguousarray(x0s, dtype=np.float64), int(T),
                   kind, np.ascontiguousarray(Gm), np.ascontiguousarray(Xd), np.ascontiguousarray(v), alpha,
                   attack.mode, np.ascontiguousarray(dirs), float(blowup))
    with np.errstate(invalid="ignore"):
        w = np.abs(U + np.einsum("ij,mtj->mti", expert.K, X[:, :-1])).max(-1)
    w = np.where(np.isfinite(w), w, np.inf)
    diverged = ~np.all(np.isfinite(X), axis=(1, 2)) | (np.linalg.norm(X[:, -1], axis=-1) > blowup)
    invariant = np.all(np.abs(np.where(np.isfinite(X[:, :-1]), X[:, :-1], np.inf)) <= system.box, axis=(1, 2))
    return Rollouts(X, U, quadratic_cost(system, X, U), w, invariant, diverged)
