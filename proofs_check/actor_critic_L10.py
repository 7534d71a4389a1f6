"""L10 count-doubling switch bound: refitting whenever some n_h(s, a) leaves 0 or doubles since the
last refit gives at most H S A (1 + log2 T) + 1 refits in T episodes."""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.actor_critic.nora_tab import _tab_count

from ._report import LemmaReport

NAME = "actor_critic/L10"
_SIZES = {"quick": 10, "full": 60}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Random and concentrated visitation streams, through NORA-Tab's count-update kernel.

    References
    ----------
    Bai et al. (2019), "Provably efficient Q-learning with low switching cost", NeurIPS;
    spec §6 L10.
    """
    worst, n = np.inf, _SIZES[size]
    for k in range(n):
        H, S, A, T = int(rng.integers(1, 5)), int(rng.integers(1, 6)), int(rng.integers(2, 4)), int(rng.integers(50, 600))
        n_sa, nsas, R = np.zeros((H, S, A)), np.zeros((H, S, A, S)), np.zeros((H, S, A))
        snap, gap = n_sa.copy(), np.zeros(H)
        p = rng.dirichlet(np.full(S * A, 0.2 if k % 2 else 5.0))
        switches, fire = 0, True
        for _ in range(T):
            if fire:
                switches, fire, snap = switches + 1, False, n_sa.copy()
            for h in range(H):
                sa = rng.choice(S * A, p=p)
                fire |= bool(_tab_count(h, sa // A, sa % A, 0, 0.0, n_sa, nsas, R, snap, gap, 1.0, 0))
        worst = min(worst, H * S * A * (1 + np.log2(T)) + 1 - switches)
    return LemmaReport(NAME, "N_sw <= H S A (1 + log2 T) + 1", "Bai et al. 2019; spec §6 L10", "inequality",
                       n, float(worst), bool(worst >= 0))
