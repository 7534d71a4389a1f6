"""Named problem instances and random generators, with a registry.

Every random generator takes an explicit :class:`numpy.random.Generator` (the cell's
instance stream); nothing here touches a global RNG.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ._validate import check_positive_int
from .linear import LinearMDP
from .tabular import TabularMDP

__all__ = ["riverswim", "combination_lock", "random_tabular", "random_linear_mdp",
           "tabular_as_linear", "REGISTRY", "make"]


def riverswim(S: int = 6, H: int = 20) -> TabularMDP:
    """RiverSwim: a chain where swimming right (action 1) against the current pays off.

    Action 0 (left) moves deterministically left; action 1 (right) succeeds with 0.35 in the
    middle (0.6 at the left end), stays with 0.6, and drifts left with 0.05.  Rewards are
    0.005 for action 0 in state 0 and 1 for action 1 in state S-1 (the original 5/1000 and
    10000/10000 scaled to [0, 1]).  Start in state 0.

    References
    ----------
    Strehl & Littman (2008), "An analysis of model-based interval estimation for MDPs",
    JCSS 74(8); the six-state version of Osband, Russo, Van Roy (2013).
    """
    S = check_positive_int("S", S, 2)
    H = check_positive_int("H", H)
    P = np.zeros((S, 2, S))
    r = np.zeros((S, 2))
    for s in range(S):
        P[s, 0, max(s - 1, 0)] = 1.0
        if s == 0:
            P[s, 1, 0], P[s, 1, 1] = 0.4, 0.6
        elif s == S - 1:
            P[s, 1, s], P[s, 1, s - 1] = 0.6, 0.4
        else:
            P[s, 1, s + 1], P[s, 1, s], P[s, 1, s - 1] = 0.35, 0.6, 0.05
    r[0, 0] = 0.005
    r[S - 1, 1] = 1.0
    return TabularMDP(P, r, H, 0, name=f"riverswim(S={S},H={H})")


def combination_lock(S: int = 5, A: int = 2, H: int | None = None, key: np.ndarray | None = None) -> TabularMDP:
    """A combination lock: one right action per state advances, every other resets to 0.

    The reward is 1 for any action in the last state S-1 (which is absorbing under the right
    action) and 0 elsewhere, so uniform exploration needs about A^(S-1) episodes to see it.

    Parameters
    ----------
    S, A : int
    H : int, optional (default S + 1)
    key : ndarray(int, (S,)), optional
        The correct action per state (default all ``A - 1``).

    References
    ----------
    Koenig & Simmons (1993), "Complexity analysis of real-time RL"; the combination-lock
    family used throughout the exploration literature (e.g. Du et al. 2019).
    """
    S = check_positive_int("S", S, 2)
    A = check_positive_int("A", A, 2)
    H = S + 1 if H is None else check_positive_int("H", H)
    key = np.full(S, A - 1) if key is None else np.asarray(key, dtype=int)
    if key.shape != (S,) or key.min() < 0 or key.max() >= A:
        raise ValueError(f"key must be {S} action indices in 0..{A - 1}")
    P = np.zeros((S, A, S))
    P[:, :, 0] = 1.0
    for s in range(S):
        P[s, key[s], 0] = 0.0
        P[s, key[s], min(s + 1, S - 1)] = 1.0
    r = np.zeros((S, A))
    r[S - 1, :] = 1.0
    return TabularMDP(P, r, H, 0, name=f"combination_lock(S={S},A={A},H={H})")


def random_tabular(rng: np.random.Generator, S: int, A: int, H: int, *, alpha: float = 1.0,
                   stationary: bool = False) -> TabularMDP:
    """A random MDP: P[h, s, a] ~ Dirichlet(alpha 1_S), r[h, s, a] ~ U[0, 1], start in 0.

    References
    ----------
    Standard random-MDP ensemble (e.g. Archibald, McKinnon, Thomas 1995 "Garnet" family).
    """
    _check_rng(rng)
    S, A, H = (check_positive_int(n, v) for n, v in (("S", S), ("A", A), ("H", H)))
    if alpha <= 0:
        raise ValueError(f"alpha must be > 0, got {alpha}")
    lead = () if stationary else (H,)
    P = rng.dirichlet(np.full(S, alpha), size=lead + (S, A))
    r = rng.uniform(0.0, 1.0, size=lead + (S, A))
    return TabularMDP(P, r, H, 0, name=f"random_tabular(S={S},A={A},H={H})")


def random_linear_mdp(rng: np.random.Generator, S: int, A: int, d: int, H: int, *,
                      alpha: float = 0.3) -> LinearMDP:
    """A random linear MDP whose features are probability vectors.

    phi(s, a) ~ Dirichlet(alpha 1_d) (so ||phi||_2 <= ||phi||_1 = 1), each row of mu_h is
    a Dirichlet(1) distribution over the S next states, and theta_h ~ U[0, 1]^d; hence
    phi mu_h is a stochastic kernel and phi theta_h lies in [0, 1].

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), Assumption A; the simplex-feature construction is the
    standard way to make one (e.g. the "latent variable" example of that paper).
    """
    _check_rng(rng)
    S, A, d, H = (check_positive_int(n, v) for n, v in (("S", S), ("A", A), ("d", d), ("H", H)))
    phi = rng.dirichlet(np.full(d, alpha), size=(S, A))
    mu = rng.dirichlet(np.ones(S), size=(H, d))
    theta = rng.uniform(0.0, 1.0, size=(H, d))
    return LinearMDP(phi, mu, theta, 0, name=f"random_linear(S={S},A={A},d={d},H={H})")


def tabular_as_linear(mdp: TabularMDP) -> LinearMDP:
    """The tabular MDP as a linear MDP with one-hot features (d = S A).

    References
    ----------
    Jin et al. (2020), Example 2.1 (tabular MDPs are linear MDPs with d = |S||A|).
    """
    S, A, H = mdp.S, mdp.A, mdp.H
    phi = np.eye(S * A).reshape(S, A, S * A)
    mu = np.stack([mdp.P_at(h).reshape(S * A, S) for h in range(H)])
    theta = np.stack([mdp.r_at(h).reshape(S * A) for h in range(H)])
    return LinearMDP(phi, mu, theta, mdp.mu0, name=f"linear[{mdp.name}]")


def _check_rng(rng) -> None:
    if not isinstance(rng, np.random.Generator):
        raise TypeError("pass an explicit numpy.random.Generator (no global RNG in theorylab)")


REGISTRY: dict[str, Callable] = {
    "riverswim": riverswim,
    "combination_lock": combination_lock,
    "random_tabular": random_tabular,
    "random_linear": random_linear_mdp,
}


def make(name: str, **kwargs):
    """Build the registered instance ``name`` with keyword arguments ``kwargs``.

    References
    ----------
    bsuite's environment registry (Osband et al. 2020), adapted.
    """
    try:
        factory = REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown instance {name!r}; known: {', '.join(sorted(REGISTRY))}") from None
    return factory(**kwargs)
