"""UCBVI-CH: upper-confidence value iteration with a Chernoff-Hoeffding bonus.

Azar, Osband, Munos (2017), Algorithm 1 with ``UCB-Q-values`` (Algorithm 2) and
``bonus_1`` (Algorithm 3).  Before episode k, with N_k(s, a) visits of (s, a) whose next
state was observed and n_k(s, a, s') the transition counts (pooled over stages when P is
stationary, as in the paper; per stage h otherwise),

    P^_k(s' | s, a) = n_k(s, a, s') / N_k(s, a),
    b_k(s, a)       = c_b * 7 H L / sqrt(N_k(s, a)),     L = ln(5 S A T / delta), T = K H,
    Q_{k,h}(s, a)   = min(Q_{k-1,h}(s, a), H, r_h(s, a) + P^_k V_{k,h+1}(s, a) + b_k(s, a))
                      if N_k(s, a) > 0, and H otherwise,
    V_{k,h}(s)      = max_a Q_{k,h}(s, a),   V_{k,H} = 0,

and the episode plays pi_k(s, h) = argmax_a Q_{k,h}(s, a) (lowest index on ties).  c_b = 1
(``bonus_scale``) is the theorem's bonus.  Rewards are the known mean rewards r (the paper
takes R known); the exact value V^{pi_k}_1 of the played policy is computed on the true
model inside the kernel, so pseudo-regret is exact (design rule 1).

``clip="v"`` (not the paper's; the convention of rlberry-scool's ``UCBVIAgent``) replaces the
Q-clip and the running minimum by a clip of V only, and values an unvisited pair as a
zero-reward pair with uniform next state and bonus H - h:

    Q_{k,h}(s, a) = r_h(s, a) + b_k(s, a) + P^_k V_{k,h+1}(s, a)   if N_k(s, a) > 0,
    Q_{k,h}(s, a) = (H - h) + (1/S) sum_s' V_{k,h+1}(s')          otherwise,
    V_{k,h}(s)    = min(H, max_a Q_{k,h}(s, a))                    (H, not H - h, at every h).

The whole K-episode loop is one numba kernel call (:func:`ucbvi`); :func:`ucbvi_numpy` is
the plain-numpy implementation of the same update that the tests and benchmarks compare
it with.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..._numba import njit
from ...problems.tabular import TabularMDP
from .._result import EpisodicResult
from ._episode import (draw_uniforms, episode_model, evaluate_deterministic,
                       evaluate_deterministic_numpy, rollout, rollout_numpy)

__all__ = ["UCBVIConfig", "ucbvi", "ucbvi_numpy", "ucbvi_log_factor"]


@dataclass(frozen=True)
class UCBVIConfig:
    """Configuration of UCBVI-CH.

    Parameters
    ----------
    delta : float in (0, 1)
        Failure probability of the regret bound; enters L = ln(5 S A T / delta).
    bonus_scale : float >= 0
        Multiplies the Hoeffding bonus 7 H L / sqrt(N).  1.0 is the theorem's bonus; smaller
        values ("practical mode") are our choice and void the theorem's guarantee
        (reconstruction; see spec ``optimistic_actor_critic.md`` §3.2.2, c_b).
    clip : {"q", "v"}
        Value-clipping convention.  ``"q"`` (default) is the paper's Algorithm 2:
        Q_{k,h} = min(Q_{k-1,h}, H, r + P^ V + b), and Q = H while N = 0.  ``"v"`` is
        rlberry-scool's ``UCBVIAgent`` convention, offered so that the two packages can be
        checked to take the same actions (issue #8): no running minimum, Q unclipped,
        V_{k,h} = min(H, max_a Q_{k,h}), and an unvisited pair worth
        (H - h) + (1/S) sum_s' V_{k,h+1}(s') (rlberry's prior: R^ = 0, P^ uniform, bonus
        v_max[h] = H - h for rewards spanning [0, 1]).  Under ``"v"`` the visited backup is
        summed as (r + b) + sum_s' (n(s, a, s') / N) V(s'), in rlberry's order, so that on a
        deterministic MDP both packages round identically.  Neither value is a
        reconstruction of the paper; ``"v"`` optimism still holds under the theorem's event
        (V_{k,h} >= min(H, V*_h) by induction), but mu0 . V_{k,1} is no longer monotone in k.

    Raises
    ------
    ValueError
        Naming the field, its value and the allowed range.

    References
    ----------
    Azar, Osband, Munos (2017), "Minimax regret bounds for reinforcement learning", ICML,
    Algorithm 3 (bonus_1) and Theorem 1.  rlberry-scool 0.7.3, ``UCBVIAgent`` and
    ``backward_induction_reward_sd`` (the ``"v"`` convention, read for its conventions only).
    """

    delta: float = 0.05
    bonus_scale: float = 1.0
    clip: Literal["q", "v"] = "q"

    def __post_init__(self):
        if not (isinstance(self.delta, (int, float)) and 0.0 < self.delta < 1.0):
            raise ValueError(f"UCBVIConfig.delta must lie in (0, 1), got {self.delta!r}")
        if not (isinstance(self.bonus_scale, (int, float)) and math.isfinite(self.bonus_scale)
                and self.bonus_scale >= 0.0):
            raise ValueError(f"UCBVIConfig.bonus_scale must be a finite float >= 0, got {self.bonus_scale!r}")
        if self.clip not in ("q", "v"):
            raise ValueError(f"UCBVIConfig.clip must be 'q' or 'v', got {self.clip!r}")


def ucbvi_log_factor(S: int, A: int, H: int, K: int, delta: float) -> float:
    """L = ln(5 S A T / delta) with T = K H.

    References
    ----------
    Azar, Osband, Munos (2017), Algorithm 3 and Theorem 1.
    """
    return math.log(5.0 * S * A * K * H / delta)


@njit
def _backup_v(counts, n, r, c_b, V_next):
    """Visited pair under ``clip="v"``: (r + b) + sum_s' (n(s') / n) V(s') in rlberry's order.

    Zero counts are skipped: they would add exactly +0.0, so the sum is unchanged bit for bit.
    """
    q = r + c_b / np.sqrt(n)
    for s2 in range(V_next.shape[0]):
        if counts[s2] > 0.0:
            q += (counts[s2] / n) * V_next[s2]
    return q


@njit
def _prior_v(span, V_next):
    """Unvisited pair under ``clip="v"``: span + sum_s' (1/S) V(s'), summed in rlberry's order."""
    q = float(span)
    inv_S = 1.0 / V_next.shape[0]
    for s2 in range(V_next.shape[0]):
        q += inv_S * V_next[s2]
    return q


