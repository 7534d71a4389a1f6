"""Algorithm 2 (MR-PO): exponential weights with the magnitude-reduced estimator.

Q~(s, a) = max{Q-hat(s, a), -1/(2 eta)} (``mr_mode="clip"``) or the centred variant
m(s) + max{Q-hat - m(s), -1/(2 eta)} with m(s) = sum_a pi(a|s) Q-hat(s, a)
(``"clip_centered"``); ``"none"`` feeds the raw estimator (the EXP-RAW baseline), and
``bonus=False`` removes the bonuses (with ``"none"``: EXP-NOBONUS).  Derived schedule
(spec Appendix A.3, reconstruction): eta = sqrt(ln A / (44 d H^4 K)), beta = 4 eta H^2,
gamma = 48 eta^2 H^4 (centred: beta = 12 eta H^2, gamma = 144 eta^2 H^4), which gives
E[R_K] <= H ln A / eta + 44 eta d H^5 K.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from ._base import PolicyOptimizationConfig

__all__ = ["MRPOConfig", "MR_MODES"]

MR_MODES = ("clip", "clip_centered", "none")


@dataclass(frozen=True)
class MRPOConfig(PolicyOptimizationConfig):
    """Configuration of MR-PO (Algorithm 2) and the EXP-RAW / EXP-NOBONUS baselines.

    Parameters
    ----------
    mr_mode : {"clip", "clip_centered", "none"}
        The magnitude-reduced estimator (reconstruction; see spec §3.2 and §7.13).
    bonus : bool
        Dilated bonuses on/off.
    c_eta : float > 0
        eta = sqrt(ln A / (c_eta d H^4 K)) (default 44; reconstruction; see spec Appendix A.3).
    c_beta, c_gamma : float > 0 or None
        beta = c_beta eta H^2, gamma = c_gamma eta^2 H^4; None gives the spec's values
        (4 and 48; centred variant 12 and 144; reconstruction; see spec §3.2 and A.3).
    (other fields: see PolicyOptimizationConfig)

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), ICML, Algorithm 2 (magnitude-reduced estimator: our
    reconstruction); spec §3.2 and Appendix A.3.
    """

    mr_mode: str = "clip"
    bonus: bool = True
    c_eta: float = 44.0
    c_beta: float | None = None
    c_gamma: float | None = None

    name: ClassVar[str] = "MR-PO"
    solver: ClassVar[str] = "exp_weights"

    def __post_init__(self):
        super().__post_init__()
        if self.mr_mode not in MR_MODES:
            raise ValueError(f"mr_mode must be one of {MR_MODES}, got {self.mr_mode!r}")
        for n in ("c_eta", "c_beta", "c_gamma"):
            v = getattr(self, n)
            if v is not None and not (math.isfinite(v) and v > 0):
                raise ValueError(f"{n} must be a finite float > 0{'' if n == 'c_eta' else ' or None'}, got {v!r}")

    def schedule(self, K: int, H: int, d: int, A: int) -> tuple:
        """(eta, beta, gamma) of spec Appendix A.3.

        References
        ----------
        Spec Appendix A.3 (reconstruction).
        """
        if A < 2:
            raise ValueError(f"MR-PO needs A >= 2 actions (ln A > 0), got A = {A}")
        eta = self.eta_scale * math.sqrt(math.log(A) / (self.c_eta * d * H**4 * K))
        cb, cg = (12.0, 144.0) if self.mr_mode == "clip_centered" else (4.0, 48.0)
        cb = cb if self.c_beta is None else self.c_beta
        cg = cg if self.c_gamma is None else self.c_gamma
        beta = cb * eta * H**2 if self.bonus else 0.0
        return eta, beta, cg * eta**2 * H**4

    def clip(self, eta: float) -> float:
        """1/(2 eta) for the magnitude-reduced modes, inf for the raw estimator.

        References
        ----------
        Spec §3.2 (property (i): eta Q~ >= -1/2).
        """
        return math.inf if self.mr_mode == "none" else 1.0 / (2.0 * eta)

    def centered(self) -> bool:
        """True for ``mr_mode="clip_centered"``.

        References
        ----------
        Spec §3.2.
        """
        return self.mr_mode == "clip_centered"
