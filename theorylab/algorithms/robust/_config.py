"""Validated fields shared by every robust learner's frozen config."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._core import BONUS_FORMS

__all__ = ["LearnerConfig"]


def _positive(name: str, v, *, allow_zero: bool = False) -> None:
    ok = np.isfinite(v) and (v >= 0 if allow_zero else v > 0)
    if isinstance(v, bool) or not ok:
        rng = "[0, inf)" if allow_zero else "(0, inf)"
        raise ValueError(f"{name} must lie in {rng}, got {v!r}")


@dataclass(frozen=True)
class LearnerConfig:
    """Fields common to the optimistic least-squares learners of this package.

    Parameters
    ----------
    K : int >= 1, number of episodes
    lam : float > 0
        Ridge parameter lambda (reconstruction; see spec §3 table: theory 1, prior code 0.1).
    c_b : float >= 0, bonus multiplier (reconstruction; see spec §3 -- the theory scale
        ~ d H sqrt(log(dHK/delta)) is unverified for DR-RPO; default 1 as in prior code)
    bonus : {"sum", "diagquad", "elliptical"}
        Bonus form (reconstruction; see spec §7.5).  "sum" = c_b sum_i phi_i ||e_i||_{Lambda^-1}
        (d-rectangular theory), "diagquad" = c_b sqrt(sum_i phi_i^2 (Lambda^-1)_ii) (prior
        code), "elliptical" = c_b ||phi||_{Lambda^-1} (LSVI-UCB).
    clip : bool
        Clip Q and V to [0, H - h] (reconstruction; see spec §7.12).

    References
    ----------
    Jin, Yang, Wang, Jordan (2020) (LSVI-UCB); Liu & Xu (2024) (DR-LSVI-UCB); spec §3.
    """

    K: int = 1000
    lam: float = 1.0
    c_b: float = 1.0
    bonus: str = "sum"
    clip: bool = True

    def __post_init__(self):
        if isinstance(self.K, bool) or int(self.K) != self.K or self.K < 1:
            raise ValueError(f"K must be an integer >= 1, got {self.K!r}")
        _positive("lam", self.lam)
        _positive("c_b", self.c_b, allow_zero=True)
        if self.bonus not in BONUS_FORMS:
            raise ValueError(f"bonus must be one of {tuple(BONUS_FORMS)}, got {self.bonus!r}")
        if not isinstance(self.clip, bool):
            raise ValueError(f"clip must be a bool, got {self.clip!r}")


def check_beta(v, *, positive: bool = False) -> None:
    """Raise unless the KL strength beta is >= 0 (> 0 when ``positive``)."""
    _positive("beta", v, allow_zero=not positive)


def check_eta(rule: str, eta) -> None:
    """Raise unless the step-size rule is known and eta > 0."""
    if rule not in ("oppo", "anytime", "constant"):
        raise ValueError(f"eta_rule must be one of ('oppo', 'anytime', 'constant'), got {rule!r}")
    _positive("eta", eta)
