"""Array-namespace selection and batched tabular kernels written against the array API.

A sweep over many small tabular problems (seeds x instances) can run as one batched
computation with a leading batch axis B.  The functions here use only array-API
operations (``matmul``, ``reshape``, ``max``, ``argmax``, ``stack``), so the same code runs
on numpy (default), ``array_api_strict`` (the conformance check CI runs) and CuPy (GPU,
optional extra ``theorylab[gpu]``).

Symbols: B batch size, H horizon, S states, A actions; P has shape (B, Hp, S, A, S) and r
(B, Hr, S, A) with Hp, Hr in {1, H} (stationary models are not copied H times).

The robust TV backup and the log-barrier FTRL step are the batched forms of
:mod:`theorylab.planning.robust` / :mod:`theorylab.kernels.robust_tv` and
:func:`theorylab.kernels.adversarial_linear_ftrl.log_barrier`.  Sorting and data-dependent
loops do not batch well on a GPU, so the TV inner problem is evaluated in its dual form at
every kink (O(S^2) per factor, one batched matmul) instead of the per-instance sort, and the
log-barrier Newton iteration runs on every row until all rows have converged.
"""
from __future__ import annotations

import importlib

import numpy as np

from ._numba import njit

__all__ = ["get_backend", "to_numpy", "batched_backward_induction", "batched_backward_induction_xp", "batched_policy_evaluation",
           "batched_tv_sigma", "batched_robust_backward_induction", "batched_log_barrier"]

_NAMES = ("numpy", "cupy", "array_api_strict")


def get_backend(name: str = "numpy"):
    """The array namespace called ``name``; a clear error when it is unavailable.

    Parameters
    ----------
    name : {"numpy", "cupy", "array_api_strict"}

    Raises
    ------
    ValueError for an unknown name; RuntimeError when CuPy or a GPU is missing.

    References
    ----------
    Python array API standard (data-apis.org, 2023.12); ``shared/specs/ecosystem.md`` §4.
    """
    if name not in _NAMES:
        raise ValueError(f"backend must be one of {_NAMES}, got {name!r}")
    if name == "numpy":
        return np
    try:
        xp = importlib.import_module(name)
    except ImportError as e:
        extra = "pip install 'theorylab[gpu]'" if name == "cupy" else "pip install array-api-strict"
        raise RuntimeError(f"backend {name!r} is not installed ({e}); {extra}") from None
    if name == "cupy":
        try:
            if xp.cuda.runtime.getDeviceCount() < 1:
                raise RuntimeError("no CUDA device")
        except Exception as e:  # CUDARuntimeError has no stable import path
            raise RuntimeError(f"backend 'cupy' needs a CUDA GPU: {e}") from None
    return xp


def to_numpy(x) -> np.ndarray:
    """Copy an array of any supported namespace to a numpy array (float64/int64 kept).

    References
    ----------
    Python array API standard, ``__dlpack__`` interchange; CuPy's ``get()``.
    """
    if hasattr(x, "get"):
        return x.get()
    return np.asarray(x) if isinstance(x, np.ndarray) else np.from_dlpack(x)


def _stage(a, h: int):
    return a[:, h if a.shape[1] > 1 else 0, ...]


def _check(P, r, H: int):
    if P.ndim != 5 or r.ndim != 4:
        raise ValueError(f"P must be (B, Hp, S, A, S) and r (B, Hr, S, A); got {P.shape} and {r.shape}")
    B, Hp, S, A, S2 = P.shape
    if S2 != S or r.shape[0] != B or tuple(r.shape[2:]) != (S, A):
        raise ValueError(f"P {P.shape} and r {r.shape} disagree")
    if Hp not in (1, H) or r.shape[1] not in (1, H):
        raise ValueError(f"stage axes must have length 1 or H = {H}")
    return B, S, A


_SMALL = 16  # below this many next states / actions, unrolled elementwise loops beat batched matmul


