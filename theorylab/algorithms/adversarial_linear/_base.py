"""Shared configuration, result type, runner and regret bookkeeping for linear-Q policy optimization.

Every algorithm of this package is a frozen config whose :meth:`schedule` maps (K, H, d, A)
to (eta, beta, gamma) and whose class attributes pick the per-state solver and the
estimator; :func:`run` feeds the problem, the config's parameters and uniforms drawn from
the cell's streams into the one numba episode loop of :mod:`._loop`.
"""
from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from ...planning import best_fixed_policy
from ...problems.adversarial import AdversarialMDP
from ...kernels.adversarial_linear_ftrl import SOLVERS
from ._loop import COV_MODES, episode_loop

__all__ = ["PolicyOptimizationConfig", "AdversarialResult", "run", "pseudo_regret", "draw_uniforms",
           "log_k", "DIAGNOSTICS", "MAX_SIMULATOR_UNIFORMS"]

DIAGNOSTICS = ("big_negative_fraction", "max_abs_qhat", "max_eta_bonus", "entropy_s1", "min_pi")
MAX_SIMULATOR_UNIFORMS = 50_000_000


def _positive_or_none(name: str, v) -> None:
    if v is not None and not (isinstance(v, (int, float)) and math.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be None (derived from K) or a finite float > 0, got {v!r}")


@dataclass(frozen=True)
class PolicyOptimizationConfig(ABC):
    """Fields shared by every linear-Q policy-optimization learner.

    Parameters
    ----------
    cov_mode : {"exact", "mgr", "direct"}
        Covariance-inverse estimator (spec §3.0(b)); "exact" is an idealised simulator with
        infinitely many rollouts (reconstruction; see spec §3.0(b)1).
    n_cov_samples : int >= 1 or None
        Simulator rollouts M per episode in the sampled modes; None uses the spec's formula
        (mgr: ln(K/gamma)/(c gamma); direct: 2(1+eps/3) ln(2dK)/(gamma eps^2)).
    mgr_step : float in (0, 1]
        MGR step c; must satisfy c (1 + gamma) <= 1 (spec §3.0(b)2).
    eta, beta, gamma : float > 0 or None
        Override the derived learning rate, bonus scale and covariance regulariser.
    eta_scale : float > 0
        Multiplies the derived eta before beta and gamma are derived from it (1 = the
        spec's schedule; reconstruction; see spec Appendix A).

    References
    ----------
    Spec ``ftrl_adversarial_mdp.md`` §3.0 and §7.13 (every unverified choice is a field).
    """

    cov_mode: str = "exact"
    n_cov_samples: int | None = None
    mgr_step: float = 0.5
    eta: float | None = None
    beta: float | None = None
    gamma: float | None = None
    eta_scale: float = 1.0

    name: ClassVar[str] = "po"
    solver: ClassVar[str] = "exp_weights"
    fullinfo: ClassVar[bool] = False

    def __post_init__(self):
        if self.cov_mode not in COV_MODES:
            raise ValueError(f"cov_mode must be one of {tuple(COV_MODES)}, got {self.cov_mode!r}")
        if self.n_cov_samples is not None and (int(self.n_cov_samples) != self.n_cov_samples
                                               or self.n_cov_samples < 1):
            raise ValueError(f"n_cov_samples must be None or an integer >= 1, got {self.n_cov_samples!r}")
        if not 0 < self.mgr_step <= 1:
            raise ValueError(f"mgr_step must lie in (0, 1], got {self.mgr_step!r}")
        for n in ("eta", "beta", "gamma"):
            _positive_or_none(n, getattr(self, n))
        _positive_or_none("eta_scale", self.eta_scale)

    @abstractmethod
    def schedule(self, K: int, H: int, d: int, A: int) -> tuple:
        """Derived (eta, beta, gamma) for K episodes (abstract: every concrete config defines it)."""

    def clip(self, eta: float) -> float:
        """Magnitude-reduction threshold c: Q~ = max(Q-hat, -c) (inf: raw estimator)."""
        return math.inf

    def centered(self) -> bool:
        """Whether the magnitude reduction is centred at the policy's mean (spec §3.2)."""
        return False

    def parameters(self, K: int, H: int, d: int, A: int) -> dict:
        """All loop parameters for a problem of size (K, H, d, A).

        References
        ----------
        Spec Appendix A (derived parameters).
        """
        eta, beta, gamma = self.schedule(K, H, d, A)
        eta = self.eta if self.eta is not None else eta
        beta = self.beta if self.beta is not None else beta
        gamma = self.gamma if self.gamma is not None else gamma
        if self.cov_mode == "mgr" and self.mgr_step * (1 + gamma) > 1:
            raise ValueError(f"mgr_step * (1 + gamma) must be <= 1, got {self.mgr_step} * (1 + {gamma:.3g})")
        return {"solver": SOLVERS[self.solver], "eta": float(eta), "beta": float(beta),
                "gamma": float(gamma), "clip": float(self.clip(eta)), "centered": bool(self.centered()),
                "fullinfo": bool(self.fullinfo), "cov_mode": COV_MODES[self.cov_mode],
                "c_mgr": float(self.mgr_step), "M": self._samples(K, H, d, eta, beta, gamma)}

    def _samples(self, K, H, d, eta, beta, gamma) -> int:
        if self.cov_mode == "exact" or self.fullinfo or self.solver == "uniform":
            return 0
        if self.n_cov_samples is not None:
            return int(self.n_cov_samples)
        if self.cov_mode == "mgr":
            return int(math.ceil(math.log(K / gamma) / (self.mgr_step * gamma)))
        eps = min(0.5, math.sqrt(max(beta, 1e-300) / (H * H * math.sqrt(K))))
        return int(math.ceil(2 * (1 + eps / 3) * math.log(2 * d * K) / (gamma * eps * eps)))


def log_k(K: int) -> float:
    """ln K floored at ln 2 so that K = 1 gives a positive learning rate.

    References
    ----------
    Spec Appendix A (every schedule uses ln K).
    """
    return math.log(max(K, 2))


@dataclass(frozen=True)
class AdversarialResult:
    """Outcome of one run.

    Attributes
    ----------
    values : ndarray(float, (K,)), exact expected loss V^{pi_k}_k(s_1) of the played policy
    returns : ndarray(float, (K,)), realised loss of the played trajectory
    diagnostics : dict name -> ndarray (K,), see ``DIAGNOSTICS`` (spec §4.3)
    params : dict, the loop parameters actually used (eta, beta, gamma, clip, M, ...)

    References
    ----------
    Design rule 1 (truth is exact); spec §3.0(e) and §4.3.
    """

    values: np.ndarray
    returns: np.ndarray
    diagnostics: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)


