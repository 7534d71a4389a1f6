"""L8 relaxation ordering: kNN-only objective <= all-pairs objective <= objective with fewer data
(per-point mean loss scaled consistently); constraint generation returns the all-pairs solution.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz import LipschitzConfig, fit_lipschitz, knn_pairs
from theorylab.algorithms.lipschitz.learner import _solve

from ._report import LemmaReport

NAME = "lipschitz/L8"
_SIZES = {"quick": 80, "full": 300}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check L8 on a random data set.

    References
    ----------
    Relaxations of a convex program (fewer constraints give a lower optimum); spec §6 L8, §3.2.
    """
    N = _SIZES[size]
    X = rng.uniform(-1, 1, size=(N, 2))
    U = (np.sin(3 * X[:, 0]) + X[:, 1] ** 2)[:, None]
    cfg = LipschitzConfig(0.8)
    I, J = knn_pairs(X, 5)
    _, knn_obj = _solve(X, U, I, J, cfg)
    full = fit_lipschitz(X, U, LipschitzConfig(0.8, solver="all_pairs"))
    cg = fit_lipschitz(X, U, cfg)
    sub = fit_lipschitz(X[: N // 2], U[: N // 2], cfg)           # fewer data: sum-loss is smaller
    s1 = full.objective - knn_obj + 1e-8
    s2 = full.objective * N - sub.objective * (N // 2) + 1e-8
    s3 = 1e-5 - np.abs(cg.v - full.v).max()
    s4 = 0.8 * (1 + 1e-6) - cg.lipschitz
    slack = min(s1, s2, s3, s4)
    return LemmaReport(NAME, "V_kNN <= V_all-pairs; N V_N >= (N/2) V_(N/2); CG = all-pairs to 1e-5, certified",
                       "spec §6 L8", "inequality", 4, float(slack), slack >= 0)
