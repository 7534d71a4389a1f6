"""Checks of actor_critic/t_scaling (pure function of the ResultSet).

Proven (gating): NORA's slope CI is consistent with its Theorem B rate over the last decade
of K; the non-optimistic actor-critics (NPG-LS, NORA-LS) have regret growing faster than
sqrt(K) on the combination lock; every rare-switching run stays below its deterministic
switch bound; the regret decomposition is exact.  Reported (not gating): the baselines'
slopes against their own rates.
"""
from __future__ import annotations

from theorylab.algorithms.actor_critic.bounds import douhua_regret, nora_regret, switch_count
from theorylab.algorithms.actor_critic.checks import hard_bound_check, identity_check
from theorylab.regret import check_rate, lsvi_ucb, sqrt_rate, ucbvi_hoeffding

from .._common import dims, label, rng

ID = "actor_critic/t_scaling"
_RARE = ("nora", "rs_greedy", "nora_ls")
_DECOMP = ("nora", "rs_greedy", "douhua", "npg", "nora_ls")


def _rates(results, i, s, g) -> list:
    d, H, A, S = dims(s)
    t_min = max(int(s["K"]) // 10, 1)
    bounds = {"nora": (nora_regret(d, H, A), True), "rs_greedy": (nora_regret(d, H, A), False),
              "douhua": (douhua_regret(d, H, A), False), "ucbvi": (ucbvi_hoeffding(S, A, H), False),
              "lsvi_ucb": (lsvi_ucb(d, H), False)}
    out = []
    for alg, (bound, proven) in bounds.items():
        if results.has(i, alg):
            out.append(check_rate(results.trace(i, alg, label(s)), bound, rng=g, n_boot=1000, t_min=t_min,
                                  experiment=ID, proven=proven))
    if s["instance"] == "lock":
        ref = sqrt_rate("sqrt(K) reference", "optimism is necessary without offline data; spec §4.2 B2")
        for alg in ("npg", "nora_ls"):
            if results.has(i, alg):
                out.append(check_rate(results.trace(i, alg, label(s)), ref, rng=g, n_boot=1000, expect="faster",
                                      experiment=ID, proven=True))
    return out


def _hard(results, i, s) -> list:
    d, H, A, S = dims(s)
    sw = switch_count(H, d=d) if s["instance"] == "linear" else switch_count(H, S=S, A=A)
    out = []
    for alg in _RARE:
        if results.has(i, alg):
            out.append(hard_bound_check(results.first(i, alg, "checkpoints"), results.stacked(i, alg, "switches"),
                                        sw, experiment=ID, setting=label(s), algorithm=alg))
    for alg in _DECOMP:
        if results.has(i, alg):
            out.append(identity_check(results.stacked(i, alg, "decomp_err"), experiment=ID,
                                      setting=label(s), algorithm=alg))
    return out


def analyse(results) -> list:
    """Rate, separation, switch-count and identity checks for every setting.

    References
    ----------
    Tan, Fan, Wei (2025), ICML; spec §4.2 B1, B2, B3, B5 and §4.0.
    """
    g, out = rng(), []
    for i, s in enumerate(results.settings):
        out += _rates(results, i, s, g) + _hard(results, i, s)
    return out
