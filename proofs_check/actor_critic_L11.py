"""L11 concentrability transfer (tabular): (E_{d^{pi*}_h} delta)^2 <= c*_off E_{mu_h} delta^2 with
c*_off = max_h max_{s,a} d^{pi*}_h(s, a) / mu_h(s, a) (Cauchy-Schwarz)."""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.actor_critic.offline import behaviour_policy, concentrability
from theorylab.planning.dp import backward_induction, greedy_as_stochastic, occupancy

from ._report import LemmaReport
from .actor_critic_common import SIZES, random_instance

NAME = "actor_critic/L11"


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Random MDPs, mixture behaviours (finite c*_off) and random residuals delta_h(s, a) in [-H, H].

    References
    ----------
    Xie et al. (2021), "Bellman-consistent pessimism for offline RL", NeurIPS (single-policy
    concentrability); spec §2.4 and §6 L11.
    """
    worst, n = np.inf, SIZES[size]
    for _ in range(n):
        mdp = random_instance(rng, size)
        pi_b = behaviour_policy(mdp, "mix", float(rng.uniform(0.05, 0.95)))
        c = concentrability(mdp, pi_b)
        d_star = occupancy(mdp, greedy_as_stochastic(backward_induction(mdp).pi, mdp.A))
        mu = occupancy(mdp, pi_b)
        delta = rng.uniform(-mdp.H, mdp.H, mu.shape)
        lhs = np.sum(d_star * delta, axis=(1, 2)) ** 2
        rhs = c * np.sum(mu * delta**2, axis=(1, 2))
        worst = min(worst, float(np.min((rhs - lhs) / np.maximum(rhs, 1e-300))) + 1e-12)
    return LemmaReport(NAME, "(E_{d*} delta)^2 <= c*_off E_mu delta^2", "Xie et al. 2021; spec §6 L11",
                       "inequality", n, float(worst), bool(worst >= 0))
