"""L9 optimism of the critic: with the theory-scale bonus (c_b = 1) NORA-Tab's refit satisfies
max_a Q^(k)_1(s_1, a) >= V*_1(s_1) at every switch on all but a delta fraction of runs
(the failure rate's Clopper-Pearson lower limit must not exceed delta)."""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.actor_critic.nora_tab import NORATabConfig, nora_tab
from theorylab.problems import random_tabular
from theorylab.stats import clopper_pearson

from ._report import LemmaReport

NAME = "actor_critic/L9"
_SIZES = {"quick": (30, 150), "full": (200, 1000)}
_DELTA = 0.05


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Run NORA-Tab on random MDPs and count runs with any non-optimistic refit (OPT > 0 at a switch).

    References
    ----------
    Tan, Fan, Wei (2025), ICML (optimism: Q* in the confidence set w.p. 1 - delta); Azar,
    Osband, Munos (2017), ICML (Hoeffding optimism of UCBVI); spec §6 L9.
    """
    n, K = _SIZES[size]
    cfg = NORATabConfig(c_b=1.0, delta=_DELTA)
    bad = 0
    for _ in range(n):
        mdp = random_tabular(rng, int(rng.integers(2, 5)), int(rng.integers(2, 4)), int(rng.integers(2, 5)))
        res = nora_tab(mdp, K, cfg, rng, rng)
        at_switch = res.diagnostics["opt"][res.diagnostics["switch"] == 1]
        bad += int(np.any(at_switch > 1e-12))
    lo, hi = clopper_pearson(bad, n, 0.05)
    return LemmaReport(NAME, "P(some refit is not optimistic) <= delta", "Tan, Fan, Wei 2025; spec §6 L9",
                       "probabilistic", n, float(_DELTA - lo), bool(lo <= _DELTA),
                       f"{bad}/{n} runs non-optimistic; Clopper-Pearson 95% interval [{lo:.3g}, {hi:.3g}] vs delta {_DELTA}")
