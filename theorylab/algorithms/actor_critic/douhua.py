"""DOUHUA (tabular): on-policy optimistic actor-critic without rare switching, and NPG-LS.

Each episode t (spec §3.1): mirror-ascent step pi^(t) proportional to pi^(t-1) exp(eta f^(t-1)),
then the critic evaluates the CURRENT policy optimistically on the empirical model

    f_h(s, a) = clip(r_hat + P_hat V_{h+1} + c_b H sqrt(L / n), 0, H - h),   V_h(s) = <pi_h(.|s), f_h(s, .)>,

with unvisited pairs at H - h.  With ``optimistic=False`` (no bonus, unvisited pairs at
``unvisited_value``) it is the non-optimistic natural-policy-gradient / softmax
actor-critic with a least-squares (empirical-model) critic that fails to explore
(spec §3.4, §4.2 B2).  Step size eta = eta_scale sqrt(8 log|A| / (H^2 K)) (spec §3.1 [R]).
Rewards are observed as their means r_h(s, a) (the stochasticity is in the transitions);
the value V^{pi_t}_1 of every played policy and the OPT/ACT/BE terms are computed exactly
inside the kernel, so pseudo-regret is exact (design rule 1).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..._numba import njit
from ...kernels.actor_critic_core import (evaluate_decompose, evaluate_decompose_numpy, optimistic_q_backup,
                                          optimistic_q_backup_numpy, rollout, rollout_numpy, softmax_rows,
                                          softmax_rows_numpy)
from ...problems.tabular import TabularMDP
from .._result import EpisodicResult
from ._common import build_result, check_eta, check_in, draw_uniforms, model_arrays
from .switching import theory_eta

__all__ = ["DouhuaConfig", "douhua", "douhua_numpy"]


@dataclass(frozen=True)
class DouhuaConfig:
    """Configuration of tabular DOUHUA and of the non-optimistic NPG-LS baseline.

    Parameters
    ----------
    c_b : float >= 0
        Bonus scale.  Reconstruction; see spec §3.1 (tabular instantiation [D]).
    delta : float in (0, 1)
        Reconstruction; see spec §3.2 [D].
    eta : float > 0 or None
        Actor step size; None = eta_scale sqrt(8 log A / (H^2 K)).  Reconstruction; see spec §3.1.
    eta_scale : float > 0
    optimistic : bool
        False: no bonus and unvisited pairs at ``unvisited_value`` (NPG-LS baseline).
    unvisited_value : float >= 0
        Reconstruction; see spec §3.4.

    References
    ----------
    Tan, Fan, Wei (2025), ICML (DOUHUA, warm-up algorithm); Shani et al. (2020), ICML and
    Cai et al. (2020), ICML (optimistic policy optimisation).
    """

    c_b: float = 1.0
    delta: float = 0.05
    eta: float | None = None
    eta_scale: float = 1.0
    optimistic: bool = True
    unvisited_value: float = 0.0

    def __post_init__(self):
        check_in("c_b", self.c_b, 0.0, math.inf)
        check_in("delta", self.delta, 0.0, 1.0, lo_open=True, hi_open=True)
        check_eta(self.eta)
        if self.eta is not None and math.isinf(self.eta):
            raise ValueError(f"eta must be finite for DOUHUA (an on-policy critic needs a stochastic actor), got {self.eta!r}")
        check_in("eta_scale", self.eta_scale, 0.0, math.inf, lo_open=True, hi_open=True)
        check_in("unvisited_value", self.unvisited_value, 0.0, math.inf)

    def step_size(self, H: int, A: int, K: int) -> float:
        """The actor step size of a K-episode run."""
        if self.eta is not None:
            return float(self.eta)
        return self.eta_scale * theory_eta(1.0, A, H, K)


@njit
def _douhua_kernel(P, r, mu0, vstar0, u0, ua, us, fprm, optimistic, values, returns, decomp):
    H, S, A = r.shape
    bonus, eta, unvisited = fprm[0], fprm[1], fprm[2]
    n, nsas, R = np.zeros((H, S, A)), np.zeros((H, S, A, S)), np.zeros((H, S, A))
    Q, logits, pi = np.zeros((H, S, A)), np.zeros((H, S, A)), np.zeros((H, S, A))
    s_path, a_path, out = np.zeros(H + 1, np.int64), np.zeros(H, np.int64), np.zeros(4)
    for t in range(values.shape[0]):
        if t > 0:
            logits += eta * Q
        softmax_rows(logits, pi)
        optimistic_q_backup(n, nsas, R, pi, False, bonus, optimistic, unvisited, Q)
        evaluate_decompose(P, r, mu0, vstar0, pi, Q, out)
        values[t] = out[0]
        decomp[t, 0], decomp[t, 1], decomp[t, 2] = out[1], out[2], out[3]
        returns[t] = rollout(P, r, mu0, pi, u0[t], ua[t], us[t], s_path, a_path)
        for h in range(H):
            s, a = s_path[h], a_path[h]
            n[h, s, a] += 1.0
            nsas[h, s, a, s_path[h + 1]] += 1.0
            R[h, s, a] += r[h, s, a]


def _prepare(mdp, K, config, noise, algo):
    if not isinstance(config, DouhuaConfig):
        raise TypeError(f"config must be a DouhuaConfig, got {type(config).__name__}")
    if isinstance(K, bool) or int(K) != K or K < 1:
        raise ValueError(f"K must be an integer >= 1, got {K!r}")
    m = model_arrays(mdp)
    K, H, S, A = int(K), mdp.H, mdp.S, mdp.A
    L = math.log(S * A * H * K / config.delta)
    fprm = np.array([config.c_b * H * math.sqrt(L), config.step_size(H, A, K), config.unvisited_value])
    return m, draw_uniforms(K, H, noise, algo), fprm


def douhua(mdp: TabularMDP, K: int, config: DouhuaConfig, noise: np.random.Generator,
           algo: np.random.Generator) -> EpisodicResult:
    """Run tabular DOUHUA (or NPG-LS when ``config.optimistic`` is False) for K episodes.

    Parameters
    ----------
    mdp : TabularMDP; K : int; config : DouhuaConfig
    noise, algo : numpy.random.Generator (environment noise; action sampling)

    Returns
    -------
    EpisodicResult
        values, returns (K,); diagnostics ``switch`` (all ones: the critic changes every
        episode), ``opt``, ``act``, ``be`` (K,), ``vstar`` (1,), ``eta`` (1,).

    References
    ----------
    Tan, Fan, Wei (2025), ICML (DOUHUA; tabular instantiation: reconstruction; see spec §3.1).
    """
    m, u, fprm = _prepare(mdp, K, config, noise, algo)
    K = int(K)
    values, returns, decomp = np.zeros(K), np.zeros(K), np.zeros((K, 3))
    _douhua_kernel(m.P, m.r, m.mu0, m.vstar0, u.u0, u.ua, u.us, fprm, bool(config.optimistic),
                   values, returns, decomp)
    return build_result(values, returns, np.ones(K, np.int64), decomp, vstar=np.array([m.vstar]),
                        eta=fprm[1:2].copy())


def douhua_numpy(mdp: TabularMDP, K: int, config: DouhuaConfig, noise: np.random.Generator,
                 algo: np.random.Generator) -> EpisodicResult:
    """Plain-numpy reference of :func:`douhua`.

    References
    ----------
    Tan, Fan, Wei (2025), ICML (reconstruction; see spec §3.1).
    """
    m, u, (bonus, eta, unv) = _prepare(mdp, K, config, noise, algo)
    K, (H, S, A), opt = int(K), m.r.shape, bool(config.optimistic)
    n, nsas, R = np.zeros((H, S, A)), np.zeros((H, S, A, S)), np.zeros((H, S, A))
    Q, logits = np.zeros((H, S, A)), np.zeros((H, S, A))
    values, returns, decomp = np.zeros(K), np.zeros(K), np.zeros((K, 3))
    hs = np.arange(H)
    for t in range(K):
        logits = logits + eta * Q if t > 0 else logits
        pi = softmax_rows_numpy(logits)
        Q = optimistic_q_backup_numpy(n, nsas, R, pi, False, bonus, opt, unv)
        out = evaluate_decompose_numpy(m.P, m.r, m.mu0, m.vstar0, pi, Q)
        values[t], decomp[t] = out[0], out[1:]
        sp, ap, returns[t] = rollout_numpy(m.P, m.r, m.mu0, pi, u.u0[t], u.ua[t], u.us[t])
        np.add.at(n, (hs, sp[:-1], ap), 1.0)
        np.add.at(nsas, (hs, sp[:-1], ap, sp[1:]), 1.0)
        np.add.at(R, (hs, sp[:-1], ap), m.r[hs, sp[:-1], ap])
    return build_result(values, returns, np.ones(K, np.int64), decomp, vstar=np.array([m.vstar]),
                        eta=np.array([eta]))
