"""Unconstrained UCB over the threshold grid (baseline): k_t = argmax_k UCB_r(k).

Same radii, initialisation and tie rule as OFS; it ignores the constraints but their
residuals are still logged.

References
----------
Auer, Cesa-Bianchi & Fischer (2002), "Finite-time analysis of the multiarmed bandit
problem"; reconstruction; see spec ``ofs_fair_threshold.md`` §3.4.
"""
from __future__ import annotations

from dataclasses import dataclass

from ._common import BanditConfig, FairRun, run_policy
from ._loop import PRM

__all__ = ["UCBConfig", "run"]


@dataclass(frozen=True)
class UCBConfig(BanditConfig):
    """Unconstrained UCB: the fields of :class:`BanditConfig` only.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.4.
    """


def run(env, config: UCBConfig, T: int, streams, name: str = "ucb", watch: int = -1) -> FairRun:
    """Run unconstrained UCB for T rounds.

    Parameters
    ----------
    env : FairThresholdEnv; config : UCBConfig; T : int >= K; streams : Streams
    name : str; watch : int, arm whose optimistic feasibility is recorded (-1: none)

    Returns
    -------
    FairRun

    References
    ----------
    Auer et al. (2002); reconstruction; see spec ``ofs_fair_threshold.md`` §3.4.
    """
    if not isinstance(config, UCBConfig):
        raise TypeError(f"config must be a UCBConfig, got {type(config).__name__}")
    p = config.params("ucb", T)
    p[PRM["watch"]] = watch
    return run_policy(env, p, T, streams, name)
