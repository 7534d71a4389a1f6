"""Reference learners sharing the harness: FTL (greedy), UNIF (uniform), FULLINFO.

* FTL: greedy on the cumulative raw estimates (eta = infinity; MR-PO's gamma, no bonus).
* UNIF: the uniform policy, never updated (linear regret).
* FULLINFO: exponential weights per state on the *true* Q^{pi_k}_k with known P (full
  information policy optimization).  With Hedge's bound ln A / eta + eta K H^2 / 8 per state
  and the performance-difference lemma, regret <= H ln A / eta + eta H^3 K / 8, minimised by
  eta = sqrt(8 ln A / (H^2 K)) to H^2 sqrt(K ln A / 2) deterministically.  The issue's
  FULLINFO comparator, O-REPS (occupancy-measure OMD), is :class:`~.oreps.OREPSConfig`
  (algorithm name "O-REPS").
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from ._base import PolicyOptimizationConfig

__all__ = ["FTLConfig", "UniformConfig", "FullInfoConfig"]


@dataclass(frozen=True)
class FTLConfig(PolicyOptimizationConfig):
    """Follow the leader on the raw linear estimates (no bonus).

    References
    ----------
    Spec §3.4 (FTL baseline); Cesa-Bianchi & Lugosi (2006), §4.3.
    """

    name: ClassVar[str] = "FTL"
    solver: ClassVar[str] = "greedy"

    def schedule(self, K: int, H: int, d: int, A: int) -> tuple:
        """(eta unused = 1, beta = 0, gamma = MR-PO's gamma).

        References
        ----------
        Spec §3.4 (reconstruction: FTL uses MR-PO's gamma).
        """
        eta = math.sqrt(math.log(max(A, 2)) / (44 * d * H**4 * K))
        return 1.0, 0.0, 48 * eta**2 * H**4


@dataclass(frozen=True)
class UniformConfig(PolicyOptimizationConfig):
    """The uniform policy in every state (never updated).

    References
    ----------
    Spec §3.4 (UNIF baseline).
    """

    name: ClassVar[str] = "UNIF"
    solver: ClassVar[str] = "uniform"

    def schedule(self, K: int, H: int, d: int, A: int) -> tuple:
        """Dummy (1, 0, 1): the uniform learner ignores them.

        References
        ----------
        Spec §3.4.
        """
        return 1.0, 0.0, 1.0


@dataclass(frozen=True)
class FullInfoConfig(PolicyOptimizationConfig):
    """Full-information policy optimization (Hedge per state on the true Q^{pi_k}_k).

    References
    ----------
    Cai, Yang, Jin, Wang (2020), "Provably efficient exploration in policy optimization",
    ICML (OPPO; full-information policy update); Shani, Efroni, Rosenberg, Mannor (2020),
    ICML.  This policy-space mirror descent has the same sqrt(K) rate as O-REPS (Zimin & Neu
    2013), the comparator issue #3 lists, which is :class:`~.oreps.OREPSConfig` ("O-REPS").
    """

    name: ClassVar[str] = "FULLINFO"
    solver: ClassVar[str] = "exp_weights"
    fullinfo: ClassVar[bool] = True

    def schedule(self, K: int, H: int, d: int, A: int) -> tuple:
        """eta = sqrt(8 ln A / (H^2 K)), beta = 0, gamma unused.

        References
        ----------
        Hedge bound (Cesa-Bianchi & Lugosi 2006, Thm 2.2) + performance difference.
        """
        return self.eta_scale * math.sqrt(8 * math.log(max(A, 2)) / (H * H * K)), 0.0, 1.0