def draw_uniforms(problem: AdversarialMDP, params: dict, alg_rng: np.random.Generator,
                  noise_rng: np.random.Generator) -> tuple:
    """Uniforms (u_act (K, H), u_env (K, H), u_cov (K, M, H, 2)) for the loop.

    Actions and simulator rollouts use the algorithm's stream, transitions the shared noise
    stream (paired comparisons across algorithms, design rule 3).

    References
    ----------
    Design rule 3.
    """
    K, H, M = problem.K, problem.H, params["M"]
    if K * M * H * 2 > MAX_SIMULATOR_UNIFORMS:
        raise ValueError(f"K * M * H * 2 = {K * M * H * 2:.3g} simulator uniforms exceed "
                         f"{MAX_SIMULATOR_UNIFORMS:.0e}; use cov_mode='exact' or a smaller n_cov_samples")
    u_act = alg_rng.uniform(size=(K, H))
    u_cov = alg_rng.uniform(size=(K, M, H, 2))
    return u_act, noise_rng.uniform(size=(K, H)), u_cov


def run(problem: AdversarialMDP, config: PolicyOptimizationConfig, streams, *,
        stream_name: str | None = None) -> AdversarialResult:
    """Run ``config``'s learner for the problem's K episodes.

    Parameters
    ----------
    problem : AdversarialMDP
    config : PolicyOptimizationConfig subclass
    streams : theorylab.rng.Streams (uses ``streams.algorithm(name)`` and ``streams.noise``)
    stream_name : str, optional; the algorithm stream's key (default ``config.name``)

    Returns
    -------
    AdversarialResult

    References
    ----------
    Spec §3.1-§3.4; ``docs/architecture.md`` (run(problem, config, streams) -> Result).
    """
    if not isinstance(problem, AdversarialMDP):
        raise TypeError(f"problem must be an AdversarialMDP, got {type(problem).__name__}")
    params = config.parameters(problem.K, problem.H, problem.d, problem.A)
    u_act, u_env, u_cov = draw_uniforms(problem, params, streams.algorithm(stream_name or config.name),
                                        streams.noise)
    values, returns, diag, _ = episode_loop(problem.P, problem.phi, problem.G, u_act, u_env, u_cov, params)
    return AdversarialResult(values, returns, {n: diag[:, i] for i, n in enumerate(DIAGNOSTICS)}, params)


def pseudo_regret(problem: AdversarialMDP, values, checkpoints) -> np.ndarray:
    """Exact pseudo-regret sum_{k <= K_c} V^{pi_k}_k(s_1) - min_pi sum_{k <= K_c} V^pi_k(s_1).

    The comparator at each checkpoint is one minimising DP on the cumulative loss (spec §7.3).

    Parameters
    ----------
    values : ndarray(float, (K,)); checkpoints : ndarray(int, (C,)) in 1..K

    Returns
    -------
    ndarray(float, (C,))

    References
    ----------
    Zimin & Neu (2013) (best fixed policy in hindsight); spec §4.3.
    """
    cp = np.asarray(checkpoints, dtype=np.int64)
    cum = problem.cumulative_losses(cp)
    mdp = problem.tabular()
    best = np.array([best_fixed_policy(mdp, cum[i]).value for i in range(cp.size)])
    return np.cumsum(np.asarray(values, dtype=np.float64))[cp - 1] - best
