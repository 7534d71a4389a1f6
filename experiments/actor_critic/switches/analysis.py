"""Checks of actor_critic/switches.

Proven (gating, hard): every run's cumulative switch count stays below its deterministic
bound at every checkpoint.  Reported: hybrid NORA switches no more often than online NORA
(paired over seeds), and the growth of N_sw per doubling of K over the last decade.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.actor_critic.bounds import switch_count
from theorylab.algorithms.actor_critic.checks import hard_bound_check, paired_not_worse

from .._common import dims, label, rng

ID = "actor_critic/switches"


def switch_bound_of(s, alg):
    """The deterministic switch-count Bound of algorithm ``alg`` on setting ``s``.

    References
    ----------
    Spec §4.2 B5.
    """
    d, H, A, S = dims(s)
    if s["instance"] == "linear":
        return switch_count(H, d=d)
    if alg == "nora_det":
        return switch_count(H, d=S * A)
    return switch_count(H, S=S, A=A)


def analyse(results) -> list:
    """Hard switch-bound checks for every (setting, algorithm); paired hybrid-vs-online comparison.

    References
    ----------
    Spec §4.2 B5 and §3.3; Wang et al. (2021), NeurIPS.
    """
    g, out = rng(), []
    for i, s in enumerate(results.settings):
        for alg in results.experiment.algorithms:
            if results.has(i, alg):
                out.append(hard_bound_check(results.first(i, alg, "checkpoints"),
                                            results.stacked(i, alg, "switches"), switch_bound_of(s, alg),
                                            experiment=ID, setting=label(s), algorithm=alg))
        if results.has(i, "nora@300") and results.has(i, "nora"):
            out.append(paired_not_worse(results.stacked(i, "nora@300", "switches")[:, -1],
                                        results.stacked(i, "nora", "switches")[:, -1], rng=g, experiment=ID,
                                        setting=label(s), algorithm="nora@300 (switches)", reference="nora"))
    return out


def growth_per_doubling(K, N_sw) -> float:
    """Mean increase of N_sw per doubling of K over the last decade of checkpoints.

    References
    ----------
    Spec §4.2 B5 (N_sw grows linearly in log K).
    """
    K, N = np.asarray(K, dtype=np.float64), np.asarray(N_sw, dtype=np.float64)
    keep = K >= K[-1] / 10
    return float(np.polyfit(np.log2(K[keep]), N[keep], 1)[0])
