"""Shared configuration fields, the result type and the random inputs of the threshold bandits.

References
----------
Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2-3.5.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._loop import POLICY, PRM, REC, simulate

__all__ = ["BanditConfig", "FairRun", "batch_uniforms", "run_policy"]

_RADII = ("hoeffding", "bernstein")
_HORIZONS = ("fixed", "anytime")
_TIES = ("deterministic", "random")
_DP = ("signed_gap", "residual_mean")


def _choice(name, v, allowed):
    if v not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, got {v!r}")


@dataclass(frozen=True)
class BanditConfig:
    """Fields shared by every threshold bandit (confidence radii and tie rule).

    Parameters
    ----------
    radius : {"hoeffding", "bernstein"}
        Mode H (batch-aware Hoeffding, the theory mode) or Mode B (empirical Bernstein).
        Reconstruction; see spec §3.2.
    alpha : float > 0, radius multiplier (1 = the proof's constant). Reconstruction; see spec §3.2.
    delta : float in (0, 1), failure probability of the confidence event (default 0.05).
    horizon : {"fixed", "anytime"}
        Lambda = log(2KJT/delta), or the anytime log(pi^2 K J t^2 / (3 delta)).
        Reconstruction; see spec §3.2.
    dp_estimator : {"signed_gap", "residual_mean"}
        Track d = p0 - p1 (unbiased; default) or the residual |d| - eps. Reconstruction; see spec §3.2.
    tie_break : {"deterministic", "random"}
        Highest UCB, then fewest pulls, then lowest index; or uniform among equal UCBs from
        the algorithm's own stream. Reconstruction; see spec §3.3.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2-3.3.
    """

    radius: str = "hoeffding"
    alpha: float = 1.0
    delta: float = 0.05
    horizon: str = "fixed"
    dp_estimator: str = "signed_gap"
    tie_break: str = "deterministic"

    def __post_init__(self):
        _choice("radius", self.radius, _RADII)
        _choice("horizon", self.horizon, _HORIZONS)
        _choice("dp_estimator", self.dp_estimator, _DP)
        _choice("tie_break", self.tie_break, _TIES)
        if not 0 < self.alpha < np.inf:
            raise ValueError(f"alpha must be a finite number > 0, got {self.alpha!r}")
        if not 0 < self.delta < 1:
            raise ValueError(f"delta must lie in (0, 1), got {self.delta!r}")

    def params(self, policy: str, T: int) -> np.ndarray:
        """Kernel parameter vector (18,) in the layout ``_loop.PRM``."""
        p = np.zeros(len(PRM))
        p[PRM["policy"]] = POLICY[policy]
        p[PRM["mode"]] = _RADII.index(self.radius)
        p[PRM["alpha"]], p[PRM["delta"]] = self.alpha, self.delta
        p[PRM["anytime"]] = self.horizon == "anytime"
        p[PRM["dp_signed"]] = self.dp_estimator == "signed_gap"
        p[PRM["tie_random"]] = self.tie_break == "random"
        p[PRM["commit"]] = 1
        p[PRM["watch"]] = -1
        return p


@dataclass(frozen=True)
class FairRun:
    """Per-round trace of one learner on one closed-loop environment.

    Attributes
    ----------
    algorithm : str
    thresholds : ndarray(float, (K,))
    arms : ndarray(int, (T,)), index k_t of the threshold played in round t
    rec : ndarray(float, (T, 21)), columns named by :data:`REC` (exact expected signals at
        the true state, realised batch signals, radii of the played arm, dual variable,
        fallback and empty-group flags, m_DP)
    diagnostics : dict

    References
    ----------
    Design rule 1 (truth is exact); reconstruction; see spec ``ofs_fair_threshold.md`` §2.5.
    """

    algorithm: str
    thresholds: np.ndarray
    arms: np.ndarray
    rec: np.ndarray
    diagnostics: dict = field(default_factory=dict)

    def col(self, name: str) -> np.ndarray:
        """Column ``name`` of the record, shape (T,)."""
        return self.rec[:, REC[name]]

    @property
    def T(self) -> int:
        """Number of rounds."""
        return int(self.arms.size)


def batch_uniforms(noise: np.random.Generator, T: int) -> np.ndarray:
    """The seven uniforms of every batch, shape (T, 7), from the cell's shared noise stream.

    References
    ----------
    Design rule 3 (common random numbers across algorithms).
    """
    if int(T) != T or T < 1:
        raise ValueError(f"T must be an integer >= 1, got {T!r}")
    return noise.random((int(T), 7))


def run_policy(env, params: np.ndarray, T: int, streams, name: str) -> FairRun:
    """Simulate a learner with kernel parameters ``params`` for T rounds.

    Raises
    ------
    ValueError
        If T < K (the round-robin initialisation would not finish).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.3.
    """
    if int(T) != T or T < env.K:
        raise ValueError(f"T must be an integer >= K = {env.K} (one round per arm to initialise), got {T!r}")
    U = batch_uniforms(streams.noise, T)
    tieU = streams.algorithm(name).random(int(T))
    arms, rec = simulate(env, params, U, tieU)
    return FairRun(name, env.thresholds, arms, rec)
