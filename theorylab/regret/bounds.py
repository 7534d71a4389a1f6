"""Bounds as first-class objects (design rule 5).

A :class:`Bound` carries its citation, which regret it bounds (pseudo or realised),
whether it holds in expectation or with probability 1 - delta, whether its constants are
explicit, and its value as a function of K (episodes or rounds).  Rate-only statements
(O-tilde) give ``shape`` and no ``value``; they are checked by :func:`check_rate` only.

Factories for the baselines of the foundation live here; each paper module keeps the
factories of its own theorems next to its algorithms (``algorithms/<paper>/bounds.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

__all__ = ["Bound", "ucbvi_hoeffding", "lsvi_ucb", "sqrt_rate", "linear_rate"]

_KINDS = ("pseudo", "realised")
_HOLDS = ("expected", "high_probability")


@dataclass(frozen=True)
class Bound:
    """A regret bound R(K) <= B(K), with provenance.

    Parameters
    ----------
    name : str
        Short label, e.g. ``"UCBVI-CH (Thm 1)"``.
    citation : str
        Paper and theorem; ``"reconstruction; see spec §x"`` when it is ours.
    value : callable(ndarray K) -> ndarray, optional
        The bound with explicit constants (required when ``explicit_constants``).
    shape : callable(ndarray K) -> ndarray, optional
        The rate curve used for slope checks (default: ``value``).
    regret_kind : {"pseudo", "realised"}
    holds : {"expected", "high_probability"}
    delta : float in (0, 1), required for high-probability bounds
    explicit_constants : bool
    uniform_in_time : bool
        A high-probability bound holding for all K at once.
    reconstruction : bool
        True when the constants (or the statement) are ours, not the paper's.
    note : str

    References
    ----------
    ``shared/design.md`` rule 5; ``shared/specs/aesthetics.md`` §9.5.
    """

    name: str
    citation: str
    value: Callable | None = None
    shape: Callable | None = None
    regret_kind: str = "pseudo"
    holds: str = "expected"
    delta: float | None = None
    explicit_constants: bool = True
    uniform_in_time: bool = False
    reconstruction: bool = False
    note: str = field(default="")

    def __post_init__(self):
        if self.regret_kind not in _KINDS:
            raise ValueError(f"regret_kind must be one of {_KINDS}, got {self.regret_kind!r}")
        if self.holds not in _HOLDS:
            raise ValueError(f"holds must be one of {_HOLDS}, got {self.holds!r}")
        if self.holds == "high_probability" and (self.delta is None or not 0 < self.delta < 1):
            raise ValueError(f"delta must lie in (0, 1) for a high-probability bound, got {self.delta!r}")
        if self.delta is not None and not 0 < self.delta < 1:
            raise ValueError(f"delta must lie in (0, 1), got {self.delta!r}")
        if self.explicit_constants and self.value is None:
            raise ValueError("a bound with explicit constants needs value(K)")
        if self.value is None and self.shape is None:
            raise ValueError("a bound needs value(K) or shape(K)")

    def evaluate(self, K) -> np.ndarray:
        """B(K) as a float array (explicit-constant bounds only)."""
        if self.value is None:
            raise ValueError(f"{self.name} is rate-only: it has no value(K)")
        return np.asarray(self.value(np.asarray(K, dtype=np.float64)), dtype=np.float64)

    def rate(self, K) -> np.ndarray:
        """The rate curve used for slope comparisons (``shape`` or ``value``)."""
        f = self.shape if self.shape is not None else self.value
        return np.asarray(f(np.asarray(K, dtype=np.float64)), dtype=np.float64)


def _check_delta(delta: float) -> float:
    if not 0 < delta < 1:
        raise ValueError(f"delta must lie in (0, 1), got {delta!r}")
    return float(delta)


def ucbvi_hoeffding(S: int, A: int, H: int, delta: float = 0.05) -> Bound:
    """UCBVI with Chernoff-Hoeffding bonus: Regret(K) <= 20 H L sqrt(S A T) + 250 H^2 S^2 A L^2.

    T = K H steps and L = ln(5 S A T / delta) (the L of the algorithm's bonus 7 H L /
    sqrt(N)); holds with probability 1 - delta for stationary transitions.  The paper's
    regret is sum_k V*_1(s^k_1) - V^{pi_k}_1(s^k_1) at the episodes' initial states, which is
    exactly our pseudo-regret when the initial state is fixed.  Rate: sqrt(K) up to logs.

    References
    ----------
    Azar, Osband, Munos (2017), "Minimax regret bounds for reinforcement learning", ICML,
    Theorem 1 (UCBVI-CH).
    """
    delta = _check_delta(delta)

    def value(K):
        T = K * H
        L = np.log(5 * S * A * np.maximum(T, 1) / delta)
        return 20 * H * L * np.sqrt(S * A * T) + 250 * H**2 * S**2 * A * L**2

    def shape(K):
        T = K * H
        return H * np.sqrt(S * A * T) * np.log(5 * S * A * np.maximum(T, 1) / delta)

    return Bound("UCBVI-CH", "Azar, Osband, Munos 2017, Thm 1", value, shape,
                 holds="high_probability", delta=delta, uniform_in_time=False)


def lsvi_ucb(d: int, H: int, delta: float = 0.05, c: float = 1.0) -> Bound:
    """LSVI-UCB: Regret(K) <= c sqrt(d^3 H^3 T iota^2), T = K H, iota = log(2 d T / delta).

    The theorem states an absolute constant c without its value: the bound is rate-only
    here (``explicit_constants=False``) and checked by slope.

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), "Provably efficient RL with linear function
    approximation", COLT, Theorem 3.1.
    """
    delta = _check_delta(delta)

    def shape(K):
        T = K * H
        iota = np.log(2 * d * np.maximum(T, 1) / delta)
        return c * np.sqrt(d**3 * H**3 * T * iota**2)

    return Bound("LSVI-UCB", "Jin, Yang, Wang, Jordan 2020, Thm 3.1", None, shape,
                 holds="high_probability", delta=delta, explicit_constants=False)


def sqrt_rate(name: str = "sqrt(K)", citation: str = "rate reference") -> Bound:
    """A pure sqrt(K) rate curve (rate-only), for slope comparisons and teaching.

    References
    ----------
    Minimax rate of adversarial/stochastic online learning, e.g. Lattimore & Szepesvári
    (2020), ch. 15.
    """
    return Bound(name, citation, None, lambda K: np.sqrt(K), explicit_constants=False)


def linear_rate(name: str = "K (linear)", citation: str = "trivial bound") -> Bound:
    """The trivial linear rate K (rate-only), the reference of 'expected linear' checks.

    References
    ----------
    Trivial: per-episode regret is bounded by a constant.
    """
    return Bound(name, citation, None, lambda K: np.asarray(K, dtype=np.float64), explicit_constants=False)
