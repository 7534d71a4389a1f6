"""Checks of actor_critic/step_size.

Proven (gating, hard): inside a segment the actor plays softmax(eta m f) with m = 1, 2, ...,
so max_a f - <pi, f> <= log|A| / (eta m) at every state and the actor term obeys, on every
sample path, ACT(K) <= H N_sw(K) log|A| (1 + ln K) / eta (spec §4.2 [D]).  Reported: the
larger steps and the greedy limit are not worse than the theory step (paired), resets are
not worse than no resets (paired), and each variant's slope against the Theorem B rate.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.actor_critic.bounds import nora_regret
from theorylab.algorithms.actor_critic.checks import hard_bound_check, paired_not_worse
from theorylab.regret import Bound, check_rate

from .._common import dims, label, rng

ID = "actor_critic/step_size"
_ACT = Bound("ACT <= H N_sw log|A| (1 + ln K) / eta", "reconstruction; see spec §4.2 ([D] observation)",
             lambda K: np.ones_like(K), reconstruction=True, note="checked as the ratio ACT / bound <= 1")


def act_ratio(results, i, alg, s) -> tuple[np.ndarray, np.ndarray]:
    """(checkpoints (C,), ACT / (H N_sw log|A| (1 + ln K) / eta) per seed (n, C)).

    References
    ----------
    Spec §4.2 [D] and §6 L4 (softmax greedy gap <= entropy / beta <= log|A| / beta).
    """
    d, H, A, S = dims(s)
    K = results.first(i, alg, "checkpoints").astype(np.float64)
    act, sw = results.stacked(i, alg, "act"), results.stacked(i, alg, "switches")
    eta = results.stacked(i, alg, "eta")[:, :1]
    return K, act / (H * sw * np.log(A) * (1.0 + np.log(K))[None, :] / eta)


def analyse(results) -> list:
    """Hard ACT-bound checks (finite eta); paired comparisons and slopes (reported).

    References
    ----------
    Tan, Fan, Wei (2025), ICML; spec §4.2 [D] and B6.
    """
    g, out = rng(), []
    for i, s in enumerate(results.settings):
        d, H, A, S = dims(s)
        for alg in ("nora", "nora_eta10", "nora_eta100"):
            if results.has(i, alg):
                K, ratio = act_ratio(results, i, alg, s)
                out.append(hard_bound_check(K, ratio, _ACT, experiment=ID, setting=label(s), algorithm=alg,
                                            quantity="ACT / bound"))
        for alg in results.experiment.algorithms:
            if results.has(i, alg):
                out.append(check_rate(results.trace(i, alg, label(s)), nora_regret(d, H, A), rng=g, n_boot=1000,
                                      t_min=max(int(s["K"]) // 10, 1), experiment=ID, proven=False))
        final = {a: results.stacked(i, a, "pseudo")[:, -1] for a in results.experiment.algorithms if results.has(i, a)}
        for alg in ("nora_eta10", "nora_eta100", "rs_greedy"):
            if alg in final and "nora" in final:
                out.append(paired_not_worse(final[alg], final["nora"], rng=g, experiment=ID, setting=label(s),
                                            algorithm=alg, reference="nora (theory eta)"))
        if "nora" in final and "nora_noreset" in final:
            out.append(paired_not_worse(final["nora"], final["nora_noreset"], rng=g, experiment=ID,
                                        setting=label(s), algorithm="nora", reference="nora_noreset"))
    return out
