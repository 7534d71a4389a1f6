"""Checks of actor_critic/hybrid_noff.

Proven (gating, hard): switch counts below the deterministic bound and the exact regret
decomposition for every hybrid run.  Reported (not gating; Theorem C is an upper bound up to
constants, not a pathwise dominance): each Hybrid NORA run is not significantly worse than
online NORA on the same noise (paired over seeds).
"""
from __future__ import annotations

from theorylab.algorithms.actor_critic.bounds import switch_count
from theorylab.algorithms.actor_critic.checks import hard_bound_check, identity_check, paired_not_worse

from .._common import dims, label, rng

ID = "actor_critic/hybrid_noff"


def analyse(results) -> list:
    """Paired hybrid-vs-online regret comparisons, switch bounds, decomposition identity.

    References
    ----------
    Spec §4.3 C1 (i)-(iv); Tan, Fan, Wei (2025), ICML (hybrid claim).
    """
    g, out = rng(), []
    for i, s in enumerate(results.settings):
        d, H, A, S = dims(s)
        for alg in results.experiment.algorithms:
            if not results.has(i, alg):
                continue
            out.append(hard_bound_check(results.first(i, alg, "checkpoints"), results.stacked(i, alg, "switches"),
                                        switch_count(H, S=S, A=A), experiment=ID, setting=label(s), algorithm=alg))
            out.append(identity_check(results.stacked(i, alg, "decomp_err"), experiment=ID, setting=label(s),
                                      algorithm=alg))
            if alg != "nora" and results.has(i, "nora"):
                out.append(paired_not_worse(results.stacked(i, alg, "pseudo")[:, -1],
                                            results.stacked(i, "nora", "pseudo")[:, -1], rng=g, experiment=ID,
                                            setting=label(s), algorithm=alg, reference="nora"))
    return out
