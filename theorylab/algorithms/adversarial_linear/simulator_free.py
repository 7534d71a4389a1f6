"""Simulator-free linear-MDP policy optimization (spec §3.3): LB-PO-LinMDP and LUO21-SF.

EXPERIMENTAL.  The paper (Dai, Luo, Wei, Zimmert 2023) states only the rate O~(K^{8/9})
for its Algorithm 3 and that it "extends Algorithm 1 and replaces MGR by a better
covariance-inverse estimator"; neither the algorithm box nor the schedule is available.
This module implements the Luo et al. (2021) simulator-free template of spec §3.3 with the
two announced substitutions (log-barrier FTRL, direct covariance inverse):

* phase 0: T_0 episodes of the cover policy (here the uniform policy: an idealisation of
  the reward-free policy cover, adequate on the synthetic instances whose uniform policy
  reaches every feature direction; reconstruction, see spec §3.3);
* epochs of W episodes with a fixed policy pi_j; each episode plays the cover with
  probability delta_e (Y = 1), else pi_j; episodes t of the epoch go round-robin to D1
  (t mod 3 = 0, covariance), D2 (= 1, loss estimate) and D3 (= 2, bonus regression);
* Sinv_h = (gamma I + Sigma~_h)^{-1} from D1 (``direct``: action-averaged empirical
  covariance of the played mixture; ``mgr``: Matrix Geometric Resampling on D1);
* theta_h = Sinv_h mean_{t in D2} (1 - Y_t) phi(s_th, a_th) L_th, Q-hat = phi theta;
* b_j = beta ||phi||^2_Sinv + beta E_{pi_j} ||phi||^2_Sinv and B-hat by optimistic
  least-squares policy evaluation on D3 (:func:`lspe_bonus`);
* C_h += W (Q-hat - B-hat), solver log-barrier (LB-PO-LinMDP) or exponential weights (LUO21-SF).

The schedule is a set of K-power fields x_coef * K^x_pow (spec §3.3 asks for exactly this);
every default is OURS (no paper value exists), chosen so that each linear-cost term of spec
Appendix A.4 grows at most like K^{8/9} (LB-PO-LinMDP) or K^{14/15} (LUO21-SF).  A run is one numba
kernel call (:mod:`theorylab.kernels.adversarial_linear_simfree`, all uniforms drawn up front);
:func:`run_simulator_free_numpy` is the epoch-vectorised numpy reference it is tested against.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from ...kernels.adversarial_linear_cov import cov_mgr_numpy, occupancy_numpy, rollouts_numpy
from ...kernels.adversarial_linear_ftrl import policy_from_losses_numpy
from ...kernels.adversarial_linear_simfree import simfree_run
from ...problems.adversarial import AdversarialMDP
from ._base import DIAGNOSTICS, AdversarialResult

__all__ = ["SimulatorFreeConfig", "LBPOLinMDPConfig", "LUO21SimFreeConfig", "run_simulator_free",
           "lspe_bonus", "run_simulator_free_numpy"]

_POW = ("t0", "explore", "epoch", "gamma", "beta", "eta", "rho")


@dataclass(frozen=True)
class SimulatorFreeConfig:
    """Epoch-based simulator-free policy optimization (spec §3.3 template).

    Each schedule quantity q in (t0, explore, epoch, gamma, beta, eta, rho) is
    ``q_coef * K ** q_pow``: T_0 = ceil(t0), delta_e = min(1, explore), W = max(3, ceil(epoch)),
    gamma, beta, eta, rho as given.  All defaults are ours (reconstruction; see spec §3.3 and
    Appendix A.4: "exponents/constants of the schedule are not available").

    Parameters
    ----------
    experimental : bool
        Must be True: the algorithm and schedule are reconstructions, not the paper's.
    cov_mode : {"direct", "mgr"}
        Covariance-inverse estimator on D1 (reconstruction; see spec §3.0(b) and §3.3).
    mgr_step : float in (0, 1]; MGR step c; the run uses min(mgr_step, 1 / (1 + gamma)) so
        that c (1 + gamma) <= 1 holds (spec §3.0(b)2); the value used is in ``params``.
    ridge : float > 0; ridge of the LSPE regression Lambda = ridge I + sum phi phi^T
        (spec §3.3 uses 1; reconstruction).
    bonus_cap : float > 0; B_max = bonus_cap * H * max b caps the LSPE bonus (spec §3.3 names
        a B_max without a value; 3 is ours: reconstruction; see spec §3.3).
    couple_gamma : bool
        Enforce gamma >= 2 eta W H so that eta W |Q-hat| <= 1/2 (Luo et al.'s coupling,
        spec Appendix A.3; used by LUO21-SF).
    t0_coef, t0_pow, explore_coef, explore_pow, epoch_coef, epoch_pow, gamma_coef,
    gamma_pow, beta_coef, beta_pow, eta_coef, eta_pow, rho_coef, rho_pow : float
        The K-power schedule (coefs > 0; powers in [-1, 1]).

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), ICML, Algorithm 3 (structure only, rate K^{8/9});
    Luo, Wei, Lee (2021), NeurIPS, simulator-free linear-MDP algorithm (template, K^{14/15});
    spec §3.3, Appendix A.4.
    """

    experimental: bool = False
    cov_mode: str = "direct"
    mgr_step: float = 0.5
    ridge: float = 1.0
    couple_gamma: bool = False
    t0_coef: float = 1.0
    t0_pow: float = 2.0 / 3.0
    explore_coef: float = 1.0
    explore_pow: float = -1.0 / 9.0
    epoch_coef: float = 1.0
    epoch_pow: float = 1.0 / 3.0
    gamma_coef: float = 1.0
    gamma_pow: float = -1.0 / 3.0
    beta_coef: float = 1.0
    beta_pow: float = -1.0 / 3.0
    eta_coef: float = 1.0
    eta_pow: float = -2.0 / 3.0
    rho_coef: float = 0.1
    rho_pow: float = 0.0
    bonus_cap: float = 3.0

    name: ClassVar[str] = "SF-PO"
    solver: ClassVar[str] = "log_barrier"

    def __post_init__(self):
        if self.experimental is not True:
            raise ValueError(f"experimental must be True (Algorithm 3's schedule is a reconstruction, "
                             f"not the paper's; spec §3.3), got {self.experimental!r}")
        if self.cov_mode not in ("direct", "mgr"):
            raise ValueError(f"cov_mode must be 'direct' or 'mgr', got {self.cov_mode!r}")
        for n in ("mgr_step", "ridge", "bonus_cap"):
            v = getattr(self, n)
            if not (isinstance(v, (int, float)) and math.isfinite(v) and v > 0) or (n == "mgr_step" and v > 1):
                raise ValueError(f"{n} must be a finite float in {'(0, 1]' if n == 'mgr_step' else '(0, inf)'}, "
                                 f"got {v!r}")
        for q in _POW:
            c, p = getattr(self, q + "_coef"), getattr(self, q + "_pow")
            if not (isinstance(c, (int, float)) and math.isfinite(c) and c > 0):
                raise ValueError(f"{q}_coef must be a finite float > 0, got {c!r}")
            if not (isinstance(p, (int, float)) and -1.0 <= p <= 1.0):
                raise ValueError(f"{q}_pow must be a float in [-1, 1], got {p!r}")

    def parameters(self, K: int, H: int) -> dict:
        """Schedule at K: T0, delta_e, W, gamma, beta, eta, rho, mgr_step (and the solver name).

        References
        ----------
        Spec §3.3 (K-power schedules; defaults ours).
        """
        if K < 1:
            raise ValueError(f"K must be >= 1, got {K}")
        v = {q: getattr(self, q + "_coef") * float(K) ** getattr(self, q + "_pow") for q in _POW}
        W = max(3, int(math.ceil(v["epoch"])))
        gamma = max(v["gamma"], 2 * v["eta"] * W * H) if self.couple_gamma else v["gamma"]
        return {"mgr_step": min(self.mgr_step, 1.0 / (1.0 + gamma)), "T0": min(K, int(math.ceil(v["t0"]))), "delta": min(1.0, v["explore"]), "W": W,
                "gamma": gamma, "beta": v["beta"], "eta": v["eta"], "rho": v["rho"],
                "solver": self.solver, "cov_mode": self.cov_mode}


@dataclass(frozen=True)
class LBPOLinMDPConfig(SimulatorFreeConfig):
    """LB-PO-LinMDP (Algorithm 3, reconstruction): log-barrier FTRL + direct inverse.

    Default exponents (ours): T_0 = K^{2/3}, delta_e = K^{-1/9} (exploration cost K^{8/9}),
    W = K^{1/3}, gamma = beta = K^{-1/3}, eta = K^{-2/3}, rho = 0.1.

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), ICML, Algorithm 3 (structure); spec §3.3.
    """

    name: ClassVar[str] = "LB-PO-LinMDP"
    solver: ClassVar[str] = "log_barrier"


@dataclass(frozen=True)
class LUO21SimFreeConfig(SimulatorFreeConfig):
    """LUO21-SF: Luo et al.'s simulator-free template (exp weights, MGR, gamma >= 2 eta W H).

    Defaults (ours, reconstruction of the K^{14/15} schedule): as LB-PO-LinMDP but
    ``cov_mode="mgr"``, ``couple_gamma=True`` and delta_e = K^{-1/15}.

    References
    ----------
    Luo, Wei, Lee (2021), NeurIPS, simulator-free linear-MDP algorithm (K^{14/15});
    spec §3.3 and §3.4.
    """

    cov_mode: str = "mgr"
    couple_gamma: bool = True
    explore_pow: float = -1.0 / 15.0

    name: ClassVar[str] = "LUO21-SF"
    solver: ClassVar[str] = "exp_weights"


def lspe_bonus(phi, pi, b, states, actions, ridge: float, rho: float, b_max: float,
               weights=None) -> np.ndarray:
    """Optimistic least-squares dilated bonus B-hat (H, S, A) from trajectories (spec §3.3).

    For h = H-1..0: Lambda = ridge I + sum_t phi_t phi_t^T over the trajectories' (s_th, a_th),
    w = Lambda^{-1} sum_t phi_t Bbar(s_{t,h+1}) and
    B-hat_h = min(b_max, b_h + (1 + 1/H)(phi^T w + rho ||phi||_{Lambda^{-1}})), with
    Bbar(s) = sum_a pi(a|s) B-hat(s, a) and nothing beyond the last layer.  In a linear MDP
    E[Bbar(s_{h+1}) | s, a] = phi(s, a)^T w* exactly, so with noiseless targets, ridge -> 0
    and rho = 0 this reproduces the exact dilated bonus of spec §3.0(c).

    Parameters
    ----------
    phi : ndarray (H, S, A, d); pi, b : ndarray (H, S, A)
    states, actions : ndarray(int, (n, H)) trajectories (any behaviour policy)
    ridge, rho : float >= 0 (ridge > 0); b_max : float (inf allowed)
    weights : ndarray (n,) >= 0, optional; trajectory weights (exact-expectation tests)

    Returns
    -------
    ndarray (H, S, A)

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), LSVI-UCB (optimistic least squares); Luo, Wei, Lee
    (2021), NeurIPS, dilated bonuses without a simulator; spec §3.3.
    """
    H, S, A, d = phi.shape
    B = np.zeros((H, S, A))
    nxt_bar = np.zeros(S)
    wt = np.ones(states.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    for h in range(H - 1, -1, -1):
        F = phi[h, states[:, h], actions[:, h]]
        if h + 1 < H:
            lam_inv = np.linalg.inv(ridge * np.eye(d) + F.T @ (wt[:, None] * F))
            w = lam_inv @ (F.T @ (wt * nxt_bar[states[:, h + 1]]))
            width = np.sqrt(np.maximum(np.einsum("sai,ij,saj->sa", phi[h], lam_inv, phi[h]), 0.0))
            B[h] = np.minimum(b_max, b[h] + (1 + 1 / H) * (phi[h] @ w + rho * width))
        else:
            B[h] = np.minimum(b_max, b[h])
        nxt_bar = (pi[h] * B[h]).sum(-1)
    return B


def _rollout_mixture(P, pi, pi_cov, Y, u):
    """Trajectories (n, H) where episode t follows pi_cov if Y[t] else pi."""
    n, H = u.shape[:2]
    st, ac = np.zeros((n, H), np.int64), np.zeros((n, H), np.int64)
    for mask, pol in ((Y, pi_cov), (~Y, pi)):
        if mask.any():
            st[mask], ac[mask] = rollouts_numpy(P, pol, u[mask])
    return st, ac


def _epoch_estimates(problem, prm, pi, pi_cov, Y, st, ac, L, b_max_factor):
    """(Q-hat, B-hat) of one epoch from its D1/D2/D3 split."""
    phi, H, d = problem.phi, problem.H, problem.d
    part = np.arange(Y.size) % 3
    d1, d2, d3 = part == 0, part == 1, part == 2
    if prm["cov_mode"] == "direct":
        # action-averaged covariance of the played mixture: weight pi_t(a | s) of each episode
        Sinv = np.empty((H, d, d))
        for h in range(H):
            pol = np.where(Y[d1, None], pi_cov[h, st[d1, h]], pi[h, st[d1, h]])
            f = phi[h, st[d1, h]]
            Sinv[h] = np.linalg.inv(np.einsum("ta,tai,taj->ij", pol, f, f) / d1.sum() + prm["gamma"] * np.eye(d))
    else:
        Sinv = cov_mgr_numpy(phi, st[d1], ac[d1], prm["gamma"], prm["mgr_step"])
    f2 = phi[np.arange(H)[None, :], st[d2], ac[d2]]                   # (n2, H, d)
    g = ((~Y[d2])[:, None, None] * f2 * L[d2][:, :, None]).mean(0)    # (H, d)
    theta = np.einsum("hij,hj->hi", Sinv, g)
    qhat = np.einsum("hsad,hd->hsa", phi, theta)
    wn = np.einsum("hsai,hij,hsaj->hsa", phi, Sinv, phi)
    b = prm["beta"] * (wn + (pi * wn).sum(-1, keepdims=True))
    b_max = b_max_factor * H * b.max()
    B = lspe_bonus(phi, pi, b, st[d3], ac[d3], prm["ridge"], prm["rho"], b_max)
    return qhat, B


def _setup(problem, config, streams, stream_name):
    """Schedule and all randomness of a run, drawn up front: u (K, H, 2) and cover flags y (K,)."""
    if not isinstance(problem, AdversarialMDP):
        raise TypeError(f"problem must be an AdversarialMDP, got {type(problem).__name__}")
    K, H = problem.K, problem.H
    prm = dict(config.parameters(K, H), ridge=config.ridge, b_cap=config.bonus_cap)
    rng = streams.algorithm(stream_name or config.name)
    u = np.stack([rng.uniform(size=(K, H)), streams.noise.uniform(size=(K, H))], -1)
    y = rng.uniform(size=K) < prm["delta"]
    return prm, u, y


def run_simulator_free(problem: AdversarialMDP, config: SimulatorFreeConfig, streams, *,
                       stream_name: str | None = None, backend: str = "numba") -> AdversarialResult:
    """Run a simulator-free learner for the problem's K episodes.

    ``values[k]`` is the exact expected loss of episode k's randomised choice:
    V^{cov}_k(s_1) in phase 0 and delta_e V^{cov}_k + (1 - delta_e) V^{pi_j}_k in epoch j.
    Mixture flags Y use the algorithm stream, played actions too, transitions the noise
    stream; all uniforms are drawn before the run.  Diagnostics are per episode (constant
    within an epoch) on the fed scale W Q-hat.

    Parameters
    ----------
    problem : AdversarialMDP; config : SimulatorFreeConfig; streams : theorylab.rng.Streams
    stream_name : str, optional; algorithm stream name (default: the config's name)
    backend : {"numba", "numpy"}
        "numba": the whole run in one kernel call (:func:`~theorylab.kernels.adversarial_linear_simfree.simfree_run`);
        "numpy": the epoch-vectorised reference :func:`run_simulator_free_numpy`.  Both consume
        the same uniforms and agree to rounding.

    Returns
    -------
    AdversarialResult (values (K,), returns (K,), diagnostics dict of (K,), params)

    References
    ----------
    Spec §3.3 (template), §3.0(e) (exact bookkeeping), §4.3 (diagnostics).
    """
    if backend == "numpy":
        return run_simulator_free_numpy(problem, config, streams, stream_name=stream_name)
    if backend != "numba":
        raise ValueError(f"backend must be 'numba' or 'numpy', got {backend!r}")
    prm, u, y = _setup(problem, config, streams, stream_name)
    values, returns, diag = simfree_run(problem.P, problem.phi, problem.G, u, y, prm["T0"], prm,
                                        config.solver, config.cov_mode == "mgr")
    return AdversarialResult(values, returns, dict(zip(DIAGNOSTICS, diag)), prm)


def run_simulator_free_numpy(problem: AdversarialMDP, config: SimulatorFreeConfig, streams, *,
                             stream_name: str | None = None) -> AdversarialResult:
    """Plain-numpy reference of :func:`run_simulator_free` (a Python loop over the epochs).

    Parameters
    ----------
    problem : AdversarialMDP; config : SimulatorFreeConfig; streams : theorylab.rng.Streams
    stream_name : str, optional

    Returns
    -------
    AdversarialResult (values (K,), returns (K,), diagnostics dict of (K,), params)

    References
    ----------
    Spec §3.3 (template), §3.0(e) (exact bookkeeping), §4.3 (diagnostics).
    """
    prm, u, y_all = _setup(problem, config, streams, stream_name)
    K, H, S, A = problem.K, problem.H, problem.S, problem.A
    pi_cov = np.full((H, S, A), 1.0 / A)
    q_cov = occupancy_numpy(problem.P, pi_cov)
    C = np.zeros((H, S, A))
    values, returns = np.empty(K), np.empty(K)
    diag = {n: np.zeros(K) for n in DIAGNOSTICS}
    diag["entropy_s1"][:], diag["min_pi"][:] = math.log(A), 1.0 / A
    T0, W, eta = prm["T0"], prm["W"], prm["eta"]
    starts = [(0, T0, True)] + [(k, min(K, k + W), False) for k in range(T0, K, W)]
    for k0, k1, phase0 in starts:
        if k1 <= k0:
            continue
        ell = np.einsum("hsad,khd->khsa", problem.phi, problem.G[k0:k1])
        Y = np.ones(k1 - k0, bool) if phase0 else y_all[k0:k1]
        pi = pi_cov if phase0 else policy_from_losses_numpy(C, eta, config.solver)
        mix = 1.0 if phase0 else prm["delta"]
        q = mix * q_cov + (1 - mix) * occupancy_numpy(problem.P, pi)
        values[k0:k1] = np.einsum("hsa,khsa->k", q, ell)
        st, ac = _rollout_mixture(problem.P, pi, pi_cov, Y, u[k0:k1])
        played = ell[np.arange(k1 - k0)[:, None], np.arange(H)[None], st, ac]        # (n, H)
        returns[k0:k1] = played.sum(1)
        if phase0:
            continue
        diag["entropy_s1"][k0:k1] = -np.sum(pi[0, 0] * np.log(pi[0, 0]))
        diag["min_pi"][k0:k1] = pi.min()
        if k1 - k0 < 3:
            continue
        L = np.cumsum(played[:, ::-1], 1)[:, ::-1]
        qhat, B = _epoch_estimates(problem, prm, pi, pi_cov, Y, st, ac, L, prm["b_cap"])
        diag["big_negative_fraction"][k0:k1] = np.mean(eta * W * pi * qhat < -0.5)
        diag["max_abs_qhat"][k0:k1] = np.abs(qhat).max()
        diag["max_eta_bonus"][k0:k1] = eta * W * B.max()
        C += W * (qhat - B)
    return AdversarialResult(values, returns, diag, prm)
