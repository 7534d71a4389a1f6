"""L1 McShane/Whitney: the midpoint extension interpolates feasible data and is alpha-Lipschitz.

Random X (n in {1, 2, 5}), feasible values v from (P_alpha^N) on random labels; check
``max_i |h(x_i) - v_i| <= 1e-9`` and ``max |h(a) - h(b)| / ||a - b|| <= alpha (1 + 1e-6)`` on
random query pairs.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz import LipschitzConfig, fit_lipschitz

from ._report import LemmaReport

NAME = "lipschitz/L1"
_SIZES = {"quick": (60, 2000), "full": (200, 10_000)}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check L1 on random instances.

    References
    ----------
    McShane (1934), Bull. AMS 40; Whitney (1934); spec §6 L1.
    """
    N, pairs = _SIZES[size]
    slack, cases = np.inf, 0
    for n in (1, 2, 5):
        X = rng.uniform(-1, 1, size=(N, n))
        alpha = 1.0
        p = fit_lipschitz(X, rng.normal(size=N), LipschitzConfig(alpha))
        interp = np.abs(p(X) - p.v).max()
        A, B = rng.uniform(-1.5, 1.5, size=(pairs, n)), rng.uniform(-1.5, 1.5, size=(pairs, n))
        ratio = (np.abs(p(A) - p(B))[:, 0] / np.linalg.norm(A - B, axis=1)).max()
        slack = min(slack, 1e-9 - interp, alpha * (1 + 1e-6) - ratio)
        cases += pairs + N
    return LemmaReport(NAME, "h interpolates v (1e-9) and |h(a)-h(b)| <= alpha(1+1e-6)||a-b||",
                       "McShane 1934 / Whitney 1934; spec §6 L1", "inequality", cases, float(slack), slack >= 0)
