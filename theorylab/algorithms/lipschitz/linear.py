"""Baseline: the linear policy class ``h(x) = G x`` with ``||G||_2 <= alpha``.

``min_G (1/N) sum_i ||G x_i - u_i||^2  s.t.  ||G||_2 <= alpha``: a second-order cone
program for m = 1 and a semidefinite-representable one (spectral norm) for m > 1, solved
with cvxpy.  The class is exactly alpha-Lipschitz with constant ``||G||_2``; it is the natural
baseline when the expert is LQR (then ``G = -K`` is optimal whenever ``alpha >= L*``).
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import cvxpy as cp
import numpy as np

from .learner import validate_data

__all__ = ["LinearPolicyConfig", "LinearPolicy", "fit_linear"]


@dataclass(frozen=True)
class LinearPolicyConfig:
    """Configuration of the linear baseline.

    Parameters
    ----------
    alpha : float > 0, bound on ``||G||_2``
    cvx_solver : str, cvxpy solver (CLARABEL by default; spec pitfall P6)

    References
    ----------
    Reconstruction; see spec §3.4 (linear policies with ``||K|| <= alpha``).
    """

    alpha: float
    cvx_solver: str = "CLARABEL"

    def __post_init__(self):
        if not (isinstance(self.alpha, (int, float, np.floating)) and np.isfinite(self.alpha) and self.alpha > 0):
            raise ValueError(f"alpha must be a finite number > 0, got {self.alpha!r}")


@dataclass(frozen=True, eq=False)
class LinearPolicy:
    """A fitted linear policy ``u = G x``.

    Attributes
    ----------
    G : ndarray(float, (m, n)); alpha : float; objective : float
    lipschitz : float, ``||G||_2`` (exact global constant); seconds : float

    References
    ----------
    Reconstruction; see spec §3.4.
    """

    G: np.ndarray
    alpha: float
    objective: float
    lipschitz: float
    seconds: float

    def __call__(self, Xq) -> np.ndarray:
        """``G x`` at query states ``Xq`` (Q, n) -> (Q, m)."""
        Xq = np.atleast_2d(np.asarray(Xq, dtype=np.float64))
        if Xq.shape[1] != self.G.shape[1]:
            raise ValueError(f"query states must have {self.G.shape[1]} columns, got shape {Xq.shape}")
        return Xq @ self.G.T


def fit_linear(X, U, config: LinearPolicyConfig) -> LinearPolicy:
    """Least squares over ``{G : ||G||_2 <= alpha}``.

    Parameters
    ----------
    X : array (N, n); U : array (N,) or (N, m)

    Returns
    -------
    LinearPolicy

    References
    ----------
    Reconstruction; see spec §3.4.
    """
    X, U = validate_data(X, U)
    t0 = time.perf_counter()
    N, n = X.shape
    m = U.shape[1]
    G = cp.Variable((m, n))
    norm = cp.norm(G[0], 2) if m == 1 else cp.sigma_max(G)
    prob = cp.Problem(cp.Minimize(cp.sum_squares(X @ G.T - U) / N), [norm <= config.alpha])
    prob.solve(solver=config.cvx_solver)
    if G.value is None:
        raise RuntimeError(f"cvxpy solver {config.cvx_solver} failed with status {prob.status!r}")
    Gv = np.asarray(G.value)
    s = np.linalg.norm(Gv, 2)
    if s > config.alpha:                         # remove the solver's feasibility error
        Gv = Gv * (config.alpha / s)
    obj = float(((X @ Gv.T - U) ** 2).sum() / N)
    return LinearPolicy(Gv, float(config.alpha), obj, float(np.linalg.norm(Gv, 2)), time.perf_counter() - t0)
