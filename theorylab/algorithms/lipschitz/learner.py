"""The exact Lipschitz-constrained learner (P_alpha^N) and its deployed extension.

Given demonstrations ``(x_i, u_i)``, i = 1..N, ``x_i in R^n``, ``u_i in R^m``, solve

    min_v (1/N) sum_i l(v_i, u_i)   s.t.   ||v_i - v_j||_inf <= alpha d_ij   for all i < j,

``d_ij = ||x_i - x_j||_2`` (for m = 1 this is the exact finite reduction of the
alpha-Lipschitz class; for m > 1 the componentwise class, spec §3.1), and deploy the
McShane/Whitney midpoint extension of ``(X, v)``, which is alpha-Lipschitz and interpolates
v.  Loss ``l``: squared (QP, default) or absolute.

Solvers (one sparse difference matrix for the constraints):

* ``all_pairs``: all N(N-1)/2 pairs at once, through cvxpy (the exactness cross-check).
* ``constraint_generation`` (default): start from a symmetric kNN graph, solve, scan all pairs
  for violations (numba), add the worst ``per_row`` partners of each row (dropping pairs with
  large slack), repeat until the largest violation is <= ``tol (1 + alpha)``; the rounds use
  solver tolerance 1e-8 and the last one is confirmed at ``cvx_tol``.  At termination the
  iterate is feasible for the all-pairs problem up to that tolerance and optimal for a
  relaxation, hence optimal for the all-pairs problem (up to solver tolerance).  With squared
  loss each round's QP goes to CLARABEL directly as scipy.sparse matrices
  (:mod:`.qp`; ``direct=True``), otherwise through cvxpy.

The authors' primal-dual gradient flow is in :mod:`.primal_dual` (cross-check only).

Every fitted policy reports its measured global Lipschitz constant ``max ||v_i - v_j|| / d_ij``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

import cvxpy as cp
import numpy as np
import scipy.sparse as sp
from scipy.spatial import cKDTree

from ...kernels.lipschitz_extension import lipschitz_constant, mcshane_extension, worst_violations
from .qp import solve_pairs_qp

__all__ = ["LipschitzConfig", "LipschitzPolicy", "fit_lipschitz", "validate_data", "knn_pairs"]

_SOLVERS = ("constraint_generation", "all_pairs")
_LOSSES = ("squared", "absolute")


@dataclass(frozen=True)
class LipschitzConfig:
    """Configuration of the Lipschitz-constrained learner.

    Parameters
    ----------
    alpha : float > 0, the Lipschitz bound (the paper's tuning knob)
    solver : {"constraint_generation", "all_pairs"}
    loss : {"squared", "absolute"}; squared is the default (reconstruction; see spec §2)
    knn : int >= 1, neighbours of the initial graph (reconstruction; see spec §3.2, k = 10)
    per_row : int >= 1, violated partners added per row and round (reconstruction; spec §3.2)
    tol : float in (0, 1e-3], feasibility tolerance relative to (1 + alpha) (spec §3.2: 1e-7)
    max_rounds : int >= 1
    prune : float >= 0.05 or None, between rounds drop pairs whose slack exceeds
        ``prune alpha d_ij`` (inactive constraints; they return if violated later), during the
        first ``max_rounds // 2`` rounds only, so the active set cannot cycle.  None keeps
        every pair.
        Reconstruction (engineering choice, not in the paper); see spec §3.2 and pitfall P9.
    cvx_solver : str, cvxpy solver name (default CLARABEL, spec pitfall P6)
    cvx_tol : float in [1e-12, 1e-4], CLARABEL gap and feasibility tolerances (reconstruction;
        see spec pitfall P6: tight tolerances so that solvers agree to 1e-5)
    anchor_origin : bool, constrain ``v_i = u_i`` at data points with ``x_i = 0`` (the
        hypothesis ``h(0) = h*(0)`` of T2(b); reconstruction; see spec §4 T2(b))
    direct : bool, constraint-generation rounds with squared loss and CLARABEL assemble the
        QP once per round as scipy.sparse matrices and call CLARABEL directly
        (:func:`~theorylab.algorithms.lipschitz.qp.solve_pairs_qp`); False goes through
        cvxpy (same problem, slower canonicalisation; kept as a cross-check).  Engineering
        choice (reconstruction; see spec §3.2 and pitfall P9).

    References
    ----------
    Al Makdah, Krishnan, Pasqualetti (2022), IEEE OJ-CSYS, §III (Lipschitz-constrained loss
    minimisation); solver choices: reconstruction; see spec §3.2.
    """

    alpha: float
    solver: str = "constraint_generation"
    loss: str = "squared"
    knn: int = 10
    per_row: int = 5
    tol: float = 1e-7
    max_rounds: int = 50
    prune: float | None = 0.1
    cvx_solver: str = "CLARABEL"
    cvx_tol: float = 1e-10
    anchor_origin: bool = False
    direct: bool = True

    def __post_init__(self):
        if not (isinstance(self.alpha, (int, float, np.floating)) and np.isfinite(self.alpha) and self.alpha > 0):
            raise ValueError(f"alpha must be a finite number > 0, got {self.alpha!r}")
        if self.solver not in _SOLVERS:
            raise ValueError(f"solver must be one of {_SOLVERS}, got {self.solver!r}")
        if self.loss not in _LOSSES:
            raise ValueError(f"loss must be one of {_LOSSES}, got {self.loss!r}")
        for name in ("knn", "per_row", "max_rounds"):
            v = getattr(self, name)
            if isinstance(v, bool) or int(v) != v or v < 1:
                raise ValueError(f"{name} must be an integer >= 1, got {v!r}")
        if self.prune is not None and not (np.isfinite(self.prune) and self.prune >= 0.05):
            raise ValueError(f"prune must be None or a finite number >= 0.05, got {self.prune!r}")
        if not 0 < self.tol <= 1e-3:
            raise ValueError(f"tol must lie in (0, 1e-3], got {self.tol!r}")
        if not isinstance(self.direct, (bool, np.bool_)):
            raise ValueError(f"direct must be a bool, got {self.direct!r}")
        if not 1e-12 <= self.cvx_tol <= 1e-4:
            raise ValueError(f"cvx_tol must lie in [1e-12, 1e-4], got {self.cvx_tol!r}")


@dataclass(frozen=True, eq=False)
class LipschitzPolicy:
    """A fitted Lipschitz policy: data, fitted values and the deployed extension.

    Attributes
    ----------
    X : ndarray(float, (N, n)); U : ndarray(float, (N, m)); v : ndarray(float, (N, m))
    alpha : float
    objective : float, (1/N) sum_i l(v_i, u_i)
    lipschitz : float, measured global constant ``max_{i<j} ||v_i - v_j||_inf / d_ij``
    rounds : int, solver rounds (1 for all-pairs); n_constraints : int, pairs in the last solve
    seconds : float, wall time of the fit

    References
    ----------
    McShane (1934) extension; Al Makdah et al. (2022), §III.
    """

    X: np.ndarray
    U: np.ndarray
    v: np.ndarray
    alpha: float
    objective: float
    lipschitz: float
    rounds: int
    n_constraints: int
    seconds: float

    def __call__(self, Xq) -> np.ndarray:
        """The extension at query states ``Xq`` (Q, n) -> (Q, m)."""
        Xq = np.ascontiguousarray(np.atleast_2d(np.asarray(Xq, dtype=np.float64)))
        if Xq.shape[1] != self.X.shape[1]:
            raise ValueError(f"query states must have {self.X.shape[1]} columns, got shape {Xq.shape}")
        return mcshane_extension(self.X, self.v, self.alpha, Xq)

    @property
    def residual_sup(self) -> float:
        """``res_inf = max_i ||v_i - u_i||_inf``."""
        return float(np.abs(self.v - self.U).max())


def validate_data(X, U) -> tuple[np.ndarray, np.ndarray]:
    """Check and convert demonstrations: finite, matching shapes, no conflicting duplicates.

    Returns
    -------
    X : ndarray(float, (N, n)); U : ndarray(float, (N, m)) (a 1-D U becomes (N, 1))

    References
    ----------
    Spec §3.1 (a duplicate state with two different inputs makes (P_alpha^N) infeasible to
    interpolate; we reject it with a clear error).
    """
    X = np.ascontiguousarray(np.asarray(X, dtype=np.float64))
    U = np.asarray(U, dtype=np.float64)
    U = np.ascontiguousarray(U[:, None] if U.ndim == 1 else U)
    if X.ndim != 2 or U.ndim != 2:
        raise ValueError(f"X must be (N, n) and U (N,) or (N, m); got shapes {X.shape} and {U.shape}")
    if X.shape[0] != U.shape[0]:
        raise ValueError(f"X and U must have the same number of rows, got {X.shape[0]} and {U.shape[0]}")
    if X.shape[0] < 2:
        raise ValueError(f"need at least 2 demonstrations, got {X.shape[0]}")
    for name, a in (("X", X), ("U", U)):
        if not np.all(np.isfinite(a)):
            raise ValueError(f"{name} contains NaN or inf")
    _, first, inv = np.unique(X, axis=0, return_index=True, return_inverse=True)
    inv = inv.ravel()
    if first.size < X.shape[0]:
        bad = np.flatnonzero(np.abs(U - U[first[inv]]).max(1) > 0)
        if bad.size:
            i = int(bad[0])
            raise ValueError(f"duplicate state {X[i].tolist()} has conflicting inputs "
                             f"{U[first[inv[i]]].tolist()} and {U[i].tolist()}")
    return X, U


def knn_pairs(X, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of the symmetric k-nearest-neighbour graph of X (Euclidean).

    References
    ----------
    Spec §3.2 (initial constraint set of constraint generation).
    """
    N = X.shape[0]
    k = min(k, N - 1)
    _, nb = cKDTree(X).query(X, k=k + 1)
    I = np.repeat(np.arange(N), k)
    J = nb[:, 1:].ravel()
    lo, hi = np.minimum(I, J), np.maximum(I, J)
    pairs = np.unique(np.stack([lo, hi], 1), axis=0)
    return pairs[:, 0], pairs[:, 1]


def _loss(v, U, loss: str) -> float:
    r = v - U
    return float((r**2).sum() / len(U) if loss == "squared" else np.linalg.norm(r, axis=1).sum() / len(U))


def _solve(X, U, I, J, config: LipschitzConfig) -> tuple[np.ndarray, float]:
    if config.direct and config.loss == "squared" and config.cvx_solver == "CLARABEL":
        zero = np.flatnonzero(np.all(X == 0.0, axis=1)) if config.anchor_origin else None
        return solve_pairs_qp(X, U, I, J, float(config.alpha), config.cvx_tol, zero)
    return _solve_cvxpy(X, U, I, J, config)


def _solve_cvxpy(X, U, I, J, config: LipschitzConfig) -> tuple[np.ndarray, float]:
    N, m = U.shape
    E = I.size
    d = np.linalg.norm(X[I] - X[J], axis=1)
    rows = np.r_[np.arange(E), np.arange(E)]
    D = sp.csr_matrix((np.r_[np.ones(E), -np.ones(E)], (rows, np.r_[I, J])), shape=(E, N))
    v = cp.Variable((N, m))
    R = v - U
    obj = cp.sum_squares(R) / N if config.loss == "squared" else cp.sum(cp.norm(R, 2, axis=1)) / N
    cons = [cp.abs(D @ v) <= config.alpha * np.repeat(d[:, None], m, 1)]
    if config.anchor_origin:
        zero = np.flatnonzero(np.all(X == 0.0, axis=1))
        if zero.size:
            cons.append(v[zero, :] == U[zero, :])
    prob = cp.Problem(cp.Minimize(obj), cons)
    opts = {}
    if config.cvx_solver == "CLARABEL":
        t = config.cvx_tol
        opts = dict(tol_gap_abs=t, tol_gap_rel=t, tol_feas=t, tol_ktratio=min(1e-6, 1e3 * t))
    prob.solve(solver=config.cvx_solver, **opts)
    if v.value is None or prob.status not in ("optimal", "optimal_inaccurate"):
        raise RuntimeError(f"cvxpy solver {config.cvx_solver} failed with status {prob.status!r}")
    return np.ascontiguousarray(v.value), float(prob.value)


def fit_lipschitz(X, U, config: LipschitzConfig) -> LipschitzPolicy:
    """Solve (P_alpha^N) and return the deployed policy.

    Parameters
    ----------
    X : array (N, n); U : array (N,) or (N, m); config : LipschitzConfig

    Returns
    -------
    LipschitzPolicy

    References
    ----------
    Al Makdah, Krishnan, Pasqualetti (2022), §III; constraint generation: reconstruction;
    see spec §3.2.
    """
    X, U = validate_data(X, U)
    t0 = time.perf_counter()
    N, a = X.shape[0], float(config.alpha)
    if lipschitz_constant(X, U) <= a:          # v = u is feasible with loss 0: the exact optimum
        v, obj, rounds, E = U.copy(), 0.0, 0, 0
    elif config.solver == "all_pairs":
        I, J = np.triu_indices(N, 1)
        v, obj = _solve_cvxpy(X, U, I, J, config)
        rounds, E = 1, I.size
    else:
        v, obj, rounds, E = _constraint_generation(X, U, config)
    if rounds:
        # Snap v to its own extension at the data: the extension is alpha-Lipschitz for any v,
        # so the snapped values are certified; they move by at most the solver's violation.
        v = mcshane_extension(X, v, a, X)
        obj = _loss(v, U, config.loss)
    return LipschitzPolicy(X, U, v, a, obj, float(lipschitz_constant(X, v)), rounds, E,
                           time.perf_counter() - t0)


def _constraint_generation(X, U, config: LipschitzConfig):
    I, J = knn_pairs(X, config.knn)
    thr = config.tol * (1.0 + config.alpha)
    cfg = replace(config, cvx_tol=max(config.cvx_tol, 1e-8))        # loose rounds, then one tight
    for rounds in range(1, config.max_rounds + 1):
        v, obj = _solve(X, U, I, J, cfg)
        Jw, _ = worst_violations(X, v, float(config.alpha), thr, int(config.per_row))
        new = np.argwhere(Jw >= 0)
        if new.size == 0:
            if cfg == config:
                return v, obj, rounds, I.size
            cfg = config
            continue
        if config.prune is not None and rounds <= config.max_rounds // 2:    # then grow only: no cycling
            ad = config.alpha * np.linalg.norm(X[I] - X[J], axis=1)
            keep = ad - np.abs(v[I] - v[J]).max(1) <= config.prune * ad      # slack small: keep
            I, J = I[keep], J[keep]
        pairs = np.unique(np.concatenate([np.stack([I, J], 1), np.stack([new[:, 0], Jw[new[:, 0], new[:, 1]]], 1)]),
                          axis=0)
        I, J = pairs[:, 0], pairs[:, 1]
    raise RuntimeError(f"constraint generation did not converge in {config.max_rounds} rounds")
