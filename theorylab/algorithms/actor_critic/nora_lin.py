"""NORA-Lin: optimistic rare-switching actor-critic on a linear MDP (Tan, Fan, Wei 2025).

Per stage h: Lambda_h = lam I + sum_tau phi_tau phi_tau^T over ALL data (offline + online).
Critic refit, only at a switch, backward over h (target Q*, spec §3.2.1):

    w_h = Lambda_h^{-1} sum_tau phi(s_h^tau, a_h^tau) [r_h^tau + V_{h+1}(s_{h+1}^tau)],
    Q_h(s, a) = clip(phi(s, a)^T w_h + beta ||phi(s, a)||_{Lambda_h^{-1}}, 0, H - h),
    V_h(s) = max_a Q_h(s, a),         beta = c_beta d H sqrt(log(2 d H K / delta)).

Switch (determinant doubling): before an episode, refit when log det Lambda_h - log det
Lambda_h^snap > log 2 for some h; log det is tracked by the matrix determinant lemma and
Lambda^{-1} by Sherman-Morrison (re-inverted at every refit and every 1000 updates).
Actor: as NORA-Tab (softmax of eta m_t Q^{(k)}, reset at switches; eta = inf is
rare-switching LSVI-UCB).  c_beta = 0 gives the non-optimistic NORA-LS.
Rewards are observed as their means r_h(s, a) (the stochasticity is in the transitions);
the value V^{pi_t}_1 of every played policy and the OPT/ACT/BE terms are computed exactly
inside the kernel, so pseudo-regret is exact (design rule 1).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..._numba import njit
from ...kernels.actor_critic_core import actor_step, actor_step_numpy, evaluate_decompose, evaluate_decompose_numpy
from ...kernels.actor_critic_core import rollout, rollout_numpy
from ...problems.linear import LinearMDP
from .._result import EpisodicResult
from ._common import build_result, check_eta, check_in, draw_uniforms, model_arrays
from .offline import OfflineData, empty
from .switching import det_doubling_bound, theory_eta

__all__ = ["NORALinConfig", "nora_lin", "nora_lin_numpy"]

_REFACTOR = 1000


@dataclass(frozen=True)
class NORALinConfig:
    """Configuration of NORA-Lin and its variants.

    Parameters
    ----------
    c_beta : float >= 0
        Bonus scale in beta = c_beta d H sqrt(log(2 d H K / delta)); 0 is NORA-LS.
        Reconstruction; see spec §3.2.1 (theory 1, practical 0.01-0.1).
    beta : float >= 0 or None
        Explicit bonus multiplier overriding c_beta (None: use c_beta).
    delta : float in (0, 1)
        Reconstruction; see spec §3.2 (default 0.05 [D]).
    lam : float > 0
        Ridge; reconstruction; see spec §3.2.1 (lambda = 1).
    eta : float > 0, inf or None
        Actor step; None = eta_scale sqrt(8 N_max log A / (H^2 K)) with
        N_max = H d log2(1 + K/(lam d)) + 1.  Reconstruction; see spec §3.2.1.
    eta_scale : float > 0
    resets : bool
        Reset the actor at switches (False: spec §4.2 B6 ablation).
    reset_plays_uniform : bool
        Reconstruction; see spec §3.2 (offset convention).

    References
    ----------
    Tan, Fan, Wei (2025), ICML (NORA); Jin, Yang, Wang, Jordan (2020), COLT (LSVI-UCB);
    Wang et al. (2021), NeurIPS (determinant-doubling rare switching).
    """

    c_beta: float = 1.0
    beta: float | None = None
    delta: float = 0.05
    lam: float = 1.0
    eta: float | None = None
    eta_scale: float = 1.0
    resets: bool = True
    reset_plays_uniform: bool = False

    def __post_init__(self):
        check_in("c_beta", self.c_beta, 0.0, math.inf)
        if self.beta is not None:
            check_in("beta", self.beta, 0.0, math.inf)
        check_in("delta", self.delta, 0.0, 1.0, lo_open=True, hi_open=True)
        check_in("lam", self.lam, 0.0, math.inf, lo_open=True, hi_open=True)
        check_eta(self.eta)
        check_in("eta_scale", self.eta_scale, 0.0, math.inf, lo_open=True)

    def bonus(self, d: int, H: int, K: int) -> float:
        """The bonus multiplier beta of a K-episode run."""
        if self.beta is not None:
            return float(self.beta)
        return self.c_beta * d * H * math.sqrt(math.log(2 * d * H * K / self.delta))

    def step_size(self, d: int, H: int, A: int, K: int) -> float:
        """The actor step size of a K-episode run."""
        if self.eta is not None:
            return float(self.eta)
        return self.eta_scale * theory_eta(float(det_doubling_bound(H, d, K, self.lam)), A, H, K)


@njit
def _lin_refit(phi, ds, da, dr, ds2, cnt, Lam, Linv, beta, Q):
    S, A, d = phi.shape
    H = Q.shape[0]
    V = np.zeros(S)
    for h in range(H - 1, -1, -1):
        Linv[h] = np.linalg.inv(Lam[h])
        b = np.zeros(d)
        for tau in range(cnt):
            b += phi[ds[tau, h], da[tau, h]] * (dr[tau, h] + V[ds2[tau, h]])
        w = Linv[h] @ b
        cap = float(H - h)
        for s in range(S):
            for a in range(A):
                f = phi[s, a]
                q = np.dot(f, w) + beta * math.sqrt(max(np.dot(f, Linv[h] @ f), 0.0))
                Q[h, s, a] = min(max(q, 0.0), cap)
            V[s] = np.max(Q[h, s])


@njit
def _lin_update(f, Lam_h, Linv_h):
    u = Linv_h @ f
    q = np.dot(f, u)
    Linv_h -= np.outer(u, u) / (1.0 + q)
    Lam_h += np.outer(f, f)
    return math.log1p(q)


@njit
def _nora_lin_kernel(phi, P, r, mu0, vstar0, u0, ua, us, ds, da, dr, ds2, n_off, fprm, iprm,
                     values, returns, switch, decomp):
    H, S, A = r.shape
    d = phi.shape[2]
    beta, lam, eta = fprm[0], fprm[1], fprm[2]
    resets, plays_uniform = iprm[0] == 1, iprm[1] == 1
    Lam = np.zeros((H, d, d))
    for h in range(H):
        Lam[h] = lam * np.eye(d)
        for tau in range(n_off):
            Lam[h] += np.outer(phi[ds[tau, h], da[tau, h]], phi[ds[tau, h], da[tau, h]])
    Linv, gap = np.zeros((H, d, d)), np.zeros(H)
    Q, logits, pi = np.zeros((H, S, A)), np.zeros((H, S, A)), np.zeros((H, S, A))
    s_path, a_path, out = np.zeros(H + 1, np.int64), np.zeros(H, np.int64), np.zeros(4)
    fire, since = True, 0
    for t in range(values.shape[0]):
        cnt = n_off + t
        if fire:
            _lin_refit(phi, ds, da, dr, ds2, cnt, Lam, Linv, beta, Q)
            gap[:] = 0.0
            switch[t], fire, since = 1, False, 0
            if resets:
                logits[:] = 0.0
        actor_step(Q, logits, pi, eta, plays_uniform and switch[t] == 1)
        evaluate_decompose(P, r, mu0, vstar0, pi, Q, out)
        values[t] = out[0]
        decomp[t, 0], decomp[t, 1], decomp[t, 2] = out[1], out[2], out[3]
        returns[t] = rollout(P, r, mu0, pi, u0[t], ua[t], us[t], s_path, a_path)
        since += 1
        for h in range(H):
            s, a = s_path[h], a_path[h]
            ds[cnt, h], da[cnt, h], dr[cnt, h], ds2[cnt, h] = s, a, r[h, s, a], s_path[h + 1]
            gap[h] += _lin_update(phi[s, a], Lam[h], Linv[h])
            if since >= _REFACTOR:
                Linv[h] = np.linalg.inv(Lam[h])
            fire = fire or gap[h] > math.log(2.0)
        since = 0 if since >= _REFACTOR else since


def _prepare(mdp: LinearMDP, K: int, config: NORALinConfig, noise, algo, offline):
    if not isinstance(mdp, LinearMDP):
        raise TypeError(f"mdp must be a LinearMDP, got {type(mdp).__name__}")
    if not isinstance(config, NORALinConfig):
        raise TypeError(f"config must be a NORALinConfig, got {type(config).__name__}")
    if isinstance(K, bool) or int(K) != K or K < 1:
        raise ValueError(f"K must be an integer >= 1, got {K!r}")
    K, H, S, A, d = int(K), mdp.H, mdp.S, mdp.A, mdp.d
    off = empty(H) if offline is None else offline
    if not isinstance(off, OfflineData):
        raise TypeError(f"offline must be OfflineData or None, got {type(off).__name__}")
    off.check_against(S, A, H)
    m = model_arrays(mdp.to_tabular())
    buf = [np.zeros((off.N + K, H), np.int64) for _ in range(2)] + [np.zeros((off.N + K, H))]
    buf.append(np.zeros((off.N + K, H), np.int64))
    for b, src in zip(buf, (off.s, off.a, off.rew, off.s2)):
        b[:off.N] = src
    fprm = np.array([config.bonus(d, H, K), config.lam, config.step_size(d, H, A, K)])
    iprm = np.array([int(config.resets), int(config.reset_plays_uniform)], dtype=np.int64)
    return m, draw_uniforms(K, H, noise, algo), buf, off.N, fprm, iprm


def nora_lin(mdp: LinearMDP, K: int, config: NORALinConfig, noise: np.random.Generator,
             algo: np.random.Generator, offline: OfflineData | None = None) -> EpisodicResult:
    """Run NORA-Lin (or Hybrid NORA-Lin / NORA-LS / RS-LSVI-UCB) for K episodes.

    Parameters
    ----------
    mdp : LinearMDP
    K : int
    config : NORALinConfig
    noise, algo : numpy.random.Generator (environment noise; action sampling)
    offline : OfflineData, optional (N_off trajectories added to every Lambda_h at t = 0)

    Returns
    -------
    EpisodicResult
        values (K,), returns (K,), diagnostics ``switch``, ``opt``, ``act``, ``be`` (K,),
        ``vstar`` (1,), ``eta`` (1,), ``beta`` (1,).

    References
    ----------
    Tan, Fan, Wei (2025), ICML (NORA; linear specialisation: reconstruction; see spec §3.2.1).
    """
    m, u, (ds, da, dr, ds2), n_off, fprm, iprm = _prepare(mdp, K, config, noise, algo, offline)
    K = int(K)
    values, returns, switch, decomp = np.zeros(K), np.zeros(K), np.zeros(K, np.int64), np.zeros((K, 3))
    phi = np.ascontiguousarray(mdp.phi)
    _nora_lin_kernel(phi, m.P, m.r, m.mu0, m.vstar0, u.u0, u.ua, u.us, ds, da, dr, ds2, n_off, fprm, iprm,
                     values, returns, switch, decomp)
    return build_result(values, returns, switch, decomp, vstar=np.array([m.vstar]), eta=fprm[2:3].copy(),
                        beta=fprm[0:1].copy())


def _refit_numpy(phi, ds, da, dr, ds2, Lam, beta):
    S, A, d = phi.shape
    H = Lam.shape[0]
    Q, V = np.zeros((H, S, A)), np.zeros(S)
    for h in range(H - 1, -1, -1):
        Linv = np.linalg.inv(Lam[h])
        F = phi[ds[:, h], da[:, h]]
        w = Linv @ (F.T @ (dr[:, h] + V[ds2[:, h]]))
        bon = np.sqrt(np.maximum(np.einsum("sai,ij,saj->sa", phi, Linv, phi), 0.0))
        Q[h] = np.clip(phi @ w + beta * bon, 0.0, H - h)
        V = Q[h].max(-1)
    return Q


def nora_lin_numpy(mdp: LinearMDP, K: int, config: NORALinConfig, noise: np.random.Generator,
                   algo: np.random.Generator, offline: OfflineData | None = None) -> EpisodicResult:
    """Plain-numpy reference of :func:`nora_lin` (explicit Gram matrices and slogdet).

    References
    ----------
    Tan, Fan, Wei (2025), ICML (reconstruction; see spec §3.2.1).
    """
    m, u, (ds, da, dr, ds2), n_off, fprm, iprm = _prepare(mdp, K, config, noise, algo, offline)
    K, (H, S, A), phi = int(K), m.r.shape, mdp.phi
    beta, lam, eta = fprm
    F0 = phi[ds[:n_off], da[:n_off]]
    Lam = lam * np.eye(mdp.d)[None] + np.einsum("nhi,nhj->hij", F0, F0)
    values, returns, switch, decomp = np.zeros(K), np.zeros(K), np.zeros(K, np.int64), np.zeros((K, 3))
    logits, fire, snap = np.zeros((H, S, A)), True, None
    for t in range(K):
        cnt = n_off + t
        if fire:
            Q = _refit_numpy(phi, ds[:cnt], da[:cnt], dr[:cnt], ds2[:cnt], Lam, beta)
            snap, switch[t], fire = np.linalg.slogdet(Lam)[1], 1, False
            logits = np.zeros_like(logits) if iprm[0] else logits
        logits, pi = actor_step_numpy(Q, logits, eta, bool(iprm[1] and switch[t]))
        out = evaluate_decompose_numpy(m.P, m.r, m.mu0, m.vstar0, pi, Q)
        values[t], decomp[t] = out[0], out[1:]
        sp, ap, returns[t] = rollout_numpy(m.P, m.r, m.mu0, pi, u.u0[t], u.ua[t], u.us[t])
        hs = np.arange(H)
        ds[cnt], da[cnt], dr[cnt], ds2[cnt] = sp[:-1], ap, m.r[hs, sp[:-1], ap], sp[1:]
        F = phi[sp[:-1], ap]
        Lam = Lam + np.einsum("hi,hj->hij", F, F)
        fire = bool(np.any(np.linalg.slogdet(Lam)[1] - snap > math.log(2.0)))
    return build_result(values, returns, switch, decomp, vstar=np.array([m.vstar]), eta=np.array([eta]),
                        beta=np.array([beta]))
