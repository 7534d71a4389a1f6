"""Regret traces: cumulative regret at log-spaced checkpoints, one row per seed.

Pseudo-regret is computed exactly from the model, e.g. for episodic RL
sum_{k <= K} V*_1(s_1) - V^{pi_k}_1(s_1) with V^{pi_k} from policy evaluation.  Realised
regret (from sampled rewards) may be stored beside it, never instead of it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["RegretTrace", "log_checkpoints", "cumulative_at"]


def log_checkpoints(K: int, n: int = 20, start: int = 1) -> np.ndarray:
    """About ``n`` distinct integers from ``start`` to ``K`` (inclusive), log-spaced.

    References
    ----------
    bsuite logging (Osband et al. 2020): log-spaced evaluation points.
    """
    if K < 1 or start < 1 or start > K:
        raise ValueError(f"need 1 <= start <= K, got start={start}, K={K}")
    pts = np.unique(np.round(np.geomspace(start, K, num=max(n, 2))).astype(np.int64))
    return pts


def cumulative_at(per_episode, checkpoints) -> np.ndarray:
    """Cumulative sums of ``per_episode`` (..., K) read at 1-based ``checkpoints``.

    References
    ----------
    Definition of cumulative regret, e.g. Lattimore & Szepesvári (2020), ch. 4.
    """
    c = np.cumsum(np.asarray(per_episode, dtype=np.float64), axis=-1)
    cp = np.asarray(checkpoints, dtype=np.int64)
    if cp.min() < 1 or cp.max() > c.shape[-1]:
        raise ValueError(f"checkpoints must lie in 1..{c.shape[-1]}")
    return c[..., cp - 1]


@dataclass(frozen=True)
class RegretTrace:
    """Cumulative regret of one algorithm on one setting over many seeds.

    Attributes
    ----------
    algorithm : str
    checkpoints : ndarray(int, (C,)), increasing episode (or round) counts K
    pseudo : ndarray(float, (n_seeds, C)), exact pseudo-regret at each checkpoint
    realised : ndarray(float, (n_seeds, C)) or None
    setting : str, a label of the problem setting

    References
    ----------
    ``shared/specs/aesthetics.md`` §9.5; SMPyBandits' "more accurate" regret.
    """

    algorithm: str
    checkpoints: np.ndarray
    pseudo: np.ndarray
    realised: np.ndarray | None = None
    setting: str = ""

    def __post_init__(self):
        cp = np.asarray(self.checkpoints, dtype=np.int64)
        ps = np.atleast_2d(np.asarray(self.pseudo, dtype=np.float64))
        if cp.ndim != 1 or cp.size == 0 or np.any(np.diff(cp) <= 0) or cp[0] < 1:
            raise ValueError("checkpoints must be a non-empty increasing sequence of positive integers")
        if ps.shape[1] != cp.size:
            raise ValueError(f"pseudo must have shape (n_seeds, {cp.size}), got {ps.shape}")
        if self.realised is not None:
            re = np.atleast_2d(np.asarray(self.realised, dtype=np.float64))
            if re.shape != ps.shape:
                raise ValueError(f"realised must have the shape of pseudo {ps.shape}, got {re.shape}")
            object.__setattr__(self, "realised", re)
        object.__setattr__(self, "checkpoints", cp)
        object.__setattr__(self, "pseudo", ps)

    @property
    def n_seeds(self) -> int:
        """Number of seeds (rows)."""
        return self.pseudo.shape[0]

    def mean(self) -> np.ndarray:
        """Mean pseudo-regret per checkpoint, shape (C,)."""
        return self.pseudo.mean(0)

    def quantile(self, q) -> np.ndarray:
        """Quantile(s) of pseudo-regret over seeds per checkpoint."""
        return np.quantile(self.pseudo, q, axis=0)

    def at(self, K: int) -> np.ndarray:
        """Pseudo-regret of every seed at checkpoint K (which must be a checkpoint)."""
        hit = np.flatnonzero(self.checkpoints == K)
        if hit.size == 0:
            raise ValueError(f"{K} is not a checkpoint")
        return self.pseudo[:, hit[0]]

    @classmethod
    def from_episodes(cls, algorithm: str, gaps, checkpoints, realised_gaps=None, setting: str = ""):
        """Build from per-episode regret increments of shape (n_seeds, K)."""
        gaps = np.atleast_2d(gaps)
        re = None if realised_gaps is None else cumulative_at(np.atleast_2d(realised_gaps), checkpoints)
        return cls(algorithm, checkpoints, cumulative_at(gaps, checkpoints), re, setting)
