"""Episode plumbing shared by the baseline learners: sampling, rollouts, exact evaluation.

Symbols: S states, A actions, H horizon, P2[h', s*A + a, s'] the true kernel with a leading
stage axis of length H or 1 (stationary), r3[h', s, a] the mean rewards likewise, and a
deterministic policy pi[h, s].  Randomness enters only through uniforms u[k, h] in [0, 1),
shape (K, H + 1), drawn by the caller: u[k, 0] picks the initial state from mu0 and
u[k, h] (h >= 1) picks s_h from P(. | s_{h-1}, a_{h-1}) (s_H is observed so that the last
step's transition counts too), both by inverse CDF (the first index whose cumulative
probability exceeds u).  Learner and reference therefore see the same trajectory bits.

Rewards are the known mean rewards r (as in Azar et al. 2017 and Jin et al. 2020, who take
the reward function as known and deterministic): the realised return of an episode is
sum_h r_h(s_h, a_h) along the sampled trajectory, and the exact value V^pi_1 comes from
policy evaluation on the true model (design rule 1).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..._numba import njit
from ...problems.tabular import TabularMDP

__all__ = ["EpisodeModel", "episode_model", "draw_uniforms", "sample_index", "sample_index_numpy",
           "evaluate_deterministic", "evaluate_deterministic_numpy", "rollout", "rollout_numpy"]


class EpisodeModel(NamedTuple):
    """Arrays of a TabularMDP as the kernels take them.

    Attributes
    ----------
    P2 : ndarray(float, (Hp, S*A, S)), Hp in {1, H}
    r3 : ndarray(float, (Hr, S, A)), Hr in {1, H}
    P_cdf : ndarray(float, (Hp, S*A, S)), cumulative sums of P2 along s'
    mu0, mu0_cdf : ndarray(float, (S,))

    References
    ----------
    Design rule 2 (arrays in, arrays out).
    """

    P2: np.ndarray
    r3: np.ndarray
    P_cdf: np.ndarray
    mu0: np.ndarray
    mu0_cdf: np.ndarray


def episode_model(mdp: TabularMDP) -> EpisodeModel:
    """Contiguous kernel inputs of ``mdp``: P2 (Hp, S*A, S), r3 (Hr, S, A), CDFs, mu0.

    References
    ----------
    Inverse-CDF sampling, e.g. Devroye (1986), *Non-Uniform Random Variate Generation*, §2.1.
    """
    P4 = mdp.P4
    P2 = np.ascontiguousarray(P4.reshape(P4.shape[0], mdp.S * mdp.A, mdp.S))
    P_cdf = np.ascontiguousarray(np.cumsum(P2, axis=-1))
    r3 = np.ascontiguousarray(mdp.r3)
    mu0 = np.ascontiguousarray(mdp.mu0)
    return EpisodeModel(P2, r3, P_cdf, mu0, np.cumsum(mu0))


def draw_uniforms(noise: np.random.Generator, K: int, n: int) -> np.ndarray:
    """All trajectory uniforms of a K-episode run, shape (K, n), drawn up front from ``noise``.

    References
    ----------
    Design rule 3 (randomness from the cell's noise stream, passed into kernels).
    """
    if not isinstance(noise, np.random.Generator):
        raise TypeError("noise must be a numpy.random.Generator (no global RNG in theorylab)")
    return noise.random((K, n))


@njit
def sample_index(cdf, u):
    """Smallest i with cdf[i] > u (clipped to the last index against round-off).

    References
    ----------
    Devroye (1986), §2.1 (inversion by sequential search).
    """
    n = cdf.shape[0]
    for i in range(n):
        if cdf[i] > u:
            return i
    return n - 1


def sample_index_numpy(cdf: np.ndarray, u: float) -> int:
    """Plain-numpy reference of :func:`sample_index` (binary search, same result).

    References
    ----------
    Devroye (1986), §2.1.
    """
    return min(int(np.searchsorted(cdf, u, side="right")), cdf.shape[0] - 1)


@njit
def evaluate_deterministic(P2, r3, mu0, pi, V):
    """Exact value mu0 . V^pi_0 of a deterministic policy pi (H, S); V (H+1, S) is scratch.

    References
    ----------
    Puterman (1994), *Markov Decision Processes*, §4.2 (finite-horizon evaluation).
    """
    H, S = pi.shape
    A = P2.shape[1] // S
    V[H, :] = 0.0
    for h in range(H - 1, -1, -1):
        hp = h if P2.shape[0] > 1 else 0
        hr = h if r3.shape[0] > 1 else 0
        for s in range(S):
            a = pi[h, s]
            acc = 0.0
            for s2 in range(S):
                acc += P2[hp, s * A + a, s2] * V[h + 1, s2]
            V[h, s] = r3[hr, s, a] + acc
    value = 0.0
    for s in range(S):
        value += mu0[s] * V[0, s]
    return value


@njit
def rollout(P_cdf, r3, mu0_cdf, pi, u, states, actions):
    """Play pi for one episode; return sum_h r_h(s_h, a_h).

    Parameters
    ----------
    P_cdf : ndarray(float, (Hp, S*A, S)); r3 : ndarray(float, (Hr, S, A))
    mu0_cdf : ndarray(float, (S,)); pi : ndarray(int, (H, S))
    u : ndarray(float, (H + 1,)), u[0] for s_0 and u[h + 1] for s_{h+1}
    states : ndarray(int, (H + 1,)), filled with s_0..s_H (s_H is observed, not acted in)
    actions : ndarray(int, (H,)), filled with a_0..a_{H-1}

    References
    ----------
    Sutton & Barto (2018), *Reinforcement Learning*, §3.1 (the agent-environment loop).
    """
    H, S = pi.shape
    A = P_cdf.shape[1] // S
    s = sample_index(mu0_cdf, u[0])
    ret = 0.0
    for h in range(H):
        a = pi[h, s]
        states[h] = s
        actions[h] = a
        ret += r3[h if r3.shape[0] > 1 else 0, s, a]
        s = sample_index(P_cdf[h if P_cdf.shape[0] > 1 else 0, s * A + a], u[h + 1])
    states[H] = s
    return ret


def evaluate_deterministic_numpy(P2, r3, mu0, pi) -> float:
    """Plain-numpy reference of :func:`evaluate_deterministic` (one gather + GEMV per stage).

    References
    ----------
    Puterman (1994), §4.2.
    """
    H, S = pi.shape
    A = P2.shape[1] // S
    idx = np.arange(S)
    V = np.zeros(S)
    for h in range(H - 1, -1, -1):
        a = pi[h]
        V = r3[min(h, r3.shape[0] - 1), idx, a] + P2[min(h, P2.shape[0] - 1), idx * A + a] @ V
    return float(mu0 @ V)


def rollout_numpy(P_cdf, r3, mu0_cdf, pi, u):
    """Plain-numpy reference of :func:`rollout`; returns (states (H+1,), actions (H,), return).

    References
    ----------
    Sutton & Barto (2018), §3.1.
    """
    H, S = pi.shape
    A = P_cdf.shape[1] // S
    states, actions = np.empty(H + 1, np.int64), np.empty(H, np.int64)
    s, ret = sample_index_numpy(mu0_cdf, u[0]), 0.0
    for h in range(H):
        a = int(pi[h, s])
        states[h], actions[h] = s, a
        ret += r3[min(h, r3.shape[0] - 1), s, a]
        s = sample_index_numpy(P_cdf[min(h, P_cdf.shape[0] - 1), s * A + a], u[h + 1])
    states[H] = s
    return states, actions, ret
