"""L2 three-way regret decomposition: V* - V^pi = OPT + ACT + BE for any critic f and policy pi;
ACT >= 0 always; OPT <= 0 whenever max_a f_1(s_1, a) >= V*_1(s_1)."""
from __future__ import annotations

import numpy as np

from theorylab.kernels.actor_critic_core import evaluate_decompose
from theorylab.planning.dp import backward_induction

from ._report import LemmaReport
from .actor_critic_common import SIZES, random_instance, random_policy

NAME = "actor_critic/L2"
_TOL = 1e-9


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Random f_h in [0, H - h]^{S x A} (half of them optimistic: f >= Q*) and random pi.

    References
    ----------
    Spec §4.0 and §6 L2 (reconstruction of the paper's decomposition; see spec §4.0).
    """
    worst, n = np.inf, SIZES[size]
    for k in range(n):
        mdp = random_instance(rng, size)
        H, S, A = mdp.H, mdp.S, mdp.A
        plan = backward_induction(mdp)
        cap = (H - np.arange(H))[:, None, None]
        f = rng.uniform(0, 1, (H, S, A)) * cap
        if k % 2:
            f = np.minimum(plan.Q + rng.uniform(0, 1, (H, S, A)), cap)
        pi, out = random_policy(rng, mdp), np.zeros(4)
        P = np.ascontiguousarray(np.broadcast_to(mdp.P4, (H, S, A, S)))
        r = np.ascontiguousarray(np.broadcast_to(mdp.r3, (H, S, A)))
        evaluate_decompose(P, r, mdp.mu0, plan.V[0], pi, f, out)
        gap = plan.value - out[0]
        slack = [_TOL * max(1.0, abs(gap)) - abs(out[1] + out[2] + out[3] - gap), out[2] + _TOL]
        if k % 2:
            slack.append(_TOL - out[1])
        worst = min(worst, *slack)
    return LemmaReport(NAME, "V* - V^pi = OPT + ACT + BE; ACT >= 0; OPT <= 0 under optimism",
                       "reconstruction; see spec §4.0 and §6 L2", "identity", n, float(worst), bool(worst >= 0))
