"""L6 discrete Gronwall / small gain: ``a_{t+1} <= rho a_t + gamma sum...`` gives ``a_t <= kappa (rho + kappa gamma)^t a_0``.

Matrix recursions ``x_{t+1} = A_cl x_t + B e_t`` with ``||e_t|| <= g ||x_t||`` (worst-case
aligned feedback perturbations): ``||x_t|| <= kappa (rho + kappa ||B|| g)^t ||x_0||``.
"""
from __future__ import annotations

import numpy as np

from theorylab.planning.lqr import stability_constants

from ._report import LemmaReport

NAME = "lipschitz/L6"
_SIZES = {"quick": (20, 80), "full": (200, 200)}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check L6 on random Schur loops with state-proportional perturbations.

    References
    ----------
    Discrete Gronwall inequality, e.g. Khalil (2002), *Nonlinear Systems*, Lemma 9.x (small gain);
    spec §6 L6 and §4 T2(b).
    """
    trials, T = _SIZES[size]
    worst = np.inf
    for _ in range(trials):
        A = rng.normal(size=(2, 2))
        A *= rng.uniform(0.3, 0.9) / np.max(np.abs(np.linalg.eigvals(A)))
        B = rng.normal(size=(2, 1))
        kappa, rho = stability_constants(A)
        g = rng.uniform(0, 1) * (1 - rho) / (kappa * np.linalg.norm(B, 2))
        x = rng.normal(size=2)
        x0 = np.linalg.norm(x)
        for t in range(1, T + 1):
            e = g * np.linalg.norm(x) * np.sign(rng.normal())
            x = A @ x + B[:, 0] * e
            bound = kappa * (rho + kappa * np.linalg.norm(B, 2) * g) ** t * x0
            worst = min(worst, bound * (1 + 1e-12) + 1e-300 - np.linalg.norm(x))
    return LemmaReport(NAME, "||x_t|| <= kappa (rho + kappa L_u g)^t ||x_0||", "spec §6 L6 (discrete Gronwall)",
                       "inequality", trials * T, float(worst), worst >= 0)
