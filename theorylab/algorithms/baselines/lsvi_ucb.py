"""LSVI-UCB: least-squares value iteration with an elliptical UCB bonus (linear MDPs).

Jin, Yang, Wang, Jordan (2020), Algorithm 1.  Before episode k, for h = H-1, ..., 0 with
V_H = 0 and the data tau < k of stage h,

    Lambda_h = lam I + sum_tau phi_tau phi_tau^T,            phi_tau = phi(s^tau_h, a^tau_h),
    w_h      = Lambda_h^{-1} sum_tau phi_tau [r_h(s^tau_h, a^tau_h) + V_{h+1}(s^tau_{h+1})],
    Q_h(s, a) = min(w_h^T phi(s, a) + beta ||phi(s, a)||_{Lambda_h^{-1}}, H),
    V_h(s)   = max_a Q_h(s, a),

and the episode plays pi_k(s, h) = argmax_a Q_h(s, a) (lowest index on ties).  Theorem 3.1
sets lam = 1 and beta = c d H sqrt(iota), iota = log(2 d T / delta), T = K H, for an
unspecified absolute constant c (``beta_c`` here, our choice).

Two options (defaults: off) reproduce rlberry-scool's ``LSVIUCBAgent`` conventions so that
the packages can be checked to take the same actions (issue #8): ``bonus_quadratic`` = c_2
adds c_2 ||phi(s, a)||^2_{Lambda_h^{-1}} to the bonus (rlberry: c_2 = H), and ``clip="v"``
leaves the acting Q unclipped and clips only V_h(s) = min(H, max_a Q_h(s, a)).

Exact algebra that keeps an episode O(H (S A d^2 + d S)) instead of O(k): the state space
is finite, so sum_tau phi_tau V_{h+1}(s^tau_{h+1}) = M_h V_{h+1} with
M_h[:, s'] = sum_{tau: s^tau_{h+1} = s'} phi_tau, and sum_tau phi_tau r_tau is one running
vector; Lambda_h^{-1} is kept by Sherman-Morrison (:mod:`theorylab.kernels.linalg`).
Rewards are the known mean rewards (the paper's r_h is known); the played policy's value
V^{pi_k}_1 is computed exactly on the induced tabular model inside the kernel.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..._numba import njit
from ...kernels.linalg import elliptical_norm, sherman_morrison_update, sherman_morrison_update_numpy
from ...problems.linear import LinearMDP
from .._result import EpisodicResult
from ._episode import (draw_uniforms, episode_model, evaluate_deterministic,
                       evaluate_deterministic_numpy, rollout, rollout_numpy)

__all__ = ["LSVIUCBConfig", "lsvi_ucb", "lsvi_ucb_numpy", "lsvi_ucb_beta"]


def _finite(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


@dataclass(frozen=True)
class LSVIUCBConfig:
    """Configuration of LSVI-UCB.

    Parameters
    ----------
    delta : float in (0, 1)
        Failure probability; enters iota = log(2 d T / delta).
    lam : float > 0
        Ridge parameter of Lambda_h (the theorem's lam = 1).
    beta : float >= 0 or None
        Bonus multiplier.  None gives the theorem's form beta = beta_c d H sqrt(iota); a
        float overrides it.
    beta_c : float >= 0
        The absolute constant c of Theorem 3.1, whose value the paper does not give; 1.0 is
        our choice (reconstruction; see spec ``optimistic_actor_critic.md`` §3.2.1, c_beta).
    bonus_quadratic : float >= 0
        c_2 of an extra bonus term c_2 ||phi||^2_{Lambda_h^{-1}}.  0.0 (default) is the
        paper's bonus; rlberry-scool's ``LSVIUCBAgent`` uses c_2 = v_max = H (rewards in
        [0, 1]).  Offered for the peer same-actions check; not part of the theorem.
    clip : {"q", "v"}
        ``"q"`` (default, the paper): Q_h = min(w^T phi + bonus, H) for acting and for V.
        ``"v"`` (rlberry-scool's convention): acting uses the unclipped Q_h and only
        V_h = min(H, max_a Q_h) is clipped, so a Q above H is not tied with one at H.

    Raises
    ------
    ValueError
        Naming the field, its value and the allowed range.

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), "Provably efficient reinforcement learning with linear
    function approximation", COLT, Algorithm 1 and Theorem 3.1.  rlberry-scool 0.7.3,
    ``LSVIUCBAgent`` (``bonus_quadratic`` and ``clip="v"``; read for its conventions only).
    """

    delta: float = 0.05
    lam: float = 1.0
    beta: float | None = None
    beta_c: float = 1.0
    bonus_quadratic: float = 0.0
    clip: Literal["q", "v"] = "q"

    def __post_init__(self):
        if not (_finite(self.delta) and 0.0 < self.delta < 1.0):
            raise ValueError(f"LSVIUCBConfig.delta must lie in (0, 1), got {self.delta!r}")
        if not (_finite(self.lam) and self.lam > 0.0):
            raise ValueError(f"LSVIUCBConfig.lam must be a finite float > 0, got {self.lam!r}")
        if self.beta is not None and not (_finite(self.beta) and self.beta >= 0.0):
            raise ValueError(f"LSVIUCBConfig.beta must be None or a finite float >= 0, got {self.beta!r}")
        if not (_finite(self.beta_c) and self.beta_c >= 0.0):
            raise ValueError(f"LSVIUCBConfig.beta_c must be a finite float >= 0, got {self.beta_c!r}")
        if not (_finite(self.bonus_quadratic) and self.bonus_quadratic >= 0.0):
            raise ValueError(f"LSVIUCBConfig.bonus_quadratic must be a finite float >= 0, got {self.bonus_quadratic!r}")
        if self.clip not in ("q", "v"):
            raise ValueError(f"LSVIUCBConfig.clip must be 'q' or 'v', got {self.clip!r}")


def lsvi_ucb_beta(d: int, H: int, K: int, config: LSVIUCBConfig) -> float:
    """The bonus multiplier: ``config.beta``, or beta_c d H sqrt(log(2 d K H / delta)).

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), Theorem 3.1 (beta = c d H sqrt(iota)).
    """
    if config.beta is not None:
        return float(config.beta)
    return config.beta_c * d * H * math.sqrt(math.log(2.0 * d * K * H / config.delta))


@njit
def _lsvi_plan(Linv, bvec, M, Phi, beta, c2, clip_v, w, Q, V, pi):
    H, S, A = Q.shape
    d = Phi.shape[1]
    V[H, :] = 0.0
    y = np.zeros(d)
    for h in range(H - 1, -1, -1):
        for i in range(d):
            acc = bvec[h, i]
            for s2 in range(S):
                acc += M[h, i, s2] * V[h + 1, s2]
            y[i] = acc
        for i in range(d):
            acc = 0.0
            for j in range(d):
                acc += Linv[h, i, j] * y[j]
            w[h, i] = acc
        for s in range(S):
            best = 0
            for a in range(A):
                x = Phi[s * A + a]
                q = 0.0
                for i in range(d):
                    q += w[h, i] * x[i]
                nrm = elliptical_norm(Linv[h], x)
                q = q + beta * nrm + c2 * nrm * nrm
                Q[h, s, a] = q if clip_v else min(q, float(H))
                if Q[h, s, a] > Q[h, s, best]:
                    best = a
            pi[h, s] = best
            V[h, s] = min(Q[h, s, best], float(H))  # a no-op under "q"


@njit
def _lsvi_kernel(P2, r3, P_cdf, mu0, mu0_cdf, Phi, u, beta, c2, clip_v, lam, values, returns, upper):
    K, H = u.shape[0], u.shape[1] - 1
    S, d = mu0.shape[0], Phi.shape[1]
    A = Phi.shape[0] // S
    Linv = np.zeros((H, d, d))
    for h in range(H):
        for i in range(d):
            Linv[h, i, i] = 1.0 / lam
    bvec, M, w = np.zeros((H, d)), np.zeros((H, d, S)), np.zeros((H, d))
    Q, V, Vpi = np.zeros((H, S, A)), np.zeros((H + 1, S)), np.zeros((H + 1, S))
    pi = np.zeros((H, S), np.int64)
    states, actions = np.zeros(H + 1, np.int64), np.zeros(H, np.int64)
    for k in range(K):
        _lsvi_plan(Linv, bvec, M, Phi, beta, c2, clip_v, w, Q, V, pi)
        upper[k] = 0.0
        for s in range(S):
            upper[k] += mu0[s] * V[0, s]
        values[k] = evaluate_deterministic(P2, r3, mu0, pi, Vpi)
        returns[k] = rollout(P_cdf, r3, mu0_cdf, pi, u[k], states, actions)
        for h in range(H):
            x = Phi[states[h] * A + actions[h]]
            sherman_morrison_update(Linv[h], x)
            r = r3[h, states[h], actions[h]]
            for i in range(d):
                bvec[h, i] += r * x[i]
                M[h, i, states[h + 1]] += x[i]


def _prepare(mdp: LinearMDP, K: int, config: LSVIUCBConfig, noise: np.random.Generator):
    if not isinstance(mdp, LinearMDP):
        raise TypeError(f"lsvi_ucb needs a LinearMDP, got {type(mdp).__name__}")
    if not isinstance(config, LSVIUCBConfig):
        raise TypeError(f"config must be an LSVIUCBConfig, got {type(config).__name__}")
    if isinstance(K, bool) or int(K) != K or K < 1:
        raise ValueError(f"K (number of episodes) must be an integer >= 1, got {K!r}")
    K = int(K)
    m = episode_model(mdp.to_tabular())
    Phi = np.ascontiguousarray(mdp.phi.reshape(mdp.S * mdp.A, mdp.d))
    return K, lsvi_ucb_beta(mdp.d, mdp.H, K, config), m, Phi, draw_uniforms(noise, K, mdp.H + 1)


def lsvi_ucb(mdp: LinearMDP, K: int, config: LSVIUCBConfig, noise: np.random.Generator) -> EpisodicResult:
    """Run LSVI-UCB for K episodes (one compiled kernel call).

    Parameters
    ----------
    mdp : LinearMDP
        Features phi (S, A, d) are known to the learner; mu and theta only simulate and
        evaluate (through the exact induced tabular model).
    K : int >= 1
    config : LSVIUCBConfig
    noise : numpy.random.Generator
        All K x (H + 1) trajectory uniforms are drawn from it up front.

    Returns
    -------
    EpisodicResult
        ``values`` (K,) exact V^{pi_k}_1, ``returns`` (K,), ``diagnostics["upper"]`` (K,) the
        optimistic estimate mu0 . V_1 of each episode.

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), "Provably efficient reinforcement learning with linear
    function approximation", COLT, Algorithm 1, Theorem 3.1.
    """
    K, beta, m, Phi, u = _prepare(mdp, K, config, noise)
    values, returns, upper = np.empty(K), np.empty(K), np.empty(K)
    _lsvi_kernel(m.P2, m.r3, m.P_cdf, m.mu0, m.mu0_cdf, Phi, u, beta, float(config.bonus_quadratic),
                 config.clip == "v", float(config.lam), values, returns, upper)
    return EpisodicResult(values, returns, {"upper": upper})


def lsvi_ucb_numpy(mdp: LinearMDP, K: int, config: LSVIUCBConfig, noise: np.random.Generator) -> EpisodicResult:
    """Plain-numpy LSVI-UCB: the same update as :func:`lsvi_ucb`, vectorised per stage.

    Actions agree with :func:`lsvi_ucb` exactly and values to round-off.

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), Algorithm 1.
    """
    K, beta, m, Phi, u = _prepare(mdp, K, config, noise)
    H, S, A, d = mdp.H, mdp.S, mdp.A, mdp.d
    Linv = np.tile(np.eye(d) / config.lam, (H, 1, 1))
    bvec, M = np.zeros((H, d)), np.zeros((H, d, S))
    V, pi = np.zeros((H + 1, S)), np.zeros((H, S), np.int64)
    values, returns, upper = np.empty(K), np.empty(K), np.empty(K)
    for k in range(K):
        for h in range(H - 1, -1, -1):
            w = Linv[h] @ (bvec[h] + M[h] @ V[h + 1])
            width = np.sqrt(np.maximum(np.einsum("nd,de,ne->n", Phi, Linv[h], Phi), 0.0))
            Q = (Phi @ w + beta * width + config.bonus_quadratic * width * width).reshape(S, A)
            Q = Q if config.clip == "v" else np.minimum(Q, float(H))
            pi[h], V[h] = Q.argmax(1), np.minimum(Q.max(1), float(H))
        upper[k] = m.mu0 @ V[0]
        values[k] = evaluate_deterministic_numpy(m.P2, m.r3, m.mu0, pi)
        states, actions, returns[k] = rollout_numpy(m.P_cdf, m.r3, m.mu0_cdf, pi, u[k])
        for h in range(H):
            x = Phi[states[h] * A + actions[h]]
            sherman_morrison_update_numpy(Linv[h], x)
            bvec[h] += m.r3[h, states[h], actions[h]] * x
            M[h, :, states[h + 1]] += x
    return EpisodicResult(values, returns, {"upper": upper})
