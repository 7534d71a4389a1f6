"""LUO21: policy optimization with dilated bonuses and the K^{2/3} schedule (Luo, Wei, Lee 2021).

Exponential weights, raw linear estimator, dilated bonus, and gamma >= 2 eta H so that
eta |Q-hat| <= 1/2 without clipping.  Schedule (spec Appendix A.3, our derivation of the
prior work's rate): eta = (ln A / (4 d H^1.5 K))^{2/3}, beta = sqrt(eta H^3) / 2,
gamma = max(2 eta H, 12 eta beta H^2); regret O((ln A)^{1/3} d^{2/3} H^2 K^{2/3}).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from ._base import PolicyOptimizationConfig

__all__ = ["LUO21Config"]


@dataclass(frozen=True)
class LUO21Config(PolicyOptimizationConfig):
    """Configuration of the LUO21 baseline (K^{2/3} with a simulator).

    References
    ----------
    Luo, Wei, Lee (2021), "Policy optimization in adversarial MDPs: improved exploration via
    dilated bonuses", NeurIPS, linear-Q algorithm with simulator; schedule: reconstruction,
    see spec Appendix A.3 and §3.4.
    """

    name: ClassVar[str] = "LUO21"
    solver: ClassVar[str] = "exp_weights"

    def schedule(self, K: int, H: int, d: int, A: int) -> tuple:
        """(eta, beta, gamma) of spec Appendix A.3 (LUO21 paragraph).

        References
        ----------
        Spec Appendix A.3 (reconstruction).
        """
        if A < 2:
            raise ValueError(f"LUO21 needs A >= 2 actions, got A = {A}")
        eta = self.eta_scale * (math.log(A) / (4 * d * H**1.5 * K)) ** (2.0 / 3.0)
        beta = 0.5 * math.sqrt(eta * H**3)
        return eta, beta, max(2 * eta * H, 12 * eta * beta * H**2)
