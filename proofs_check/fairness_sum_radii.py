"""Lemma (spec §4.2 (4)): sum_t 1/sqrt(n_{k_t}(t)) over rounds with n >= 1 is <= 2 sqrt(K T).

Holds for every arm sequence (sum_k sum_{n < N_k} n^{-1/2} <= sum_k 2 sqrt(N_k) <= 2 sqrt(K T)
by Cauchy-Schwarz); checked on random, round-robin and greedy sequences.
"""
from __future__ import annotations

import numpy as np

from ._report import LemmaReport

NAME = "fairness/sum_radii"


def _lhs(arms, K):
    n = np.zeros(K)
    s = 0.0
    for k in arms:
        if n[k] > 0:
            s += 1.0 / np.sqrt(n[k])
        n[k] += 1
    return s


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check the inequality on random and structured arm sequences.

    References
    ----------
    Auer et al. (2002); reconstruction; see spec ``ofs_fair_threshold.md`` §4.2 (4).
    """
    n_cases = 40 if size == "quick" else 400
    worst = np.inf
    for c in range(n_cases):
        K, T = int(rng.integers(1, 30)), int(rng.integers(1, 3000))
        kind = c % 3
        arms = (rng.integers(0, K, T) if kind == 0 else np.arange(T) % K if kind == 1
                else np.minimum(rng.geometric(0.5, T) - 1, K - 1))
        worst = min(worst, 2 * np.sqrt(K * T) - _lhs(arms, K))
    return LemmaReport(NAME, "sum_t 1/sqrt(n_{k_t}(t)) <= 2 sqrt(K T)", "Cauchy-Schwarz; reconstruction; see spec §4.2",
                       "inequality", n_cases, float(worst), bool(worst >= 0), "random, round-robin and geometric sequences")
