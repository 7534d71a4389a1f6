"""Primal-dual gradient-flow solver of (P_alpha^N): the authors' method, as a cross-check.

Spec §3.3 reconstructs the solver of the authors' NeurIPS 2020 code: the projected saddle
flow of the squared-constraint Lagrangian

    (1/2N) sum_i (v_i - u_i)^2 + 1/2 sum_{(i,j) in E} Lam_ij ((v_i - v_j)^2 - alpha^2 d_ij^2)

integrated from zero on ``[0, horizon]`` by an adaptive Runge-Kutta method (their ode45).
Here every data point is its own vertex and E is either all pairs (exact problem; lemma L9)
or a symmetric kNN graph (a relaxation: fast, approximate, its measured global constant may
exceed alpha — always reported).  Outputs with m > 1 are handled componentwise (the
componentwise problem separates across components).  The deployed policy is the McShane
extension of the limit values; nothing is snapped, so ``policy.lipschitz`` is the honest
measured constant of the flow's end point.  Use :func:`~.learner.fit_lipschitz` for certified
results.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp

from ...kernels.lipschitz_extension import lipschitz_constant
from ...kernels.lipschitz_primal_dual import primal_dual_rhs
from .learner import LipschitzPolicy, knn_pairs, validate_data

__all__ = ["PrimalDualConfig", "PrimalDualResult", "fit_primal_dual"]

_GRAPHS = ("all_pairs", "knn")
_METHODS = ("RK45", "DOP853", "RK23")


@dataclass(frozen=True)
class PrimalDualConfig:
    """Configuration of the primal-dual flow.

    Parameters
    ----------
    alpha : float > 0, the Lipschitz bound
    graph : {"all_pairs", "knn"}; all pairs is the exact problem (spec §6 L9)
    knn : int >= 1, neighbours of the kNN graph (spec §3.3: k = 5; reconstruction; see spec §3.3)
    horizon : float > 0, integration horizon (spec §3.3: [0, 1000]; reconstruction; see spec §3.3)
    method : {"RK45", "DOP853", "RK23"}, scipy integrator (RK45 = Dormand-Prince, like ode45)
    rtol : float in [1e-12, 1e-3]; atol : float in [1e-14, 1e-3], integrator tolerances
        (reconstruction; see spec §3.3 — ode45 defaults are too loose for a 1e-3 match)
    floor : float >= 0, projection threshold for the multipliers (spec §3.3: 1e-10)

    References
    ----------
    Spec §3.3 (Al Makdah et al., NeurIPS 2020 code); Dormand & Prince (1980), J. Comput. Appl.
    Math. 6 (the RK45 pair).
    """

    alpha: float
    graph: str = "all_pairs"
    knn: int = 5
    horizon: float = 1000.0
    method: str = "RK45"
    rtol: float = 1e-8
    atol: float = 1e-10
    floor: float = 1e-10

    def __post_init__(self):
        if not (isinstance(self.alpha, (int, float, np.floating)) and np.isfinite(self.alpha) and self.alpha > 0):
            raise ValueError(f"alpha must be a finite number > 0, got {self.alpha!r}")
        if self.graph not in _GRAPHS:
            raise ValueError(f"graph must be one of {_GRAPHS}, got {self.graph!r}")
        if self.method not in _METHODS:
            raise ValueError(f"method must be one of {_METHODS}, got {self.method!r}")
        if isinstance(self.knn, bool) or int(self.knn) != self.knn or self.knn < 1:
            raise ValueError(f"knn must be an integer >= 1, got {self.knn!r}")
        if not (np.isfinite(self.horizon) and self.horizon > 0):
            raise ValueError(f"horizon must be a finite number > 0, got {self.horizon!r}")
        if not 1e-12 <= self.rtol <= 1e-3:
            raise ValueError(f"rtol must lie in [1e-12, 1e-3], got {self.rtol!r}")
        if not 1e-14 <= self.atol <= 1e-3:
            raise ValueError(f"atol must lie in [1e-14, 1e-3], got {self.atol!r}")
        if not (np.isfinite(self.floor) and self.floor >= 0):
            raise ValueError(f"floor must be a finite number >= 0, got {self.floor!r}")


@dataclass(frozen=True, eq=False)
class PrimalDualResult:
    """End point of the primal-dual flow.

    Attributes
    ----------
    policy : LipschitzPolicy, extension of the end-point values (``rounds`` = 1,
        ``n_constraints`` = E); its ``lipschitz`` is the measured global constant
    lam : ndarray(float, (E, m)), multipliers at the horizon (per component)
    I, J : ndarray(int64, (E,)), the graph's edges (i < j)
    n_evaluations : int, right-hand-side evaluations over all components

    References
    ----------
    Spec §3.3; Arrow, Hurwicz, Uzawa (1958).
    """

    policy: LipschitzPolicy
    lam: np.ndarray
    I: np.ndarray
    J: np.ndarray
    n_evaluations: int


def _flow(u, I, J, c, config: PrimalDualConfig):
    N, E = u.size, I.size

    def rhs(_t, z):
        dv, dlam = primal_dual_rhs(z[:N], z[N:], u, I, J, c, config.floor)
        return np.concatenate((dv, dlam))

    sol = solve_ivp(rhs, (0.0, config.horizon), np.zeros(N + E), method=config.method,
                    rtol=config.rtol, atol=config.atol)
    if sol.status != 0:
        raise RuntimeError(f"primal-dual integration failed: {sol.message}")
    return sol.y[:N, -1], sol.y[N:, -1], int(sol.nfev)


def fit_primal_dual(X, U, config: PrimalDualConfig) -> PrimalDualResult:
    """Integrate the primal-dual flow of (P_alpha^N) and return its end point.

    Parameters
    ----------
    X : array (N, n); U : array (N,) or (N, m); config : PrimalDualConfig

    Returns
    -------
    PrimalDualResult

    References
    ----------
    Spec §3.3 (the authors' solver) and §6 L9 (cross-check against the exact learner).
    """
    X, U = validate_data(X, U)
    t0 = time.perf_counter()
    N, m = U.shape
    if config.graph == "all_pairs":
        I, J = np.triu_indices(N, 1)
    else:
        I, J = knn_pairs(X, config.knn)
    I, J = np.ascontiguousarray(I, dtype=np.int64), np.ascontiguousarray(J, dtype=np.int64)
    c = float(config.alpha) * np.linalg.norm(X[I] - X[J], axis=1)
    v, lam, nfev = np.empty((N, m)), np.empty((I.size, m)), 0
    for k in range(m):
        v[:, k], lam[:, k], n_k = _flow(np.ascontiguousarray(U[:, k]), I, J, c, config)
        nfev += n_k
    obj = float(((v - U) ** 2).sum() / N)
    policy = LipschitzPolicy(X, U, v, float(config.alpha), obj, float(lipschitz_constant(X, v)), 1, I.size,
                             time.perf_counter() - t0)
    return PrimalDualResult(policy, lam, I, J, nfev)
