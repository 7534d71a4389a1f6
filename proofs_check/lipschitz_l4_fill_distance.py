"""L4 fill distance: ``r_N = sup_grid min_i ||x - x_i||`` decreases with N at slope about -1/n (n = 2).

Probabilistic: the fitted log-log slope of the mean r_N over seeds, N in [100, 3200], must lie in
-1/2 +- 0.1 after accounting for the (log N / N)^(1/2) rate (we accept [-0.6, -0.35]).
"""
from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from theorylab.algorithms.lipschitz.trackers import state_grid
from theorylab.stats import loglog_slope

from ._report import LemmaReport

NAME = "lipschitz/L4"
_SIZES = {"quick": (8, 61), "full": (20, 121)}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Fit the log-log slope of the fill distance on [-1, 1]^2.

    References
    ----------
    Reconstruction; see spec §4 T1(c) and §6 L4 (covering rate (log N / N)^(1/n)).
    """
    seeds, G = _SIZES[size]
    grid, _ = state_grid(1.0, 2, G)
    Ns = np.array([100, 200, 400, 800, 1600, 3200])
    r = np.array([[cKDTree(rng.uniform(-1, 1, size=(N, 2))).query(grid)[0].max() for N in Ns] for _ in range(seeds)])
    slope = loglog_slope(Ns, r.mean(0))
    slack = min(slope + 0.6, -0.35 - slope)
    return LemmaReport(NAME, "log-log slope of r_N vs N in [-0.6, -0.35] (about -1/n, n = 2)",
                       "reconstruction; see spec §6 L4", "probabilistic", seeds * Ns.size, float(slack), slack >= 0,
                       f"slope {slope:.3f}")
