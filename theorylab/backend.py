"""Array-namespace selection and batched tabular kernels written against the array API.

A sweep over many small tabular problems (seeds x instances) can run as one batched
computation with a leading batch axis B.  The functions here use only array-API
operations (``matmul``, ``reshape``, ``max``, ``argmax``, ``stack``), so the same code runs
on numpy (default), ``array_api_strict`` (the conformance check CI runs) and CuPy (GPU,
optional extra ``theorylab[gpu]``).

Symbols: B batch size, H horizon, S states, A actions; P has shape (B, Hp, S, A, S) and r
(B, Hr, S, A) with Hp, Hr in {1, H} (stationary models are not copied H times).
"""
from __future__ import annotations

import importlib

import numpy as np

__all__ = ["get_backend", "to_numpy", "batched_backward_induction", "batched_policy_evaluation"]

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


def _next_values(xp, Ph, v):
    B, S, A, _ = Ph.shape
    flat = xp.reshape(Ph, (B, S * A, S))
    return xp.reshape(xp.matmul(flat, xp.reshape(v, (B, S, 1))), (B, S, A))


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
    V = [None] * (H + 1)
    V[H] = xp.zeros((B, S), dtype=xp.float64)
    Qs, pis = [None] * H, [None] * H
    for h in range(H - 1, -1, -1):
        Q = _stage(r, h) + _next_values(xp, _stage(P, h), V[h + 1])
        Qs[h], pis[h], V[h] = Q, xp.argmax(Q, axis=-1), xp.max(Q, axis=-1)
    return xp.stack(Qs, axis=1), xp.stack(V, axis=1), xp.astype(xp.stack(pis, axis=1), xp.int64)


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
    for h in range(H - 1, -1, -1):
        Q = _stage(r, h) + _next_values(xp, _stage(P, h), V[h + 1])
        Qs[h], V[h] = Q, xp.sum(pi[:, h, ...] * Q, axis=-1)
    return xp.stack(Qs, axis=1), xp.stack(V, axis=1)
