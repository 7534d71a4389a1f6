"""L6 determinant-doubling switch bound: the number of doublings of det Lambda (refit when
log det Lambda - log det Lambda_snap > log 2) is <= log2(det Lambda_T / lam^d) <= d log2(1 + T/(lam d))."""
from __future__ import annotations

import math

import numpy as np

from theorylab.algorithms.actor_critic.nora_lin import _lin_update

from ._report import LemmaReport

NAME = "actor_critic/L6"
_SIZES = {"quick": (12, 400), "full": (60, 3000)}


def _stream(rng, kind, T, d):
    if kind == "sphere":
        x = rng.normal(size=(T, d))
        return x / np.linalg.norm(x, axis=1, keepdims=True) * rng.uniform(0, 1, (T, 1))
    return np.eye(d)[rng.integers(0, d, size=T)]  # adversarial: repeated axis vectors


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Random (sphere x radius) and axis-vector feature streams, through NORA-Lin's update kernel.

    References
    ----------
    Wang et al. (2021), NeurIPS (LSVI-UCB-RareSwitch); Abbasi-Yadkori et al. (2011), NeurIPS
    (determinant-trace inequality); spec §6 L6.
    """
    n, T = _SIZES[size]
    worst = np.inf
    for k in range(n):
        d, lam = int(rng.integers(2, 12)), float(rng.choice([0.1, 1.0, 10.0]))
        Lam, Linv = lam * np.eye(d), np.eye(d) / lam
        gap, doublings = 0.0, 0
        for x in _stream(rng, "sphere" if k % 2 else "axis", T, d):
            gap += _lin_update(np.ascontiguousarray(x), Lam, Linv)
            if gap > math.log(2.0):
                doublings, gap = doublings + 1, 0.0
        logdet = np.linalg.slogdet(Lam)[1] - d * math.log(lam)
        b1, b2 = logdet / math.log(2.0), d * math.log2(1 + T / (lam * d))
        worst = min(worst, b1 - doublings, b2 - b1 + 1e-9)
    return LemmaReport(NAME, "#doublings <= log2(det Lambda_T / lam^d) <= d log2(1 + T/(lam d))",
                       "Wang et al. 2021; spec §6 L6", "inequality", n, float(worst), bool(worst >= 0))
