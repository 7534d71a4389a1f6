"""soft-DR-LSVI-UCB: the eta -> infinity limit of DR-RPO, a value-based ablation.

Acts with pi_h proportional to pi_ref e^{Q_h / beta} and backs up V_h = beta log sum_a
pi_ref e^{Q_h / beta} (the regularised robust soft-max backup) with the same optimistic
robust regression as DR-LSVI-UCB (spec §3, notes on the update).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...problems.robust import RobustLinearMDP
from ._config import LearnerConfig, check_beta
from ._core import RobustRun, run_loop

__all__ = ["SoftDRLSVIUCBConfig", "run"]


@dataclass(frozen=True)
class SoftDRLSVIUCBConfig(LearnerConfig):
    """Configuration of soft-DR-LSVI-UCB.

    Parameters
    ----------
    beta : float > 0, KL strength (reconstruction; see spec §3)
    (plus the fields of :class:`._config.LearnerConfig`)

    References
    ----------
    Spec §3 (reconstruction: soft policy iteration with the DR-LSVI-UCB evaluation);
    Geist, Scherrer, Pietquin (2019) (regularised MDPs).
    """

    beta: float = 0.01

    def __post_init__(self):
        super().__post_init__()
        check_beta(self.beta, positive=True)


def run(problem: RobustLinearMDP, config: SoftDRLSVIUCBConfig, streams,
        name: str = "soft_dr_lsvi_ucb", *, env=None) -> RobustRun:
    """Run soft-DR-LSVI-UCB for ``config.K`` episodes.

    References
    ----------
    Spec §3 (reconstruction).
    """
    return run_loop(problem, streams, name, K=config.K, estimator="robust", policy="soft",
                    beta=config.beta, etas=[0.0] * config.K, lam=config.lam, c_b=config.c_b,
                    bonus=config.bonus, clip=config.clip, env=env)