@njit
def _ucbvi_plan(n_sas, n_sa, r3, c_b, clip_v, Q, V, pi):
    H, S, A = Q.shape
    V[H, :] = 0.0
    for h in range(H - 1, -1, -1):
        hc = h if n_sa.shape[0] > 1 else 0
        hr = h if r3.shape[0] > 1 else 0
        prior = _prior_v(H - h, V[h + 1]) if clip_v else 0.0  # the same for every unvisited pair
        for s in range(S):
            best = 0
            for a in range(A):
                n = n_sa[hc, s, a]
                if clip_v:
                    Q[h, s, a] = prior
                    if n > 0.0:
                        Q[h, s, a] = _backup_v(n_sas[hc, s * A + a], n, r3[hr, s, a], c_b, V[h + 1])
                elif n > 0.0:
                    acc = 0.0
                    for s2 in range(S):
                        acc += n_sas[hc, s * A + a, s2] * V[h + 1, s2]
                    q = r3[hr, s, a] + acc / n + c_b / np.sqrt(n)
                    if q < Q[h, s, a]:
                        Q[h, s, a] = q
                if Q[h, s, a] > Q[h, s, best]:
                    best = a
            pi[h, s] = best
            V[h, s] = min(Q[h, s, best], float(H))  # a no-op under "q", where Q <= H already


@njit
def _ucbvi_kernel(P2, r3, P_cdf, mu0, mu0_cdf, u, c_b, clip_v, A, values, returns, upper):
    K, H = u.shape[0], u.shape[1] - 1
    S, Hc = mu0.shape[0], P2.shape[0]
    n_sas = np.zeros((Hc, S * A, S))
    n_sa = np.zeros((Hc, S, A))
    Q = np.full((H, S, A), float(H))
    V = np.zeros((H + 1, S))
    Vpi = np.zeros((H + 1, S))
    pi = np.zeros((H, S), np.int64)
    states = np.zeros(H + 1, np.int64)
    actions = np.zeros(H, np.int64)
    for k in range(K):
        _ucbvi_plan(n_sas, n_sa, r3, c_b, clip_v, Q, V, pi)
        upper[k] = 0.0
        for s in range(S):
            upper[k] += mu0[s] * V[0, s]
        values[k] = evaluate_deterministic(P2, r3, mu0, pi, Vpi)
        returns[k] = rollout(P_cdf, r3, mu0_cdf, pi, u[k], states, actions)
        for h in range(H):
            hc = h if Hc > 1 else 0
            s, a = states[h], actions[h]
            n_sa[hc, s, a] += 1.0
            n_sas[hc, s * A + a, states[h + 1]] += 1.0


def _prepare(mdp: TabularMDP, K: int, config: UCBVIConfig, noise: np.random.Generator):
    if not isinstance(mdp, TabularMDP):
        raise TypeError(f"ucbvi needs a TabularMDP, got {type(mdp).__name__}")
    if not isinstance(config, UCBVIConfig):
        raise TypeError(f"config must be a UCBVIConfig, got {type(config).__name__}")
    if isinstance(K, bool) or int(K) != K or K < 1:
        raise ValueError(f"K (number of episodes) must be an integer >= 1, got {K!r}")
    K = int(K)
    L = ucbvi_log_factor(mdp.S, mdp.A, mdp.H, K, config.delta)
    c_b = config.bonus_scale * 7.0 * mdp.H * L
    return K, c_b, episode_model(mdp), draw_uniforms(noise, K, mdp.H + 1)


