"""Analysis helpers shared by the fairness experiments (pure functions of a ResultSet).

References
----------
Design rule 5 (checks fail only on significant evidence); reconstruction; see spec
``ofs_fair_threshold.md`` §4.4.
"""
from __future__ import annotations

import numpy as np

from theorylab.regret import Check, RegretTrace
from theorylab.stats import bootstrap_ci

__all__ = ["trace", "ordering_check", "gap_check", "comparison_rows", "label", "SEED"]

SEED = 20251226  # bootstrap seed of every fairness analysis (arXiv v1 submission date)
_PAPER = "Du (2025) arXiv:2512.22313, abstract (empirical claim); reconstruction; see spec §5"


def label(results, i: int) -> str:
    """Readable label of setting i (scalar keys only).

    References
    ----------
    ``theorylab.sweep.results`` (setting labels).
    """
    s = results.settings[i]
    return ",".join(f"{k}={v}" for k, v in s.items() if not isinstance(v, (list, dict, tuple)))


def trace(results, i: int, algo: str, key: str = "pseudo_pos") -> RegretTrace:
    """RegretTrace of array ``key`` (cumulative, (n_seeds, C)) for one setting and algorithm.

    References
    ----------
    ``theorylab.regret.trace``.
    """
    return RegretTrace(f"{algo}:{key}", results.first(i, algo, "checkpoints"),
                       results.stacked(i, algo, key)[:, :], setting=label(results, i))


def _final(results, i, algo, key):
    v = results.stacked(i, algo, key)
    return v[:, -1] if v.ndim == 2 else v


def ordering_check(results, i: int, a: str, b: str, key: str = "viol_dp", proven: bool = True,
                   alpha: float = 0.05) -> Check:
    """Paired claim mean_s (X_a - X_b) < 0 for final values X of ``key`` (same seeds).

    Passes when the upper limit of the (1 - alpha) bootstrap CI of the mean paired
    difference is below 0.

    References
    ----------
    Issue #7 acceptance (violation ordering, paired seeds, CI reported); Efron & Tibshirani (1993).
    """
    xa, xb = _final(results, i, a, key), _final(results, i, b, key)
    d = xa - xb
    m, lo, hi = bootstrap_ci(d, rng=np.random.default_rng(SEED), alpha=alpha)
    return Check(results.experiment.id, label(results, i), f"{a} vs {b}", f"{key}({a}) < {key}({b})", _PAPER,
                 "bound", bool(hi < 0), float("nan"), (float(lo), float(hi)), float("nan"),
                 float(xa.mean() / max(xb.mean(), 1e-300)), "at_most", proven, True, int(np.sum(d >= 0)), d.size,
                 f"mean {key}: {a} {xa.mean():.4g}, {b} {xb.mean():.4g}; paired difference {m:.4g} "
                 f"[{lo:.4g}, {hi:.4g}] ({1 - alpha:.0%} bootstrap CI)")


def gap_check(results, i: int, algo: str = "ofs", threshold: float = 0.003, proven: bool = False,
              alpha: float = 0.05) -> Check:
    """The abstract's claim: steady-state reward gap to the oracle < ``threshold``.

    Fails only when the lower limit of the bootstrap CI of the mean gap exceeds the
    threshold (significant evidence against the claim); the detail reports mean and CI.

    References
    ----------
    Du (2025), abstract ("gap below 0.003"); reconstruction; see spec §2.5 (steady-state gap).
    """
    g = _final(results, i, algo, "steady_gap")
    m, lo, hi = bootstrap_ci(g, rng=np.random.default_rng(SEED), alpha=alpha)
    return Check(results.experiment.id, label(results, i), algo, f"steady gap < {threshold}", _PAPER, "bound",
                 bool(lo <= threshold), float("nan"), (float(lo), float(hi)), float("nan"), float(m / threshold),
                 "at_most", proven, True, int(np.sum(g > threshold)), g.size,
                 f"steady-state gap to oracle {m:.4g} [{lo:.4g}, {hi:.4g}] ({1 - alpha:.0%} CI) vs claim < {threshold}")


def comparison_rows(results, i: int) -> list[dict]:
    """Final table of one setting: per algorithm the seed means of the headline numbers.

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §5.2 (figure 5: final table).
    """
    rows = []
    for algo in results.experiment.algorithms:
        if not results.has(i, algo):
            continue
        f = {k: _final(results, i, algo, k) for k in ("avg_reward", "steady_reward", "steady_gap", "viol_dp",
                                                       "viol_dp_real", "viol_total", "feasible_frac")}
        rows.append({"algorithm": algo, "n_seeds": int(f["avg_reward"].size),
                     **{k: float(v.mean()) for k, v in f.items()},
                     "steady_gap_sd": float(f["steady_gap"].std(ddof=1)) if f["steady_gap"].size > 1 else float("nan")})
    return rows
