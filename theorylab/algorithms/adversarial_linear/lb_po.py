"""Algorithm 1 (LB-PO): log-barrier FTRL per state, raw linear estimator, dilated bonuses.

pi_k(. | s) = argmin_p <p, C_h[s]> + (1/eta) sum_a ln(1/p_a), with
C_h[s, a] = sum_{j<k} (phi(s, a)^T theta-hat_{j,h} - B_j(s, a)) and the raw (possibly hugely
negative) estimator.  Derived schedule (spec Appendix A.2, reconstruction):
eta = sqrt(A ln K / (132 d H^4 K)), beta = 12 eta H^2, gamma = 432 eta^2 H^4, which gives
E[R_K] <= H A ln K / eta + 132 eta d H^5 K (= 2 sqrt(132 d A H^6 K ln K) at this eta).
``bonus=False`` is the LB-NOBONUS ablation (beta = 0).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from ._base import PolicyOptimizationConfig, log_k

__all__ = ["LBPOConfig"]


@dataclass(frozen=True)
class LBPOConfig(PolicyOptimizationConfig):
    """Configuration of LB-PO (Algorithm 1) and its LB-NOBONUS ablation.

    Parameters
    ----------
    bonus : bool
        Dilated exploration bonuses on (default) or off (LB-NOBONUS; reconstruction of the
        paper's bonus use, see spec §7.13 ``bonus_mode``).
    c_eta, c_beta, c_gamma : float > 0
        Constants of the schedule eta = sqrt(A ln K / (c_eta d H^4 K)), beta = c_beta eta H^2,
        gamma = c_gamma eta^2 H^4 (defaults 132, 12, 432: reconstruction; see spec
        Appendix A.2; the analysis needs c_gamma >= 36 c_beta and c_beta >= 12).
    (other fields: see PolicyOptimizationConfig)

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), "Refined regret for adversarial MDPs with linear function
    approximation", ICML, Algorithm 1 (structure); spec §3.1 and Appendix A.2 (schedule:
    reconstruction).
    """

    bonus: bool = True
    c_eta: float = 132.0
    c_beta: float = 12.0
    c_gamma: float = 432.0

    name: ClassVar[str] = "LB-PO"
    solver: ClassVar[str] = "log_barrier"

    def __post_init__(self):
        super().__post_init__()
        for n in ("c_eta", "c_beta", "c_gamma"):
            v = getattr(self, n)
            if not (math.isfinite(v) and v > 0):
                raise ValueError(f"{n} must be a finite float > 0, got {v!r}")

    def schedule(self, K: int, H: int, d: int, A: int) -> tuple:
        """(eta, beta, gamma) of spec Appendix A.2 (beta = 0 without bonus).

        References
        ----------
        Spec Appendix A.2 (reconstruction).
        """
        eta = self.eta_scale * math.sqrt(A * log_k(K) / (self.c_eta * d * H**4 * K))
        beta = self.c_beta * eta * H**2 if self.bonus else 0.0
        return eta, beta, self.c_gamma * eta**2 * H**4
