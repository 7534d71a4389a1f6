"""Per-state FTRL solvers for policy optimization: log-barrier, exponential weights, greedy.

For a cumulative loss vector C in R^A and learning rate eta:

* log-barrier FTRL: p = argmin_{p in simplex} <p, C> + (1/eta) sum_a ln(1/p_a).  The KKT
  conditions give p_a = 1 / (c_a + mu) with c_a = eta (C_a - min_b C_b) >= 0 and mu in
  [1, A] the root of g(mu) = sum_a 1/(c_a + mu) - 1.  g is convex and decreasing with
  g(1) >= 0, so Newton's method from mu = 1 increases monotonically to the root without
  overshoot (spec §3.0(d)); bisection on [1, A] is the fallback.
* exponential weights: p_a proportional to exp(-eta (C_a - min C)).
* greedy (follow the leader): all mass on the lowest-index minimiser.

Kernels are private (``_``-prefixed numba functions); the public wrappers validate input.
Each kernel has a numpy reference; the log-barrier step also has a cvxpy reference.
"""
from __future__ import annotations

import warnings

import numpy as np

from .._numba import njit

__all__ = ["SOLVERS", "log_barrier", "log_barrier_numpy", "log_barrier_cvxpy", "exp_weights",
           "exp_weights_numpy", "policy_from_losses", "policy_from_losses_numpy"]

SOLVERS = {"log_barrier": 0, "exp_weights": 1, "greedy": 2, "uniform": 3}
_NEWTON_TOL = 1e-14
_MAX_NEWTON = 200


@njit
def _log_barrier(c, p):
    """Fill p with the log-barrier FTRL distribution for shifted scaled losses c >= 0."""
    A = c.shape[0]
    mu = 1.0
    iters = 0
    ok = False
    for it in range(_MAX_NEWTON):
        g, dg = -1.0, 0.0
        for a in range(A):
            inv = 1.0 / (c[a] + mu)
            g += inv
            dg += inv * inv
        iters = it + 1
        if g <= _NEWTON_TOL:
            ok = True
            break
        step = g / dg
        mu += step
        if step <= 1e-16 * mu:
            ok = True
            break
    if not ok:  # bisection fallback on [1, A]
        lo, hi = 1.0, float(A)
        for _ in range(200):
            mu = 0.5 * (lo + hi)
            g = -1.0
            for a in range(A):
                g += 1.0 / (c[a] + mu)
            if g > 0:
                lo = mu
            else:
                hi = mu
        iters = -1
    tot = 0.0
    for a in range(A):
        p[a] = 1.0 / (c[a] + mu)
        tot += p[a]
    for a in range(A):
        p[a] /= tot
    return iters


@njit
def _exp_weights(c, p):
    tot = 0.0
    for a in range(c.shape[0]):
        p[a] = np.exp(-c[a])
        tot += p[a]
    for a in range(c.shape[0]):
        p[a] /= tot


@njit
def _state_policy(C, eta, solver, c, p):
    """Policy at one state from its cumulative losses C (A,); c is scratch space."""
    A = C.shape[0]
    best = 0
    for a in range(1, A):
        if C[a] < C[best]:
            best = a
    if solver == 2:
        p[:] = 0.0
        p[best] = 1.0
        return
    if solver == 3:
        p[:] = 1.0 / A
        return
    for a in range(A):
        c[a] = eta * (C[a] - C[best])
    if solver == 0:
        _log_barrier(c, p)
    else:
        _exp_weights(c, p)


@njit
def _policy_from_losses(C, eta, solver, pi):
    H, S, A = C.shape
    c = np.empty(A)
    for h in range(H):
        for s in range(S):
            _state_policy(C[h, s], eta, solver, c, pi[h, s])


def _shifted(C, eta) -> np.ndarray:
    C = np.asarray(C, dtype=np.float64)
    if C.ndim < 1 or C.shape[-1] < 1 or not np.all(np.isfinite(C)):
        raise ValueError("cumulative losses must be a finite array with a trailing action axis")
    if not (np.isfinite(eta) and eta > 0):
        raise ValueError(f"eta must be a finite positive float, got {eta!r}")
    return eta * (C - C.min(-1, keepdims=True))


def log_barrier(C, eta: float) -> tuple:
    """Log-barrier FTRL distribution argmin_p <p, C> + (1/eta) sum_a ln(1/p_a).

    Parameters
    ----------
    C : ndarray(float, (A,)), cumulative losses (any real values)
    eta : float > 0

    Returns
    -------
    (p, iters) : ndarray(float, (A,)) on the simplex; Newton iterations (-1: bisection used)

    References
    ----------
    Spec §3.0(d) (Newton from mu = 1, bisection fallback); Foster, Li, Lykouris, Sridharan,
    Tardos (2016), "Learning in games: robustness of fast convergence" (log-barrier FTRL).
    """
    c = _shifted(C, eta)
    if c.ndim != 1:
        raise ValueError(f"C must be one-dimensional, got shape {c.shape}")
    p = np.empty_like(c)
    it = _log_barrier(c, p)
    return p, int(it)


