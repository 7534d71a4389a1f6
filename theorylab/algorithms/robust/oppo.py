"""Optimistic non-robust policy optimisation (OPPO-style), the non-robust PO baseline.

Identical to DR-RPO except that the evaluation is the nominal ridge regression
nu_h = Lambda_h^{-1} sum_tau phi_tau V_{h+1}(s'_tau) (rho = 0, no TV dual): it optimises the
nominal objective and ignores the uncertainty set.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...problems.robust import RobustLinearMDP
from ._config import LearnerConfig, check_beta, check_eta
from ._core import RobustRun, run_loop, step_sizes

__all__ = ["OPPOConfig", "run"]


@dataclass(frozen=True)
class OPPOConfig(LearnerConfig):
    """Configuration of optimistic non-robust PO.

    Parameters
    ----------
    beta : float >= 0, KL strength (default 0: plain OPPO)
    eta_rule : {"oppo", "anytime", "constant"} (reconstruction; see spec §3)
    eta : float > 0
    (plus the fields of :class:`._config.LearnerConfig`)

    References
    ----------
    Cai, Yang, Jin, Wang (2020), "Provably efficient exploration in policy optimization",
    ICML (OPPO); Zhong & Zhang (2023) (optimistic PPO for linear MDPs); spec §5.3.
    """

    beta: float = 0.0
    eta_rule: str = "oppo"
    eta: float = 1.0

    def __post_init__(self):
        super().__post_init__()
        check_beta(self.beta)
        check_eta(self.eta_rule, self.eta)


def run(problem: RobustLinearMDP, config: OPPOConfig, streams, name: str = "oppo", *,
        env=None) -> RobustRun:
    """Run optimistic non-robust PO on the nominal model of ``problem``.

    References
    ----------
    Cai et al. (2020), Algorithm 1 (with linear features, spec §5.3).
    """
    etas = step_sizes(config.eta_rule, config.eta, config.K, problem.H, problem.A)
    return run_loop(problem, streams, name, K=config.K, estimator="nominal", policy="mirror",
                    beta=config.beta, etas=etas, lam=config.lam, c_b=config.c_b,
                    bonus=config.bonus, clip=config.clip, env=env)