def _by_next_state(xp, P):
    """P laid out (B, Hp, S', S, A), contiguous where the namespace can say so, for small S."""
    if P.shape[2] > _SMALL:
        return None
    Pn = xp.permute_dims(P, (0, 1, 4, 2, 3))
    return xp.ascontiguousarray(Pn) if hasattr(xp, "ascontiguousarray") else Pn  # numpy, cupy


def _next_values(xp, P, Pn, h, v):
    """E_{s' ~ P_h(s, a)} v(s'), shape (B, S, A); accumulated over s' in order for small S."""
    B, _, S, A, _ = P.shape
    if Pn is not None:  # numpy's batched matmul of tiny matrices is a slow per-matrix loop
        Pn = _stage(Pn, h)
        vv = xp.reshape(v, (B, S, 1, 1))
        out = Pn[:, 0, ...] * vv[:, 0, ...]
        for j in range(1, S):
            out = out + Pn[:, j, ...] * vv[:, j, ...]
        return out
    flat = xp.reshape(_stage(P, h), (B, S * A, S))
    return xp.reshape(xp.matmul(flat, xp.reshape(v, (B, S, 1))), (B, S, A))


def _stack(xp, arrays):
    """Stack (B, ...) arrays along a new axis 1 (stacked along axis 0, then a transposed view)."""
    x = xp.stack(arrays, axis=0)
    return xp.permute_dims(x, (1, 0) + tuple(range(2, x.ndim)))


def _max_argmax(xp, Q):
    """max and argmax (lowest index among ties) over the last axis."""
    A = Q.shape[-1]
    if A > _SMALL:
        return xp.max(Q, axis=-1), xp.argmax(Q, axis=-1)
    best, arg = Q[..., 0], xp.zeros(Q.shape[:-1], dtype=xp.int64)
    for a in range(1, A):
        better = Q[..., a] > best
        best = xp.where(better, Q[..., a], best)
        arg = xp.where(better, xp.asarray(a, dtype=xp.int64), arg)
    return best, arg


def batched_backward_induction(P, r, H: int, xp=np):
    """Backward induction for B MDPs at once (greedy ties to the lowest action).

    Parameters
    ----------
    P : array(float64, (B, Hp, S, A, S))
    r : array(float64, (B, Hr, S, A))
    H : int
    xp : array namespace (numpy, array_api_strict, cupy)

    Returns
    -------
    Q (B, H, S, A), V (B, H + 1, S), pi (B, H, S) int64, in the namespace of the inputs.

    References
    ----------
    Puterman (1994), §4.5; batching as in ``shared/specs/ecosystem.md`` §4.
    """
    B, S, A = _check(P, r, H)
    if xp is np and isinstance(P, np.ndarray) and isinstance(r, np.ndarray):
        return _batched_backward_induction_numba(P, r, H)
    return batched_backward_induction_xp(P, r, H, xp)


def batched_backward_induction_xp(P, r, H: int, xp=np):
    """The array-API path of :func:`batched_backward_induction` (any namespace, numpy too).

    References
    ----------
    Puterman (1994), §4.5; Python array API standard.
    """
    B, S, A = _check(P, r, H)
    V = [None] * (H + 1)
    V[H] = xp.zeros((B, S), dtype=xp.float64)
    Qs, pis = [None] * H, [None] * H
    Pn = _by_next_state(xp, P)
    for h in range(H - 1, -1, -1):
        Q = _stage(r, h) + _next_values(xp, P, Pn, h, V[h + 1])
        Qs[h] = Q
        V[h], pis[h] = _max_argmax(xp, Q)
    return _stack(xp, Qs), _stack(xp, V), _stack(xp, pis)


@njit
def _batched_bi_kernel(P, r, Q, V, pi):
    # Many small problems: plain loops (a BLAS call per stage costs more than the work).
    B, H, S, A = Q.shape
    for b in range(B):
        for h in range(H - 1, -1, -1):
            hp = h if P.shape[1] > 1 else 0
            hr = h if r.shape[1] > 1 else 0
            for s in range(S):
                best = 0
                for a in range(A):
                    q = 0.0
                    for t in range(S):
                        q += P[b, hp, s, a, t] * V[b, h + 1, t]
                    q += r[b, hr, s, a]
                    Q[b, h, s, a] = q
                    if a == 0 or q > Q[b, h, s, best]:
                        best = a
                pi[b, h, s] = best
                V[b, h, s] = Q[b, h, s, best]


