"""NORA-Tab: optimistic rare-switching actor-critic on a tabular MDP (Tan, Fan, Wei 2025).

Critic (refit only at a switch, from ALL data, offline included; target Q*, spec §3.2.2):

    Q_h(s, a) = clip(r_hat + P_hat V_{h+1} + c_b H sqrt(L / n_h(s, a)), 0, H - h),   L = log(S A H K / delta),
    Q_h(s, a) = H - h for unvisited pairs,          V_h(s) = max_a Q_h(s, a).

Non-optimistic variant (NORA-LS, spec §3.4): no bonus, unvisited pairs get ``unvisited_value``.
Switch rule before each episode: count doubling (some n_h(s, a) left 0 or doubled since the
refit) or determinant doubling on one-hot features (sum_{s,a} log((lam+n)/(lam+n_snap)) > log 2
for some h).  Actor: logits += eta Q^{(k)} each episode, reset to 0 at a switch, so inside a
segment pi^{(t)} = softmax(eta m_t Q^{(k)}); eta = inf is the greedy actor (rare-switching
UCBVI / LSVI-UCB with one-hot features).  Hybrid NORA passes offline data (counts at t = 0).
Rewards are observed as their means r_h(s, a) (the stochasticity is in the transitions);
the value V^{pi_t}_1 of every played policy and the OPT/ACT/BE terms are computed exactly
inside the kernel, so pseudo-regret is exact (design rule 1).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..._numba import njit
from ...kernels.actor_critic_core import (actor_step, actor_step_numpy, evaluate_decompose,
                                          evaluate_decompose_numpy, optimistic_q_backup,
                                          optimistic_q_backup_numpy, rollout, rollout_numpy)
from ...problems.tabular import TabularMDP
from .._result import EpisodicResult
from ._common import build_result, check_eta, check_in, draw_uniforms, model_arrays
from .offline import OfflineData, empty
from .switching import count_doubling_bound, det_doubling_bound, theory_eta

__all__ = ["NORATabConfig", "nora_tab", "nora_tab_numpy"]

RULES = ("count", "det")


@dataclass(frozen=True)
class NORATabConfig:
    """Configuration of NORA-Tab and its variants.

    Parameters
    ----------
    c_b : float >= 0
        Bonus scale, b = c_b H sqrt(L/n).  Reconstruction; see spec §3.2.2 (theory c_b ~ 7).
    delta : float in (0, 1)
        Failure probability in L.  Reconstruction; see spec §3.2 (default 0.05 [D]).
    eta : float > 0, inf or None
        Actor step size; None = eta_scale * sqrt(8 N_max log A / (H^2 K)).  Reconstruction;
        see spec §3.2 and §7.6.
    eta_scale : float > 0
        Multiplier of the theory step size (spec §4.2 step-size experiment [D]).
    switch_rule : {"count", "det"}
        Count doubling (default) or one-hot determinant doubling.  Reconstruction; see spec §3.2.2.
    lam : float > 0
        Ridge of the determinant rule.  Reconstruction; see spec §3.2.2 (b).
    optimistic : bool
        False gives the non-optimistic NORA-LS.  See spec §3.4.
    unvisited_value : float >= 0
        Critic value of unvisited pairs when not optimistic.  Reconstruction; see spec §3.4.
    resets : bool
        Reset the actor to uniform at every switch (False: the spec §4.2 B6 ablation).
    reset_plays_uniform : bool
        The first episode of a segment plays uniform (m_t = t - t_k) instead of
        softmax(eta f) (m_t = t - t_k + 1).  Reconstruction; see spec §3.2 (offset convention).

    References
    ----------
    Tan, Fan, Wei (2025), "Actor-critics can achieve optimal sample efficiency", ICML
    (NORA); spec §3.2.
    """

    c_b: float = 1.0
    delta: float = 0.05
    eta: float | None = None
    eta_scale: float = 1.0
    switch_rule: str = "count"
    lam: float = 1.0
    optimistic: bool = True
    unvisited_value: float = 0.0
    resets: bool = True
    reset_plays_uniform: bool = False

    def __post_init__(self):
        check_in("c_b", self.c_b, 0.0, math.inf)
        check_in("delta", self.delta, 0.0, 1.0, lo_open=True, hi_open=True)
        check_eta(self.eta)
        check_in("eta_scale", self.eta_scale, 0.0, math.inf, lo_open=True)
        if self.switch_rule not in RULES:
            raise ValueError(f"switch_rule must be one of {RULES}, got {self.switch_rule!r}")
        check_in("lam", self.lam, 0.0, math.inf, lo_open=True, hi_open=True)
        check_in("unvisited_value", self.unvisited_value, 0.0, math.inf)

    def n_max(self, H: int, S: int, A: int, K: int) -> float:
        """The a-priori switch bound N_max used by the theory step size."""
        if self.switch_rule == "count":
            return float(count_doubling_bound(H, S, A, K))
        return float(det_doubling_bound(H, S * A, K, self.lam))

    def step_size(self, H: int, S: int, A: int, K: int) -> float:
        """The actor step size used for a run of K episodes."""
        if self.eta is not None:
            return float(self.eta)
        return self.eta_scale * theory_eta(self.n_max(H, S, A, K), A, H, K)


@njit
def _tab_count(h, s, a, s2, rew, n, nsas, R, snap, gap, lam, rule):
    old = n[h, s, a]
    n[h, s, a] = old + 1.0
    nsas[h, s, a, s2] += 1.0
    R[h, s, a] += rew
    if rule == 0:
        return snap[h, s, a] == 0.0 or old + 1.0 >= 2.0 * max(1.0, snap[h, s, a])
    gap[h] += math.log(lam + old + 1.0) - math.log(lam + old)
    return gap[h] > math.log(2.0)


@njit
def _nora_tab_kernel(P, r, mu0, vstar0, u0, ua, us, n, nsas, R, fprm, iprm,
                     values, returns, switch, decomp):
    H, S, A = r.shape
    bonus, lam, eta, unvisited = fprm[0], fprm[1], fprm[2], fprm[3]
    rule, optimistic, resets, plays_uniform = iprm[0], iprm[1] == 1, iprm[2] == 1, iprm[3] == 1
    Q, logits, pi = np.zeros((H, S, A)), np.zeros((H, S, A)), np.zeros((H, S, A))
    snap, gap = n.copy(), np.zeros(H)
    s_path, a_path = np.zeros(H + 1, np.int64), np.zeros(H, np.int64)
    out = np.zeros(4)
    fire = True
    for t in range(values.shape[0]):
        if fire:
            optimistic_q_backup(n, nsas, R, pi, True, bonus, optimistic, unvisited, Q)
            snap[:] = n
            gap[:] = 0.0
            switch[t] = 1
            fire = False
            if resets:
                logits[:] = 0.0
        actor_step(Q, logits, pi, eta, plays_uniform and switch[t] == 1)
        evaluate_decompose(P, r, mu0, vstar0, pi, Q, out)
        values[t] = out[0]
        decomp[t, 0], decomp[t, 1], decomp[t, 2] = out[1], out[2], out[3]
        returns[t] = rollout(P, r, mu0, pi, u0[t], ua[t], us[t], s_path, a_path)
        for h in range(H):
            s, a = s_path[h], a_path[h]
            if _tab_count(h, s, a, s_path[h + 1], r[h, s, a], n, nsas, R, snap, gap, lam, rule):
                fire = True


def _prepare(mdp: TabularMDP, K: int, config: NORATabConfig, noise, algo, offline):
    if not isinstance(config, NORATabConfig):
        raise TypeError(f"config must be a NORATabConfig, got {type(config).__name__}")
    if isinstance(K, bool) or int(K) != K or K < 1:
        raise ValueError(f"K must be an integer >= 1, got {K!r}")
    m = model_arrays(mdp)
    H, S, A = mdp.H, mdp.S, mdp.A
    off = empty(H) if offline is None else offline
    if not isinstance(off, OfflineData):
        raise TypeError(f"offline must be OfflineData or None, got {type(off).__name__}")
    off.check_against(S, A, H)
    n, nsas, R = np.zeros((H, S, A)), np.zeros((H, S, A, S)), np.zeros((H, S, A))
    hh = np.broadcast_to(np.arange(H), off.s.shape)
    np.add.at(n, (hh, off.s, off.a), 1.0)
    np.add.at(nsas, (hh, off.s, off.a, off.s2), 1.0)
    np.add.at(R, (hh, off.s, off.a), off.rew)
    u = draw_uniforms(int(K), H, noise, algo)
    eta = config.step_size(H, S, A, int(K))
    L = math.log(S * A * H * int(K) / config.delta)
    fprm = np.array([config.c_b * H * math.sqrt(L), config.lam, eta, config.unvisited_value])
    iprm = np.array([RULES.index(config.switch_rule), int(config.optimistic), int(config.resets),
                     int(config.reset_plays_uniform)], dtype=np.int64)
    return m, u, (n, nsas, R), fprm, iprm


def nora_tab(mdp: TabularMDP, K: int, config: NORATabConfig, noise: np.random.Generator,
             algo: np.random.Generator, offline: OfflineData | None = None) -> EpisodicResult:
    """Run NORA-Tab (or Hybrid NORA / NORA-LS / greedy RS-UCBVI) for K episodes.

    Parameters
    ----------
    mdp : TabularMDP
    K : int, number of episodes
    config : NORATabConfig
    noise : numpy.random.Generator, environment noise (initial and next states)
    algo : numpy.random.Generator, the algorithm's action sampling
    offline : OfflineData, optional, N_off trajectories that initialise the critic's counts

    Returns
    -------
    EpisodicResult
        values (K,) exact V^{pi_t}_1, returns (K,), diagnostics ``switch``, ``opt``,
        ``act``, ``be`` (K,) (spec §4.0, summing to V* - values) and ``vstar`` (1,), ``eta`` (1,).

    References
    ----------
    Tan, Fan, Wei (2025), ICML, NORA (tabular specialisation: reconstruction; see spec §3.2.2).
    """
    m, u, (n, nsas, R), fprm, iprm = _prepare(mdp, K, config, noise, algo, offline)
    K = int(K)
    values, returns = np.zeros(K), np.zeros(K)
    switch, decomp = np.zeros(K, np.int64), np.zeros((K, 3))
    _nora_tab_kernel(m.P, m.r, m.mu0, m.vstar0, u.u0, u.ua, u.us, n, nsas, R, fprm, iprm,
                     values, returns, switch, decomp)
    return build_result(values, returns, switch, decomp, vstar=np.array([m.vstar]), eta=fprm[2:3].copy())


def _fires_numpy(n, snap, rule, lam) -> bool:
    if rule == 0:
        return bool(np.any((snap == 0) & (n > 0)) or np.any(n >= 2 * np.maximum(1.0, snap)))
    gaps = (np.log(lam + n) - np.log(lam + snap)).sum(axis=(1, 2))
    return bool(np.any(gaps > math.log(2.0)))


def nora_tab_numpy(mdp: TabularMDP, K: int, config: NORATabConfig, noise: np.random.Generator,
                   algo: np.random.Generator, offline: OfflineData | None = None) -> EpisodicResult:
    """Plain-numpy reference of :func:`nora_tab` (vectorised refit, switch test from scratch).

    References
    ----------
    Tan, Fan, Wei (2025), ICML (reconstruction; see spec §3.2.2).
    """
    m, u, (n, nsas, R), fprm, iprm = _prepare(mdp, K, config, noise, algo, offline)
    K, (H, S, A) = int(K), m.r.shape
    bonus, lam, eta, unv = fprm
    rule, opt, resets, plays_uniform = (int(v) for v in iprm)
    values, returns, switch, decomp = np.zeros(K), np.zeros(K), np.zeros(K, np.int64), np.zeros((K, 3))
    logits, snap, fire = np.zeros((H, S, A)), n.copy(), True
    for t in range(K):
        if fire:
            Q = optimistic_q_backup_numpy(n, nsas, R, None, True, bonus, opt, unv)
            snap, switch[t], fire = n.copy(), 1, False
            logits = np.zeros_like(logits) if resets else logits
        logits, pi = actor_step_numpy(Q, logits, eta, bool(plays_uniform and switch[t]))
        out = evaluate_decompose_numpy(m.P, m.r, m.mu0, m.vstar0, pi, Q)
        values[t], decomp[t] = out[0], out[1:]
        sp, ap, returns[t] = rollout_numpy(m.P, m.r, m.mu0, pi, u.u0[t], u.ua[t], u.us[t])
        hs = np.arange(H)
        np.add.at(n, (hs, sp[:-1], ap), 1.0)
        np.add.at(nsas, (hs, sp[:-1], ap, sp[1:]), 1.0)
        np.add.at(R, (hs, sp[:-1], ap), m.r[hs, sp[:-1], ap])
        fire = _fires_numpy(n, snap, rule, lam)
    return build_result(values, returns, switch, decomp, vstar=np.array([m.vstar]), eta=np.array([eta]))
