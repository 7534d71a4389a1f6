"""Instances of the actor-critic paper's checks (spec §4.2 B2 and B3).

* :func:`dead_lock` -- the combination lock with an absorbing dead state of spec §4.2 B2:
  states g_0..g_{H-1} and z = H.  At g_h the secret action a*_h leads to g_{h+1}, every
  other action to z (absorbing).  Reward 1 only for a*_{H-1} at g_{H-1}; V* = 1 and uniform
  play succeeds with probability A^{-H}.
* :func:`sparse_linear_mdp` -- a random exact linear MDP where exploration matters (spec
  §4.2 B3): reward only through feature i* = 0, carried by few state-action pairs.
"""
from __future__ import annotations

import numpy as np

from ._validate import check_positive_int
from .linear import LinearMDP
from .tabular import TabularMDP

__all__ = ["dead_lock", "sparse_linear_mdp"]


def dead_lock(H: int, A: int, key: np.ndarray) -> TabularMDP:
    """Combination lock with an absorbing dead state (S = H + 1 states, start in g_0).

    Parameters
    ----------
    H : int >= 1, horizon (and number of lock states)
    A : int >= 2
    key : ndarray(int, (H,)), the secret action a*_h of each stage

    References
    ----------
    Spec §4.2 B2 (reconstruction; see spec §4.2); Du et al. (2019), "Provably efficient RL
    with rich observations via latent state decoding", ICML (combination lock family).
    """
    H = check_positive_int("H", H)
    A = check_positive_int("A", A, 2)
    key = np.asarray(key)
    if key.shape != (H,) or not np.issubdtype(key.dtype, np.integer) or key.min() < 0 or key.max() >= A:
        raise ValueError(f"key must be {H} integer actions in 0..{A - 1}, got {key!r}")
    S, z = H + 1, H
    P = np.zeros((S, A, S))
    P[:, :, z] = 1.0
    r = np.zeros((S, A))
    for h in range(H):
        P[h, key[h], z] = 0.0
        P[h, key[h], h + 1 if h + 1 < H else z] = 1.0
    r[H - 1, key[H - 1]] = 1.0
    return TabularMDP(P, r, H, 0, name=f"dead_lock(H={H},A={A})")


def sparse_linear_mdp(rng: np.random.Generator, S: int, A: int, d: int, H: int, *,
                      alpha: float = 0.3, n_good: int = 2) -> LinearMDP:
    """A random linear MDP whose reward hides behind one feature direction.

    phi(s, a) ~ Dirichlet(alpha 1_d) except that the feature i* = 0 is large only on a few
    pairs; mu_{h, i} ~ Dirichlet(0.1 1_S) except mu_{h, 0}, which concentrates on the
    ``n_good`` "good" states 0..n_good-1; theta_h = e_0 (reward = phi_0).

    References
    ----------
    Spec §4.2 B3 (reconstruction; see spec §4.2); Jin, Yang, Wang, Jordan (2020), COLT.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError("pass an explicit numpy.random.Generator")
    S, A, d, H = (check_positive_int(n, v) for n, v in (("S", S), ("A", A), ("d", d), ("H", H)))
    if d < 2 or not 1 <= n_good < S:
        raise ValueError(f"need d >= 2 and 1 <= n_good < S, got d={d}, n_good={n_good}")
    phi = rng.dirichlet(np.full(d - 1, alpha), size=(S, A))
    w0 = np.where(rng.random((S, A)) < 1.0 / A, rng.uniform(0.5, 0.9, (S, A)), rng.uniform(0.0, 0.1, (S, A)))
    phi = np.concatenate([w0[..., None], (1.0 - w0)[..., None] * phi], axis=-1)
    mu = rng.dirichlet(np.full(S, 0.1), size=(H, d))
    good = np.zeros(S)
    good[:n_good] = 1.0 / n_good
    mu[:, 0] = good
    theta = np.zeros((H, d))
    theta[:, 0] = 1.0
    return LinearMDP(phi, mu, theta, 0, name=f"sparse_linear(S={S},A={A},d={d},H={H})")