def _batched_backward_induction_numba(P, r, H: int):
    """CPU path: one compiled loop over the batch around the per-instance planning kernel."""
    P, r = np.ascontiguousarray(P, dtype=np.float64), np.ascontiguousarray(r, dtype=np.float64)
    B, S, A = P.shape[0], P.shape[2], P.shape[3]
    Q, V, pi = np.empty((B, H, S, A)), np.zeros((B, H + 1, S)), np.empty((B, H, S), np.int64)
    _batched_bi_kernel(P, r, Q, V, pi)
    return Q, V, pi


def batched_policy_evaluation(P, r, pi, H: int, xp=np):
    """Q^pi and V^pi for B MDPs and B stochastic policies pi (B, H, S, A) at once.

    References
    ----------
    Puterman (1994), §4.2.
    """
    B, S, A = _check(P, r, H)
    if tuple(pi.shape) != (B, H, S, A):
        raise ValueError(f"pi must have shape {(B, H, S, A)}, got {tuple(pi.shape)}")
    V = [None] * (H + 1)
    V[H] = xp.zeros((B, S), dtype=xp.float64)
    Qs = [None] * H
    Pn = _by_next_state(xp, P)
    for h in range(H - 1, -1, -1):
        Q = _stage(r, h) + _next_values(xp, P, Pn, h, V[h + 1])
        Qs[h], V[h] = Q, xp.sum(pi[:, h, ...] * Q, axis=-1)
    return _stack(xp, Qs), _stack(xp, V)


def batched_tv_sigma(mu, V, rho, xp=np):
    """The TV inner problem sigma_rho(mu_i, V) = min {E_nu V : TV(nu, mu_i) <= rho_i}, batched.

    Evaluates the dual max_{alpha in {V(s)}} E_mu[min(V, alpha)] - rho (alpha - min V) at
    every kink with one batched matmul (the same value as the sort closed form; see
    :func:`theorylab.kernels.robust_tv.tv_sigma_dual`).

    Parameters
    ----------
    mu : array(float64, (B, n, S)), n probability vectors per batch entry
    V : array(float64, (B, S))
    rho : array(float64, (B, n)), radii in [0, 1] (TV = half the L1 distance)
    xp : array namespace

    Returns
    -------
    array(float64, (B, n))

    References
    ----------
    Iyengar (2005), "Robust dynamic programming", Math. OR 30(2), §4; Shapiro, Dentcheva,
    Ruszczynski (2014), *Lectures on Stochastic Programming*, §6.3 (TV dual); spec §3.2.
    """
    if mu.ndim != 3 or V.ndim != 2 or rho.ndim != 2:
        raise ValueError(f"mu must be (B, n, S), V (B, S), rho (B, n); got {mu.shape}, {V.shape}, {rho.shape}")
    if mu.shape[0] != V.shape[0] or mu.shape[2] != V.shape[1] or tuple(rho.shape) != tuple(mu.shape[:2]):
        raise ValueError(f"mu {mu.shape}, V {V.shape} and rho {rho.shape} disagree")
    kinks = xp.minimum(xp.expand_dims(V, axis=1), xp.expand_dims(V, axis=2))  # (B, S, S), symmetric
    m = xp.min(V, axis=-1)
    g = xp.matmul(mu, kinks) - xp.expand_dims(rho, axis=2) * xp.expand_dims(
        V - xp.expand_dims(m, axis=1), axis=1)
    return xp.max(g, axis=-1)


