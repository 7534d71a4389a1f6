"""DR-LSVI-UCB: optimistic robust least-squares value iteration (Liu & Xu 2024).

Each episode acts greedily on Q_h = clip(<phi, theta_h + nu_h> + Gamma_h, 0, H - h) with
V_h = max_a Q_h, where nu_{h,i} maximises the empirical TV dual of factor i (solved exactly
by breakpoint enumeration instead of the Nelder-Mead search of earlier code, spec §7.3).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...problems.robust import RobustLinearMDP
from ._config import LearnerConfig
from ._core import RobustRun, run_loop

__all__ = ["DRLSVIUCBConfig", "run"]


@dataclass(frozen=True)
class DRLSVIUCBConfig(LearnerConfig):
    """Configuration of DR-LSVI-UCB: the fields of :class:`._config.LearnerConfig`.

    References
    ----------
    Liu & Xu (2024), "Distributionally robust off-dynamics RL: provable efficiency with
    linear function approximation", AISTATS, Algorithm 1.
    """


def run(problem: RobustLinearMDP, config: DRLSVIUCBConfig, streams, name: str = "dr_lsvi_ucb", *,
        env=None) -> RobustRun:
    """Run DR-LSVI-UCB for ``config.K`` episodes with radii ``problem.rho``.

    References
    ----------
    Liu & Xu (2024), AISTATS, Algorithm 1.
    """
    return run_loop(problem, streams, name, K=config.K, estimator="robust", policy="greedy",
                    beta=0.0, etas=[0.0] * config.K, lam=config.lam, c_b=config.c_b,
                    bonus=config.bonus, clip=config.clip, env=env)
