"""The oracle: best feasible fixed threshold, by fixed point and by simulation ("sweep").

* :func:`oracle_fixed_point` (noise-free): x*(theta_k) of every arm by fixed-point
  iteration, r_k = r(theta_k, x*_k), g_k = g(theta_k, x*_k),
  k* = argmax{r_k : g^j_k <= 0 for every active j}.
* :func:`oracle_sweep` ("the same sweep procedure"): play every theta_k for T rounds with
  the cell's batch uniforms and average the realised signals over the window
  W = [(1 - window) T, T); k* from the window averages.  The two agree to Monte-Carlo error
  (tests/fairness/test_oracle.py).

References
----------
Du (2025), arXiv:2512.22313 ("best feasible fixed threshold under the same sweep
procedure"); reconstruction; see spec ``ofs_fair_threshold.md`` §2.5 and §4.4 (E5).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...problems.fairness_dynamics import fixed_points
from ._common import FairRun, batch_uniforms
from ._loop import POLICY, PRM, REC, simulate

__all__ = ["Oracle", "oracle_fixed_point", "oracle_sweep", "run_fixed"]


@dataclass(frozen=True)
class Oracle:
    """Steady-state values of every arm and the best feasible one.

    Attributes
    ----------
    k_star : int, best feasible arm, or the least-violation arm when ``feasible_exists`` is False
    reward : ndarray(float, (K,)); residuals : ndarray(float, (3, K)) [DP, SR, CAP]
    feasible : ndarray(bool, (K,)); feasible_exists : bool
    min_violation : float, min_k sum_j [g^j_k]_+ over active j (0 when some arm is feasible)
    reward_se, residual_se : ndarray or None, standard errors (sweep only)

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.5.
    """

    k_star: int
    reward: np.ndarray
    residuals: np.ndarray
    feasible: np.ndarray
    feasible_exists: bool
    min_violation: float
    reward_se: np.ndarray | None = None
    residual_se: np.ndarray | None = None

    @property
    def r_star(self) -> float:
        """Steady-state reward of k*."""
        return float(self.reward[self.k_star])


def _select(reward, residuals, active, **se) -> Oracle:
    viol = np.maximum(residuals[active], 0.0).sum(0)
    feasible = viol <= 0.0
    if feasible.any():
        k = int(np.flatnonzero(feasible)[np.argmax(reward[feasible])])
    else:
        k = int(np.lexsort((-reward, viol))[0])
    return Oracle(k, reward, residuals, feasible, bool(feasible.any()), float(viol.min()), **se)


def oracle_fixed_point(env) -> Oracle:
    """Noise-free oracle from the fixed points x*(theta_k).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.5 (noise-free definition).
    """
    _, r, g = fixed_points(env)
    return _select(r, g, env.constraints.active)


def run_fixed(env, k: int, T: int, streams=None, U=None, name: str = "oracle") -> FairRun:
    """Play arm k for T rounds (batch uniforms ``U`` (T, 7) or drawn from ``streams.noise``).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.5 (sweep).
    """
    if not 0 <= int(k) < env.K:
        raise ValueError(f"k must be an arm index in [0, {env.K}), got {k!r}")
    U = batch_uniforms(streams.noise, T) if U is None else U
    p = np.zeros(len(PRM))
    p[PRM["policy"]], p[PRM["arm"]], p[PRM["commit"]], p[PRM["watch"]] = POLICY["fixed"], k, 1, -1
    p[PRM["alpha"]], p[PRM["delta"]] = 1.0, 0.05
    arms, rec = simulate(env, p, U, np.zeros(len(U)))
    return FairRun(name, env.thresholds, arms, rec)


def oracle_sweep(env, T: int, streams, window: float = 0.2) -> Oracle:
    """Oracle from simulated window averages of every fixed threshold (common noise).

    Parameters
    ----------
    window : float in (0, 1], fraction of final rounds averaged (default 0.2: W = [0.8T, T)).
        Reconstruction; see spec §2.5.

    Returns
    -------
    Oracle with standard errors sd / sqrt(|W|) (rounds are independent given the
    deterministic expected-rate state path).  The DP residual is |mean of d| - eps from
    the signed batch gaps d = p0 - p1 (the mean of |d| would be biased upward).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.5 and §4.4 (E5).
    """
    if not 0 < window <= 1:
        raise ValueError(f"window must lie in (0, 1], got {window!r}")
    U = batch_uniforms(streams.noise, T)
    w0 = int(np.floor((1 - window) * T))
    cols = [REC["real_r"], REC["real_d"], REC["real_sr"], REC["real_cap"]]
    mean, se = np.empty((4, env.K)), np.empty((4, env.K))
    for k in range(env.K):
        W = run_fixed(env, k, T, U=U).rec[w0:, cols]
        mean[:, k] = np.nanmean(W, 0)
        se[:, k] = np.nanstd(W, 0, ddof=1) / np.sqrt(np.sum(~np.isnan(W), 0))
    mean[1] = np.abs(mean[1]) - env.constraints.eps  # |mean d| - eps: unbiased, unlike mean |d|
    return _select(mean[0], mean[1:], env.constraints.active, reward_se=se[0], residual_se=se[1:])
