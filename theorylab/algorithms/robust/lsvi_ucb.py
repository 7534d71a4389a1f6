"""LSVI-UCB on the nominal model (Jin et al. 2020), the non-robust value-based baseline.

Greedy on Q_h = clip(<phi, theta_h + Lambda_h^{-1} sum_tau phi_tau V_{h+1}(s'_tau)> +
c_b ||phi||_{Lambda_h^{-1}}, 0, H - h); rewards (theta) are known, as in the robust learners.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...problems.robust import RobustLinearMDP
from ._config import LearnerConfig
from ._core import RobustRun, run_loop

__all__ = ["LSVIUCBConfig", "run"]


@dataclass(frozen=True)
class LSVIUCBConfig(LearnerConfig):
    """Configuration of LSVI-UCB (default bonus: elliptical).

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), "Provably efficient RL with linear function
    approximation", COLT, Algorithm 1.
    """

    bonus: str = "elliptical"


def run(problem: RobustLinearMDP, config: LSVIUCBConfig, streams, name: str = "lsvi_ucb", *,
        env=None) -> RobustRun:
    """Run LSVI-UCB on the nominal model of ``problem`` (its radii are ignored).

    References
    ----------
    Jin et al. (2020), Algorithm 1.
    """
    return run_loop(problem, streams, name, K=config.K, estimator="nominal", policy="greedy",
                    beta=0.0, etas=[0.0] * config.K, lam=config.lam, c_b=config.c_b,
                    bonus=config.bonus, clip=config.clip, env=env)
