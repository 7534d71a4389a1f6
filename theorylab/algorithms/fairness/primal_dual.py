"""Primal-dual (Lagrangian) UCB over the threshold grid (baseline).

k_t = argmax_k [UCB_r(k) - sum_j lambda_j g_j(k)] with g_j(k) the arm's empirical mean
residual (or its LCB), unplayed arms first; then projected dual ascent
lambda_j <- clip(lambda_j + eta g_{j,t}, 0, lambda_max) on the realised residual (or the
arm's mean residual), eta = eta0 / sqrt(T).

References
----------
Badanidiyuru, Kleinberg & Slivkins (2013), bandits with knapsacks; Immorlica et al.
(2019), LagrangeBwK; reconstruction; see spec ``ofs_fair_threshold.md`` §3.5.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._common import BanditConfig, FairRun, run_policy
from ._loop import PRM

__all__ = ["PDConfig", "run"]


@dataclass(frozen=True)
class PDConfig(BanditConfig):
    """Primal-dual UCB hyper-parameters (plus those of :class:`BanditConfig`).

    Parameters
    ----------
    eta0 : float > 0, dual step eta = eta0 / sqrt(T) (default 1). Reconstruction; see spec §3.5.
    lambda_max : float > 0, dual box (default 10). Reconstruction; see spec §3.5.
    penalty : {"mean", "lcb"}, residual estimate in the Lagrangian. Reconstruction; see spec §3.5.
    dual_signal : {"realised", "mean"}, residual of the dual step. Reconstruction; see spec §3.5.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.5.
    """

    eta0: float = 1.0
    lambda_max: float = 10.0
    penalty: str = "mean"
    dual_signal: str = "realised"

    def __post_init__(self):
        super().__post_init__()
        for nm in ("eta0", "lambda_max"):
            if not 0 < getattr(self, nm) < np.inf:
                raise ValueError(f"{nm} must be a finite number > 0, got {getattr(self, nm)!r}")
        if self.penalty not in ("mean", "lcb"):
            raise ValueError(f"penalty must be 'mean' or 'lcb', got {self.penalty!r}")
        if self.dual_signal not in ("realised", "mean"):
            raise ValueError(f"dual_signal must be 'realised' or 'mean', got {self.dual_signal!r}")


def run(env, config: PDConfig, T: int, streams, name: str = "pd", watch: int = -1) -> FairRun:
    """Run primal-dual UCB for T rounds.

    Parameters
    ----------
    env : FairThresholdEnv; config : PDConfig; T : int >= K; streams : Streams
    name : str; watch : int, arm whose optimistic feasibility is recorded (-1: none)

    Returns
    -------
    FairRun (the column ``lambda_dp`` holds the DP dual variable before each round)

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.5.
    """
    if not isinstance(config, PDConfig):
        raise TypeError(f"config must be a PDConfig, got {type(config).__name__}")
    p = config.params("pd", T)
    p[PRM["eta"]], p[PRM["lambda_max"]] = config.eta0 / np.sqrt(T), config.lambda_max
    p[PRM["pd_lcb"]], p[PRM["pd_mean"]] = config.penalty == "lcb", config.dual_signal == "mean"
    p[PRM["watch"]] = watch
    return run_policy(env, p, T, streams, name)
