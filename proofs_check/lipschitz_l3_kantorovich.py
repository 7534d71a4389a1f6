"""L3 Kantorovich-Rubinstein: ``|E_mu g - E_nu g| <= Lip(g) W1(mu, nu)`` for empirical measures.

g(x) = alpha | ||x - c|| - 1/2 |, a test function with Lipschitz constant alpha; W1 between
two equal-size empirical measures from an exact assignment.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from ._report import LemmaReport

NAME = "lipschitz/L3"
_SIZES = {"quick": (50, 20), "full": (300, 100)}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check L3 on random empirical measures and random Lipschitz g.

    References
    ----------
    Villani (2009), *Optimal Transport*, Remark 6.5 (Kantorovich-Rubinstein duality); spec §6 L3.
    """
    N, trials = _SIZES[size]
    worst = np.inf
    for _ in range(trials):
        a, b = rng.uniform(-1, 1, size=(N, 2)), rng.normal(0.2, 0.5, size=(N, 2))
        C = np.linalg.norm(a[:, None] - b[None], axis=-1)
        r, c = linear_sum_assignment(C)
        w1 = C[r, c].mean()
        alpha, centre = rng.uniform(0.1, 5), rng.normal(size=2)
        g = lambda z: alpha * np.abs(np.linalg.norm(z - centre, axis=1) - 0.5)   # noqa: E731 (alpha-Lipschitz)
        worst = min(worst, alpha * w1 - abs(g(a).mean() - g(b).mean()))
    return LemmaReport(NAME, "|E_mu g - E_nu g| <= Lip(g) W1(mu, nu)", "Villani 2009; spec §6 L3", "inequality",
                       trials, float(worst), worst >= -1e-12)
