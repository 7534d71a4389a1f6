"""L8 elliptical potential: sum_t min(1, ||phi_t||^2_{Lambda_{t-1}^{-1}}) <= 2 d log(1 + T/(lam d)) for ||phi_t|| <= 1."""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.actor_critic.nora_lin import _lin_update

from ._report import LemmaReport

NAME = "actor_critic/L8"
_SIZES = {"quick": (12, 500), "full": (60, 5000)}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Sphere-times-radius and axis-vector streams through NORA-Lin's Sherman-Morrison update.

    References
    ----------
    Abbasi-Yadkori, Pal, Szepesvari (2011), NeurIPS, Lemma 11; spec §6 L8.
    """
    n, T = _SIZES[size]
    worst = np.inf
    for k in range(n):
        d, lam = int(rng.integers(2, 12)), float(rng.choice([1.0, 4.0]))
        if k % 2:
            X = rng.normal(size=(T, d))
            X *= rng.uniform(0, 1, (T, 1)) / np.linalg.norm(X, axis=1, keepdims=True)
        else:
            X = np.eye(d)[rng.integers(0, d, T)]
        Lam, Linv, total = lam * np.eye(d), np.eye(d) / lam, 0.0
        for x in X:
            x = np.ascontiguousarray(x)
            total += min(1.0, float(x @ Linv @ x))
            _lin_update(x, Lam, Linv)
        bound = 2 * d * np.log(1 + T / (lam * d))
        worst = min(worst, (bound - total) / bound)
    return LemmaReport(NAME, "sum_t min(1, ||phi_t||^2_{Lambda^{-1}}) <= 2 d log(1 + T/(lam d))",
                       "Abbasi-Yadkori et al. 2011, Lemma 11; spec §6 L8", "inequality", n, float(worst),
                       bool(worst >= 0))
