"""Checks of actor_critic/offline_init.

Theorem D (reconstructed form, spec §4.4): per-episode suboptimality <= online term +
C sqrt(c*_off d H^4 / N_off).  The excess over the online floor, estimated per seed by the
run with the largest dataset on the same noise, must decay at least like N_off^{-1/2}:
the log-log slope CI over N_off must not lie entirely above -1/2 (proven, gating).  The
raw slope (floor included) is reported beside it.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.actor_critic.bounds import offline_init_subopt
from theorylab.algorithms.actor_critic.tasks import parse_algorithm
from theorylab.regret import RegretTrace, check_rate

from .._common import dims, label, rng

ID = "actor_critic/offline_init"


def subopt_table(results, i):
    """(N_off grid (n,), suboptimality (seeds, n), floor (seeds,), c_off) of setting i.

    References
    ----------
    Spec §4.4 D1.
    """
    algs = sorted(results.experiment.algorithms, key=lambda a: parse_algorithm(a)[1])
    ns = [parse_algorithm(a)[1] for a in algs]
    sub = np.stack([results.stacked(i, a, "subopt")[:, 0] for a in algs], axis=1)
    c_off = float(results.first(i, algs[0], "c_off")[0])
    return np.array(ns[:-1]), sub[:, :-1], sub[:, -1], c_off


def analyse(results) -> list:
    """Rate check of the excess suboptimality in N_off (proven) and of the raw one (reported).

    References
    ----------
    Tan, Fan, Wei (2025), ICML (non-optimistic hybrid AC); spec §4.4.
    """
    g, out = rng(), []
    for i, s in enumerate(results.settings):
        d, H, A, S = dims(s)
        N, sub, floor, c_off = subopt_table(results, i)
        bound = offline_init_subopt(c_off, d, H)
        excess = np.maximum(sub - floor[:, None], 1e-12)
        for name, Y, proven in (("excess over floor", excess, True), ("raw", sub, False)):
            tr = RegretTrace(f"nora_ls ({name})", N, Y, setting=label(s))
            out.append(check_rate(tr, bound, rng=g, n_boot=1000, experiment=ID, proven=proven))
    return out
