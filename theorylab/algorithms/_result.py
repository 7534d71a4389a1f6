"""The result type shared by online episodic learners.

A learner run for K episodes reports, per episode k, the exact value V^{pi_k}_1 of the
policy it played (computed from the known model inside the kernel) and the realised
return.  Pseudo-regret is then V*_1 - values exactly (design rule 1).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["EpisodicResult"]


@dataclass(frozen=True)
class EpisodicResult:
    """Per-episode outcome of an online learner.

    Attributes
    ----------
    values : ndarray(float, (K,)), exact expected return of the policy played in episode k
    returns : ndarray(float, (K,)), realised return of episode k
    diagnostics : dict name -> ndarray, algorithm-specific traces (switches, bonuses, ...)

    References
    ----------
    Design rule 1 (truth is exact).
    """

    values: np.ndarray
    returns: np.ndarray
    diagnostics: dict = field(default_factory=dict)

    def pseudo_regret(self, v_star: float) -> np.ndarray:
        """Per-episode pseudo-regret V* - V^{pi_k}, shape (K,)."""
        return v_star - self.values

    def realised_regret(self, v_star: float) -> np.ndarray:
        """Per-episode realised regret V* - (realised return), shape (K,)."""
        return v_star - self.returns