def ucbvi(mdp: TabularMDP, K: int, config: UCBVIConfig, noise: np.random.Generator) -> EpisodicResult:
    """Run UCBVI-CH for K episodes (one compiled kernel call).

    Parameters
    ----------
    mdp : TabularMDP
        The environment (its model is used only to simulate and to evaluate exactly).
    K : int >= 1
        Number of episodes (T = K H enters the log factor L).
    config : UCBVIConfig
    noise : numpy.random.Generator
        Environment noise; all K x (H + 1) trajectory uniforms are drawn from it up front.

    Returns
    -------
    EpisodicResult
        ``values`` (K,) exact V^{pi_k}_1, ``returns`` (K,) realised returns, and
        ``diagnostics["upper"]`` (K,) the optimistic estimate mu0 . V_{k,1} (>= V* under
        the theorem's event).

    References
    ----------
    Azar, Osband, Munos (2017), "Minimax regret bounds for reinforcement learning", ICML,
    Algorithms 1-3, Theorem 1.
    """
    K, c_b, m, u = _prepare(mdp, K, config, noise)
    values, returns, upper = np.empty(K), np.empty(K), np.empty(K)
    _ucbvi_kernel(m.P2, m.r3, m.P_cdf, m.mu0, m.mu0_cdf, u, c_b, config.clip == "v", mdp.A,
                  values, returns, upper)
    return EpisodicResult(values, returns, {"upper": upper})


def _backup_v_numpy(counts, N, r, c_b, span, V_next):
    """All pairs' "v" backups (S, A) at one stage, summed over s' in the kernel's order."""
    seen = N > 0
    Ns = np.where(seen, N, 1.0)
    q_seen, q_new = r + c_b / np.sqrt(Ns), float(span)
    P_hat = counts.reshape(N.shape + (-1,)) / Ns[..., None]
    for s2 in range(V_next.shape[0]):  # sequential in s', vectorised over pairs
        q_seen = q_seen + P_hat[..., s2] * V_next[s2]
        q_new = q_new + (1.0 / V_next.shape[0]) * V_next[s2]
    return np.where(seen, q_seen, q_new)


def _plan_numpy(n_sas, n_sa, r3, c_b, clip, Q, V, pi):
    """Vectorised-per-stage planner of :func:`ucbvi_numpy` (both clip conventions)."""
    H, S, A = Q.shape
    Hc = n_sa.shape[0]
    for h in range(H - 1, -1, -1):
        hc = min(h, Hc - 1)
        N = n_sa[hc]
        r = r3[min(h, r3.shape[0] - 1)]
        if clip == "v":
            Q[h] = _backup_v_numpy(n_sas[hc], N, r, c_b, H - h, V[h + 1])
        else:
            seen = N > 0
            Ns = np.where(seen, N, 1.0)
            PV = (n_sas[hc] @ V[h + 1]).reshape(S, A) / Ns
            Q[h] = np.where(seen, np.minimum(Q[h], r + PV + c_b / np.sqrt(Ns)), Q[h])
        pi[h] = Q[h].argmax(1)
        V[h] = np.minimum(Q[h].max(1), float(H))


def ucbvi_numpy(mdp: TabularMDP, K: int, config: UCBVIConfig, noise: np.random.Generator) -> EpisodicResult:
    """Plain-numpy UCBVI-CH: the same update as :func:`ucbvi`, vectorised per stage.

    Actions agree with :func:`ucbvi` exactly and values to round-off (under ``clip="q"``
    the next-state contraction is a BLAS GEMV here and a sequential sum in the kernel; under
    ``clip="v"``, where V = H on many states makes true ties between actions common, both
    sum over s' in the same order so that such ties resolve identically).

    References
    ----------
    Azar, Osband, Munos (2017), Algorithms 1-3.
    """
    K, c_b, m, u = _prepare(mdp, K, config, noise)
    H, S, A = mdp.H, mdp.S, mdp.A
    Hc = m.P2.shape[0]
    n_sas, n_sa = np.zeros((Hc, S * A, S)), np.zeros((Hc, S, A))
    Q, V = np.full((H, S, A), float(H)), np.zeros((H + 1, S))
    pi = np.zeros((H, S), np.int64)
    values, returns, upper = np.empty(K), np.empty(K), np.empty(K)
    for k in range(K):
        _plan_numpy(n_sas, n_sa, m.r3, c_b, config.clip, Q, V, pi)
        upper[k] = m.mu0 @ V[0]
        values[k] = evaluate_deterministic_numpy(m.P2, m.r3, m.mu0, pi)
        states, actions, returns[k] = rollout_numpy(m.P_cdf, m.r3, m.mu0_cdf, pi, u[k])
        hc = np.minimum(np.arange(H), Hc - 1)
        np.add.at(n_sa, (hc, states[:-1], actions), 1.0)
        np.add.at(n_sas, (hc, states[:-1] * A + actions, states[1:]), 1.0)
    return EpisodicResult(values, returns, {"upper": upper})
