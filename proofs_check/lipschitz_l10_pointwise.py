"""L10 T1(a) pointwise: ``||h(x) - h*(x)|| <= ||v_i - u_i|| + (alpha + L*) ||x - x_i||`` for the
nearest sample i, at every grid point (exact up to 1e-9).
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz import LipschitzConfig, fit_lipschitz
from theorylab.algorithms.lipschitz.trackers import learning_error, state_grid
from theorylab.planning.lqr import dlqr
from theorylab.problems.control import make_system

from ._report import LemmaReport

NAME = "lipschitz/L10"
_SIZES = {"quick": (100, 41), "full": (400, 121)}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check L10 on E1 data for alpha below and above L*.

    References
    ----------
    Reconstruction; see spec §4 T1(a) and §6 L10.
    """
    N, G = _SIZES[size]
    s = make_system("E1")
    ex = dlqr(s.A, s.B, s.Q, s.R)
    grid, delta = state_grid(1.0, 2, G)
    worst = np.inf
    for f in (0.25, 1.2):
        X = rng.uniform(-1, 1, size=(N, 2))
        U = -X @ ex.K.T
        p = fit_lipschitz(X, U, LipschitzConfig(f * ex.L_star))
        le = learning_error(p, p.alpha, ex.K, X, U, p.v, ex.L_star, grid, delta)
        worst = min(worst, le.pointwise_slack + 1e-9)
    return LemmaReport(NAME, "pointwise T1(a) through the nearest sample", "reconstruction; see spec §6 L10",
                       "inequality", 2 * grid.shape[0], float(worst), worst >= 0)
