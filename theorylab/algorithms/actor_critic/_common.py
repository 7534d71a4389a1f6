"""Plumbing shared by the actor-critic algorithms: model arrays, uniforms, validation, results.

Symbols: S, A, H, K episodes, P[h, s, a, s'], r[h, s, a], mu0[s], V*_1(s).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ...planning.dp import backward_induction
from ...problems.tabular import TabularMDP
from .._result import EpisodicResult

__all__ = ["ModelArrays", "model_arrays", "Uniforms", "draw_uniforms", "check_in", "check_eta",
           "build_result"]


@dataclass(frozen=True)
class ModelArrays:
    """Dense arrays of a tabular model for the kernels.

    Attributes
    ----------
    P : ndarray(float, (H, S, A, S)); r : ndarray(float, (H, S, A)); mu0 : ndarray(float, (S,))
    vstar0 : ndarray(float, (S,)), optimal values V*_1(s); vstar : float, mu0 @ vstar0

    References
    ----------
    Design rule 1 (truth is exact: V* by backward induction).
    """

    P: np.ndarray
    r: np.ndarray
    mu0: np.ndarray
    vstar0: np.ndarray
    vstar: float


def model_arrays(mdp: TabularMDP) -> ModelArrays:
    """Dense (H, S, A, S) / (H, S, A) arrays and V* of a TabularMDP.

    References
    ----------
    Puterman (1994), §4.5 (backward induction for V*).
    """
    if not isinstance(mdp, TabularMDP):
        raise TypeError(f"expected a TabularMDP, got {type(mdp).__name__}")
    H, S, A = mdp.H, mdp.S, mdp.A
    P = np.ascontiguousarray(np.broadcast_to(mdp.P4, (H, S, A, S)), dtype=np.float64)
    r = np.ascontiguousarray(np.broadcast_to(mdp.r3, (H, S, A)), dtype=np.float64)
    plan = backward_induction(mdp)
    return ModelArrays(P, r, mdp.mu0.copy(), plan.V[0].copy(), float(plan.value))


@dataclass(frozen=True)
class Uniforms:
    """Pre-drawn uniforms of K episodes.

    Attributes
    ----------
    u0 : ndarray(float, (K,)), initial states; us : ndarray(float, (K, H)), next states
        (both from the environment noise stream, shared by the algorithms of a cell);
    ua : ndarray(float, (K, H)), actions (from the algorithm's own stream)

    References
    ----------
    Design rule 3.
    """

    u0: np.ndarray
    us: np.ndarray
    ua: np.ndarray


def draw_uniforms(K: int, H: int, noise: np.random.Generator, algo: np.random.Generator) -> Uniforms:
    """Draw the uniforms of K episodes of horizon H.

    References
    ----------
    Design rule 3 (draw uniforms in Python, pass arrays into kernels).
    """
    for name, g in (("noise", noise), ("algo", algo)):
        if not isinstance(g, np.random.Generator):
            raise TypeError(f"{name} must be a numpy.random.Generator, got {type(g).__name__}")
    u0 = noise.random(K)
    us = noise.random((K, H))
    ua = algo.random((K, H))
    return Uniforms(u0, us, ua)


def check_in(name: str, value, lo: float, hi: float, *, lo_open=False, hi_open=False) -> float:
    """Return ``value`` as float or raise ValueError naming field, value and allowed range.

    References
    ----------
    Design rule 4.
    """
    v = float(value)
    bad = math.isnan(v) or v < lo or v > hi or (lo_open and v == lo) or (hi_open and v == hi)
    if bad:
        lb, rb = ("(" if lo_open else "["), (")" if hi_open else "]")
        raise ValueError(f"{name} must lie in {lb}{lo}, {hi}{rb}, got {value!r}")
    return v


def check_eta(eta) -> None:
    """Validate an actor step size: None (theory value), a positive float or inf (greedy).

    References
    ----------
    Spec §3.2 (eta), §4.2 [D] (eta -> infinity is the greedy, rare-switching LSVI-UCB limit).
    """
    if eta is not None and not (float(eta) > 0):
        raise ValueError(f"eta must be None (theory value), > 0, or inf; got {eta!r}")


def build_result(values, returns, switch, decomp, **extra) -> EpisodicResult:
    """An EpisodicResult whose diagnostics hold the switch flags and the decomposition.

    Diagnostics: ``switch`` (K,) int (1 where the critic was refit before the episode),
    ``opt``, ``act``, ``be`` (K,) float (spec §4.0), plus ``extra``.

    References
    ----------
    Spec §4.0; design rule 1.
    """
    diag = {"switch": np.asarray(switch, dtype=np.int64), "opt": decomp[:, 0].copy(),
            "act": decomp[:, 1].copy(), "be": decomp[:, 2].copy()}
    diag.update(extra)
    return EpisodicResult(np.asarray(values, dtype=np.float64), np.asarray(returns, dtype=np.float64), diag)
