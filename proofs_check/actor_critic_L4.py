"""L4 softmax greedy gap: for p = softmax(beta g), max g - <p, g> <= Entropy(p)/beta <= log|A|/beta.

This is the per-state inequality behind the [D] actor bound ACT <= H N_sw log|A| (1 + ln K)/eta.
"""
from __future__ import annotations

import numpy as np

from theorylab.kernels.actor_critic_core import softmax_rows

from ._report import LemmaReport

NAME = "actor_critic/L4"
_SIZES = {"quick": 2000, "full": 50000}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Random gains g in [0, H]^A and temperatures beta in [1e-3, 1e3] (log-uniform), via the kernel.

    References
    ----------
    Spec §6 L4 and §4.2 [D]; the Gibbs variational principle (e.g. Cesa-Bianchi & Lugosi 2006, §2.5).
    """
    n = _SIZES[size]
    worst = np.inf
    for _ in range(n):
        A, H = int(rng.integers(2, 33)), float(rng.uniform(0.1, 20))
        g, beta = rng.uniform(0, H, A), float(10 ** rng.uniform(-3, 3))
        p = np.zeros((1, 1, A))
        softmax_rows((beta * g)[None, None], p)
        p = p[0, 0]
        gap = g.max() - p @ g
        ent = -np.sum(p[p > 0] * np.log(p[p > 0]))
        scale = max(1.0, np.log(A) / beta)
        worst = min(worst, (ent / beta - gap) / scale + 1e-12, (np.log(A) - ent) / np.log(A) + 1e-12)
    return LemmaReport(NAME, "max g - <softmax(beta g), g> <= H(p)/beta <= log|A|/beta",
                       "spec §6 L4 (Gibbs variational principle)", "inequality", n, float(worst), bool(worst >= 0))
