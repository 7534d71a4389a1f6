"""L1 performance difference (finite horizon): V^{pi'}_1 - V^pi_1 = sum_h E_{s ~ d^{pi'}_h} <Q^pi_h(s, .), pi'_h - pi_h>."""
from __future__ import annotations

import numpy as np

from theorylab.planning.dp import policy_evaluation, state_occupancy

from ._report import LemmaReport
from .actor_critic_common import SIZES, random_instance, random_policy

NAME = "actor_critic/L1"
_TOL = 1e-9


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check the identity on random MDPs and random pairs of stochastic policies (relative 1e-9).

    References
    ----------
    Kakade & Langford (2002), "Approximately optimal approximate RL", ICML, Lemma 6.1;
    spec §6 L1 (the lemma NORA's actor analysis rests on).
    """
    worst = np.inf
    for _ in range(SIZES[size]):
        mdp = random_instance(rng, size)
        pi, pi2 = random_policy(rng, mdp), random_policy(rng, mdp)
        ev, ev2 = policy_evaluation(mdp, pi), policy_evaluation(mdp, pi2)
        d2 = state_occupancy(mdp, pi2)
        rhs = float(np.sum(d2[:, :, None] * ev.Q * (pi2 - pi)))
        lhs = ev2.value - ev.value
        worst = min(worst, _TOL * max(1.0, abs(lhs)) - abs(lhs - rhs))
    return LemmaReport(NAME, "V^{pi'} - V^pi = sum_h E_{d^{pi'}_h} <Q^pi_h, pi'_h - pi_h>",
                       "Kakade & Langford 2002, Lemma 6.1; spec §6 L1", "identity", SIZES[size], float(worst),
                       bool(worst >= 0), f"relative tolerance {_TOL:g}")
