"""DR-RPO: distributionally robust regularised policy optimisation (Gu, He, Liu, Xu 2025).

Episode k: play pi^k in the nominal environment; evaluate pi^k optimistically and
robustly by per-factor ridge regression and the exact empirical TV dual plus a UCB bonus,

    Q_h(s, a) = clip(<phi(s, a), theta_h + nu_h> + Gamma_h(s, a), 0, H - h),
    V_h(s)    = clip(sum_a pi^k_h(a|s) Q_h(s, a) - beta KL(pi^k_h(.|s) || pi_ref), 0, H - h);

then take the KL-regularised mirror-descent step in closed form (spec §3, L8):

    log pi^{k+1}_h(a|s) = [log pi^k_h + eta beta log pi_ref + eta Q_h](a|s) / (1 + eta beta) - log Z.

The episode loop is the shared kernel of :mod:`._core` (MIRROR policy, ROBUST estimator).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...problems.robust import RobustLinearMDP
from ._config import LearnerConfig, check_beta, check_eta
from ._core import RobustRun, run_loop, step_sizes

__all__ = ["DRRPOConfig", "run"]


@dataclass(frozen=True)
class DRRPOConfig(LearnerConfig):
    """Configuration of DR-RPO (fields of :class:`._config.LearnerConfig` plus the below).

    Parameters
    ----------
    beta : float >= 0
        KL strength towards the uniform pi_ref (exact form is a reconstruction; see spec
        §2.2; default 0.01 from the spec's recommended grid).
    eta_rule : {"oppo", "anytime", "constant"}
        Mirror-descent step size (reconstruction; see spec §3): OPPO's sqrt(2 log A/(H^2 K)),
        its anytime version sqrt(2 log A/(H^2 k)), or the constant ``eta``.
    eta : float > 0, the constant step (used by ``eta_rule="constant"``)

    Raises
    ------
    ValueError naming the field, value and allowed range.

    References
    ----------
    Gu, He, Liu, Xu (2025), "Policy regularized distributionally robust MDPs with linear
    function approximation", arXiv:2510.14246 (DR-RPO; algorithm details reconstructed, see
    spec §3); Cai et al. (2020) (OPPO step); Lan (2022), Cen et al. (2022) (regularised PMD).
    """

    beta: float = 0.01
    eta_rule: str = "oppo"
    eta: float = 1.0

    def __post_init__(self):
        super().__post_init__()
        check_beta(self.beta)
        check_eta(self.eta_rule, self.eta)


def run(problem: RobustLinearMDP, config: DRRPOConfig, streams, name: str = "dr_rpo", *,
        record_q: bool = False, env=None) -> RobustRun:
    """Run DR-RPO for ``config.K`` episodes on ``problem`` (radii ``problem.rho``).

    Parameters
    ----------
    problem : RobustLinearMDP
    config : DRRPOConfig
    streams : theorylab.rng.Streams
    name : str, keys the algorithm stream
    record_q : bool, also return every episode's optimistic Q estimate (for optimism checks)
    env : TabularMDP, optional, dynamics to simulate instead of the model's nominal kernel

    Returns
    -------
    RobustRun, policies (K + 1, H, S, A) and returns (K,)

    References
    ----------
    Gu, He, Liu, Xu (2025), arXiv:2510.14246; spec §3 (reconstruction).
    """
    etas = step_sizes(config.eta_rule, config.eta, config.K, problem.H, problem.A)
    return run_loop(problem, streams, name, K=config.K, estimator="robust", policy="mirror",
                    beta=config.beta, etas=etas, lam=config.lam, c_b=config.c_b,
                    bonus=config.bonus, clip=config.clip, record_q=record_q, env=env)
