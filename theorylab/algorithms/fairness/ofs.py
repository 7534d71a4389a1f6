"""Optimistic Feasible Search (OFS) over a grid of thresholds.

Each round: UCB_r(k) = mean_r + beta_r, LCB_j(k) = mean_j - beta_j (signed DP: max(0,
|mean_d| - beta_d) - eps); F = {k : LCB_j(k) <= 0 for all active j}; play argmax_{k in F}
UCB_r(k), or, when F is empty, the arm of least optimistic violation sum_j [LCB_j]_+.
Unplayed arms are optimistic-feasible with UCB = +inf (round-robin initialisation).
The whole T-loop runs in one numba kernel (:mod:`._loop`).

References
----------
Du (2025), arXiv:2512.22313 (OFS, from the abstract); the exact rule is a reconstruction;
see spec ``ofs_fair_threshold.md`` §3.3; Chen, Gangrade & Saligrama (2022),
arXiv:2204.00706 (doubly-optimistic play).
"""
from __future__ import annotations

from dataclasses import dataclass

from ._common import BanditConfig, FairRun, run_policy
from ._loop import PRM

__all__ = ["OFSConfig", "run"]


@dataclass(frozen=True)
class OFSConfig(BanditConfig):
    """OFS hyper-parameters (plus those of :class:`BanditConfig`).

    Parameters
    ----------
    fallback : {"sum", "max"}
        Aggregation of optimistic violations when F is empty. Reconstruction; see spec §3.3.
    commit : int >= 1
        Rounds the chosen arm is played before the next choice (1 = vanilla OFS).
        Reconstruction; see spec §3.3 (closed-loop variants).
    burnin : int >= 0, < commit
        Signals dropped at the start of each commitment. Reconstruction; see spec §3.3.
    doubling : bool
        The m-th selection of an arm plays it 2^(m-1) rounds (overrides ``commit``).
        Reconstruction; see spec §3.3.
    window : int >= 0
        Statistics over each arm's last ``window`` pulls (0: all pulls, vanilla OFS).
        Reconstruction; see spec §3.3.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.3.
    """

    fallback: str = "sum"
    commit: int = 1
    burnin: int = 0
    doubling: bool = False
    window: int = 0

    def __post_init__(self):
        super().__post_init__()
        if self.fallback not in ("sum", "max"):
            raise ValueError(f"fallback must be 'sum' or 'max', got {self.fallback!r}")
        if isinstance(self.commit, bool) or int(self.commit) != self.commit or self.commit < 1:
            raise ValueError(f"commit must be an integer >= 1, got {self.commit!r}")
        if int(self.burnin) != self.burnin or not 0 <= self.burnin < max(self.commit, 2 if self.doubling else 1):
            raise ValueError(f"burnin must be an integer in [0, commit) = [0, {self.commit}), got {self.burnin!r}")
        if isinstance(self.window, bool) or int(self.window) != self.window or not 0 <= self.window <= 10**6:
            raise ValueError(f"window must be an integer in [0, 1000000] (0 = off), got {self.window!r}")


def run(env, config: OFSConfig, T: int, streams, name: str = "ofs", watch: int = -1) -> FairRun:
    """Run OFS for T rounds on ``env`` with the cell's ``streams``.

    Parameters
    ----------
    env : theorylab.problems.fairness.FairThresholdEnv
    config : OFSConfig
    T : int >= K
    streams : theorylab.rng.Streams (noise: batches; algorithm(name): random ties)
    name : str, the algorithm stream's key; watch : int, arm whose optimistic feasibility is
        recorded each round (-1: none)

    Returns
    -------
    FairRun

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.3.
    """
    if not isinstance(config, OFSConfig):
        raise TypeError(f"config must be an OFSConfig, got {type(config).__name__}")
    p = config.params("ofs", T)
    p[PRM["agg_max"]] = config.fallback == "max"
    p[PRM["commit"]], p[PRM["burnin"]], p[PRM["doubling"]] = config.commit, config.burnin, config.doubling
    p[PRM["window"]] = config.window
    p[PRM["watch"]] = watch
    return run_policy(env, p, T, streams, name)