def batched_robust_backward_induction(phi, mu, theta, rho, xp=np):
    """Robust (TV, d-rectangular) backward induction for B linear robust MDPs at once, greedy.

    nu_{h,i} = sigma_{rho_{h,i}}(mu_{h,i}, V_{h+1}), Q_h(s, a) = <phi(s, a), theta_h + nu_h>,
    V_h = max_a Q_h (ties to the lowest action); the unregularised (beta = 0) case of
    :func:`theorylab.planning.robust.robust_optimal`.

    Parameters
    ----------
    phi : array(float64, (B, S, A, d))
    mu : array(float64, (B, H, d, S))
    theta : array(float64, (B, H, d))
    rho : array(float64, (B, H, d))
    xp : array namespace

    Returns
    -------
    Q (B, H, S, A), V (B, H + 1, S), pi (B, H, S) int64

    References
    ----------
    Iyengar (2005); Ma, Liang, Zhou, Yang, Wang (2022) (d-rectangular sets); spec §2.3.
    """
    if phi.ndim != 4 or mu.ndim != 4 or theta.ndim != 3 or rho.ndim != 3:
        raise ValueError("phi must be (B, S, A, d), mu (B, H, d, S), theta and rho (B, H, d)")
    B, S, A, d = phi.shape
    H = mu.shape[1]
    if tuple(mu.shape) != (B, H, d, S) or tuple(theta.shape) != (B, H, d) or tuple(rho.shape) != (B, H, d):
        raise ValueError(f"phi {phi.shape}, mu {mu.shape}, theta {theta.shape}, rho {rho.shape} disagree")
    flat = xp.reshape(phi, (B, S * A, d))
    V = [None] * (H + 1)
    V[H] = xp.zeros((B, S), dtype=xp.float64)
    Qs, pis = [None] * H, [None] * H
    for h in range(H - 1, -1, -1):
        w = theta[:, h, :] + batched_tv_sigma(mu[:, h, ...], V[h + 1], rho[:, h, :], xp=xp)
        Q = xp.reshape(xp.matmul(flat, xp.expand_dims(w, axis=2)), (B, S, A))
        Qs[h] = Q
        V[h], pis[h] = _max_argmax(xp, Q)
    return _stack(xp, Qs), _stack(xp, V), _stack(xp, pis)


_NEWTON_TOL, _MAX_NEWTON = 1e-14, 200  # as in theorylab.kernels.adversarial_linear_ftrl


def batched_log_barrier(C, eta, xp=np):
    """The log-barrier FTRL step argmin_p <p, C> + (1/eta) sum_a ln(1/p_a) for every row of C.

    Newton's method on the multiplier mu from mu = 1 (monotone, no overshoot), on all rows
    together until every row has converged, as in
    :func:`theorylab.kernels.adversarial_linear_ftrl.log_barrier`.

    Parameters
    ----------
    C : array(float64, (B, ..., A)), finite cumulative losses
    eta : float > 0 or array(float64, (B,)), one learning rate per batch entry
    xp : array namespace

    Returns
    -------
    array(float64, (B, ..., A)), each row on the simplex

    References
    ----------
    Foster, Li, Lykouris, Sridharan, Tardos (2016), "Learning in games: robustness of fast
    convergence" (log-barrier FTRL); spec §3.0(d) (Newton from mu = 1).
    """
    if isinstance(eta, (int, float)):
        if not (eta > 0 and eta < float("inf")):
            raise ValueError(f"eta must be a finite positive float, got {eta!r}")
        scale = eta
    else:
        if tuple(eta.shape) != (C.shape[0],):
            raise ValueError(f"eta must be a float or have shape ({C.shape[0]},), got {tuple(eta.shape)}")
        scale = xp.reshape(eta, (C.shape[0],) + (1,) * (C.ndim - 1))
    c = scale * (C - xp.min(C, axis=-1, keepdims=True))
    mu = xp.ones(tuple(C.shape[:-1]) + (1,), dtype=xp.float64)
    for _ in range(_MAX_NEWTON):
        inv = 1.0 / (c + mu)
        g = xp.sum(inv, axis=-1, keepdims=True) - 1.0
        step = xp.where(g > _NEWTON_TOL, g / xp.sum(inv * inv, axis=-1, keepdims=True), xp.zeros_like(g))
        mu = mu + step
        if bool(xp.all(step <= 1e-16 * mu)):
            break
    p = 1.0 / (c + mu)
    return p / xp.sum(p, axis=-1, keepdims=True)