def log_barrier_numpy(C, eta: float) -> np.ndarray:
    """Numpy reference of :func:`log_barrier`: Newton on mu, vectorised over leading axes.

    Parameters
    ----------
    C : ndarray(float, (..., A)); eta : float > 0

    Returns
    -------
    ndarray(float, (..., A))

    References
    ----------
    Spec §3.0(d).
    """
    c = _shifted(C, eta)
    mu = np.ones(c.shape[:-1] + (1,))
    for _ in range(_MAX_NEWTON):
        inv = 1.0 / (c + mu)
        g = inv.sum(-1, keepdims=True) - 1.0
        step = np.where(g > _NEWTON_TOL, g / (inv * inv).sum(-1, keepdims=True), 0.0)
        mu = mu + step
        if np.all(step <= 1e-16 * mu):
            break
    p = 1.0 / (c + mu)
    return p / p.sum(-1, keepdims=True)


def log_barrier_cvxpy(C, eta: float) -> np.ndarray:
    """Generic convex-solver reference of :func:`log_barrier` (cvxpy, Clarabel).

    Solves min <p, c> - sum_a log p_a over the simplex for c = eta (C - min C), which has
    the same minimiser as the log-barrier FTRL objective.

    References
    ----------
    Diamond & Boyd (2016), "CVXPY", JMLR 17(83); spec §6 L1 (agreement with a generic solver).
    """
    import cvxpy as cp

    c = _shifted(C, eta)
    p = cp.Variable(c.shape[0])
    prob = cp.Problem(cp.Minimize(c @ p - cp.sum(cp.log(p))), [cp.sum(p) == 1])
    with warnings.catch_warnings():  # accuracy is verified by the callers' comparisons
        warnings.simplefilter("ignore", UserWarning)
        prob.solve(solver=cp.CLARABEL, tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12)
    out = np.maximum(np.asarray(p.value, dtype=np.float64), 0.0)
    return out / out.sum()


def exp_weights(C, eta: float) -> np.ndarray:
    """Exponential-weights distribution p_a proportional to exp(-eta (C_a - min C)), shape (A,).

    References
    ----------
    Freund & Schapire (1997), "A decision-theoretic generalization of on-line learning", JCSS.
    """
    c = _shifted(C, eta)
    if c.ndim != 1:
        raise ValueError(f"C must be one-dimensional, got shape {c.shape}")
    p = np.empty_like(c)
    _exp_weights(c, p)
    return p


def exp_weights_numpy(C, eta: float) -> np.ndarray:
    """Numpy reference of :func:`exp_weights`, vectorised over leading axes.

    References
    ----------
    Freund & Schapire (1997).
    """
    w = np.exp(-_shifted(C, eta))
    return w / w.sum(-1, keepdims=True)


def policy_from_losses(C, eta: float, solver: str) -> np.ndarray:
    """Per-state policies pi[h, s] from cumulative losses C[h, s] (numba kernel).

    Parameters
    ----------
    C : ndarray(float, (H, S, A)); eta : float > 0 (ignored by greedy/uniform)
    solver : key of ``SOLVERS``

    Returns
    -------
    ndarray(float, (H, S, A))

    References
    ----------
    Spec §3.0(d); Shani, Efroni, Rosenberg, Mannor (2020), "Optimistic policy optimization
    with bandit feedback", ICML (one online learner per state).
    """
    C = np.ascontiguousarray(C, dtype=np.float64)
    _shifted(C, eta)
    if C.ndim != 3:
        raise ValueError(f"C must have shape (H, S, A), got {C.shape}")
    pi = np.empty_like(C)
    _policy_from_losses(C, float(eta), SOLVERS[solver], pi)
    return pi


def policy_from_losses_numpy(C, eta: float, solver: str) -> np.ndarray:
    """Numpy reference of :func:`policy_from_losses`.

    References
    ----------
    Spec §3.0(d).
    """
    C = np.asarray(C, dtype=np.float64)
    if solver == "log_barrier":
        return log_barrier_numpy(C, eta)
    if solver == "exp_weights":
        return exp_weights_numpy(C, eta)
    if solver == "greedy":
        out = np.zeros_like(C)
        np.put_along_axis(out, C.argmin(-1)[..., None], 1.0, axis=-1)
        return out
    if solver == "uniform":
        return np.full_like(C, 1.0 / C.shape[-1])
    raise ValueError(f"solver must be one of {tuple(SOLVERS)}, got {solver!r}")
