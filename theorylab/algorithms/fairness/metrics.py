"""Trackers: regret, violations, data-dependent bounds and steady-state numbers of a run.

With r* the oracle's steady-state reward and (r_t, g_t) the exact expected signals of the
played arm at the true state x_t (from the run's record):

* signed pseudo-regret  R_T = sum_t (r* - r_t);  its positive-part version
  sum_t [r* - r_t]_+;  realised regret sum_t (r* - realised reward_t);
* violation per constraint  V^j_T = sum_t [g^j_t]_+  (primary), realised sum_t [g_hat^j_t]_+,
  soft [sum_t g^j_t]_+;  total sum over active j;  excess over the least achievable
  violation (infeasible instances);
* data-dependent bounds (spec §4.2 (5)): sum_t min(2 beta^r_t, R_r) and
  sum_t sum_j min(2 beta^j_t, 1);
* steady state over the window W = [(1 - window) T, T): mean reward, gap r* - mean, mean DP
  residual, fraction of rounds whose expected residuals are all <= 0.

References
----------
Reconstruction; see spec ``ofs_fair_threshold.md`` §2.5 and §4.2.
"""
from __future__ import annotations

import numpy as np

from ...regret.trace import cumulative_at

__all__ = ["run_metrics", "trajectories"]

_CON = ("dp", "sr", "cap")


def _violations(run, active, checkpoints, min_violation):
    out = {}
    total = np.zeros(run.T)
    for j, c in enumerate(_CON):
        g = run.col(f"exp_{c}")
        gp = np.maximum(g, 0.0)
        out[f"viol_{c}"] = cumulative_at(gp, checkpoints)
        out[f"viol_{c}_real"] = cumulative_at(np.maximum(np.nan_to_num(run.col(f"real_{c}"), nan=0.0), 0.0), checkpoints)
        out[f"viol_{c}_soft"] = np.maximum(cumulative_at(g, checkpoints), 0.0)
        if active[j]:
            total += gp
    out["viol_total"] = cumulative_at(total, checkpoints)
    out["excess_viol"] = cumulative_at(total - min_violation, checkpoints)
    return out, total


def run_metrics(run, oracle, active, reward_range: float, checkpoints, window: float = 0.2) -> dict:
    """All per-cell arrays of one run (float/int ndarrays only).

    Parameters
    ----------
    run : FairRun; oracle : Oracle; active : ndarray(bool, (3,))
    reward_range : float, R_r; checkpoints : ndarray(int, (C,)); window : float in (0, 1]

    Returns
    -------
    dict name -> ndarray: ``checkpoints`` (C,), ``pseudo`` (C,) signed, ``pseudo_pos``,
    ``realised``, ``viol_*``, ``dd_regret``, ``dd_viol``, scalars (shape ()) ``steady_*``,
    ``feasible_frac``, ``fallback_frac``, ``k_star_in_f``, ``min_m_dp``, ``empty_rounds``;
    ``arm_counts`` (K,); trajectories ``traj_*`` (see :func:`trajectories`).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.5, §4.2 (5).
    """
    cp = np.asarray(checkpoints, dtype=np.int64)
    r_star = oracle.r_star
    exp_r = run.col("exp_r")
    out = {"checkpoints": cp, "pseudo": cumulative_at(r_star - exp_r, cp),
           "pseudo_pos": cumulative_at(np.maximum(r_star - exp_r, 0.0), cp),
           "realised": cumulative_at(r_star - run.col("real_r"), cp)}
    viol, total = _violations(run, active, cp, oracle.min_violation)
    out.update(viol)
    out["dd_regret"] = cumulative_at(np.minimum(2 * run.col("beta_r"), reward_range), cp)
    dd = sum(np.minimum(2 * run.col(f"beta_{c}"), 1.0) for j, c in enumerate(_CON) if active[j])
    out["dd_viol"] = cumulative_at(dd, cp)
    W = slice(int(np.floor((1 - window) * run.T)), run.T)
    inf = run.col("watch_in_f")
    out.update({
        "steady_reward": np.float64(exp_r[W].mean()), "steady_real_reward": np.float64(run.col("real_r")[W].mean()),
        "steady_gap": np.float64(r_star - exp_r[W].mean()), "steady_dp": np.float64(run.col("exp_dp")[W].mean()),
        "avg_reward": np.float64(exp_r.mean()), "r_star": np.float64(r_star), "k_star": np.int64(oracle.k_star),
        "feasible_frac": np.float64(np.mean(total <= 0.0)),
        "fallback_frac": np.float64(run.col("fallback").mean()),
        "fallback_frac_late": np.float64(run.col("fallback")[W].mean()),
        "k_star_in_f": np.float64(np.nan if np.isnan(inf).all() else np.all(inf == 1.0)),
        "min_m_dp": np.float64(run.col("m_dp").min()), "empty_rounds": np.int64(run.col("empty").sum()),
        "arm_counts": np.bincount(run.arms, minlength=run.thresholds.size).astype(np.int64),
        "thresholds": np.asarray(run.thresholds, dtype=np.float64),
    })
    out.update(trajectories(run))
    return out


def trajectories(run, n_points: int = 200) -> dict:
    """Down-sampled trajectories for figures: block ends t, medians of theta per block, state,
    expected DP gap |P0 - P1| (= g_DP + eps is not stored: the residual is), cumulative
    realised reward and expected DP violation, dual variable.

    Returns
    -------
    dict of ndarray(float, (B,)) with B = min(n_points, T) blocks of T // B rounds

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §5.2 (figures 1-4).
    """
    T = run.T
    B = min(n_points, T)
    L = T // B
    ends = (np.arange(B) + 1) * L - 1
    med = np.median(run.thresholds[run.arms[: B * L]].reshape(B, L), axis=1)
    return {"traj_t": (ends + 1).astype(np.float64), "traj_theta": med,
            "traj_pi": run.col("pi")[ends], "traj_q0": run.col("q0")[ends], "traj_q1": run.col("q1")[ends],
            "traj_dp": run.col("exp_dp")[ends],
            "traj_cum_reward": np.cumsum(run.col("real_r"))[ends],
            "traj_cum_viol_dp": np.cumsum(np.maximum(run.col("exp_dp"), 0.0))[ends],
            "traj_lambda": run.col("lambda_dp")[ends]}
