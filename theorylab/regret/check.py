"""Checks of measured regret against bounds; failures need significant evidence.

* :func:`check_bound` (explicit constants).  Expected-regret bounds fail only when the
  one-sided lower confidence limit of the mean regret exceeds B(K) at some checkpoint
  (Bonferroni over checkpoints).  High-probability bounds count violating seeds and fail
  only when the one-sided Clopper-Pearson lower limit of the violation rate exceeds delta.
* :func:`check_rate` (any bound).  The log-log slope of the mean regret over the
  checkpoints, with a seeded bootstrap CI over seeds, is compared with the slope of the
  bound's own rate curve on the same grid (log factors bend raw slopes).  With
  ``expect="at_most"`` it fails only when the whole CI lies above the bound's slope; with
  ``expect="faster"`` (e.g. FTL's linear regret against a sqrt(K) reference) it passes only
  when the whole CI lies above it.

Both return a :class:`Check`, whose :meth:`Check.to_dict` keys are stable (``theorylab
check --json`` prints them).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from ..stats import bootstrap_slope, clopper_pearson, loglog_slope, mean_lower_confidence
from .bounds import Bound
from .trace import RegretTrace

__all__ = ["Check", "check_bound", "check_rate"]


@dataclass(frozen=True)
class Check:
    """The outcome of one bound or rate check.

    Attributes
    ----------
    experiment, setting, algorithm : str
    bound, citation : str
    kind : {"bound", "rate"}
    passed : bool
    slope : float, fitted log-log slope of mean regret
    slope_ci : (float, float)
    bound_slope : float, log-log slope of the bound's rate curve on the same grid
    max_ratio : float, max over checkpoints of mean regret / bound (rate curve for rate checks)
    expect : {"at_most", "faster"}
    proven : bool, a failure of a proven algorithm's check makes ``theorylab check`` exit 1
    reconstruction : bool, the bound's constants or statement are ours
    violations, n_seeds : int (high-probability bound checks)
    detail : str

    References
    ----------
    ``shared/design.md`` rule 5.
    """

    experiment: str
    setting: str
    algorithm: str
    bound: str
    citation: str
    kind: str
    passed: bool
    slope: float
    slope_ci: tuple
    bound_slope: float
    max_ratio: float
    expect: str = "at_most"
    proven: bool = True
    reconstruction: bool = False
    violations: int = 0
    n_seeds: int = 0
    detail: str = ""

    def to_dict(self) -> dict:
        """JSON-ready dict (NaN becomes None)."""
        d = asdict(self)
        d["slope_ci"] = list(self.slope_ci)
        for k, v in list(d.items()):
            if isinstance(v, float) and not math.isfinite(v):
                d[k] = None
        d["slope_ci"] = [None if (v is None or not math.isfinite(v)) else float(v) for v in d["slope_ci"]]
        return d


def _grid(trace: RegretTrace, t_min):
    keep = trace.checkpoints >= (t_min or 1)
    if keep.sum() < 3:
        raise ValueError("a rate check needs at least 3 checkpoints at or above t_min")
    return trace.checkpoints[keep], trace.pseudo[:, keep]


def check_bound(trace: RegretTrace, bound: Bound, *, rng: np.random.Generator, alpha: float = 0.01,
                experiment: str = "", proven: bool = True, n_boot: int = 2000) -> Check:
    """Compare measured pseudo-regret with an explicit-constant bound.

    Parameters
    ----------
    trace : RegretTrace
    bound : Bound (explicit constants)
    rng : numpy.random.Generator, for the bootstrap
    alpha : float, significance level of a failure
    experiment : str
    proven : bool, whether the algorithm is proven to satisfy the bound

    References
    ----------
    Design rule 5; Clopper & Pearson (1934).
    """
    K, Y = trace.checkpoints, trace.pseudo
    B = bound.evaluate(K)
    mean = Y.mean(0)
    n = Y.shape[0]
    if bound.holds == "expected":
        lcb = mean_lower_confidence(Y, rng=rng, alpha=alpha / K.size, n_boot=n_boot) if n > 1 else mean
        passed, k = bool(np.all(lcb <= B)), int(np.sum(lcb > B))
        detail = f"lower {1 - alpha:.3g} confidence limit of mean exceeds the bound at {k} of {K.size} checkpoints"
    else:
        over = Y > B[None, :]
        viol = over.any(1) if bound.uniform_in_time else over[:, -1]
        k = int(viol.sum())
        lo, _ = clopper_pearson(k, n, alpha, side="lower")
        passed = lo <= bound.delta
        detail = f"{k}/{n} seeds violate; Clopper-Pearson lower limit {lo:.3g} vs delta {bound.delta}"
    slope, lo_s, hi_s = bootstrap_slope(K, Y, rng=rng, n_boot=n_boot) if n > 1 else (loglog_slope(K, mean), np.nan, np.nan)
    return Check(experiment, trace.setting, trace.algorithm, bound.name, bound.citation, "bound",
                 bool(passed), slope, (lo_s, hi_s), loglog_slope(K, bound.rate(K)),
                 float(np.max(mean / B)), "at_most", proven, bound.reconstruction,
                 k, n, detail)


def check_rate(trace: RegretTrace, bound: Bound, *, rng: np.random.Generator, alpha: float = 0.05,
               n_boot: int = 2000, t_min: int | None = None, expect: str = "at_most",
               experiment: str = "", proven: bool = True) -> Check:
    """Compare the log-log slope of mean regret with the slope of the bound's rate curve.

    Parameters
    ----------
    expect : {"at_most", "faster"}
        ``"at_most"``: fail only if the slope CI lies entirely above the bound's slope.
        ``"faster"``: pass only if the slope CI lies entirely above it (an algorithm
        expected to have, e.g., linear regret against a sqrt(K) reference).
    t_min : int, optional; fit only checkpoints >= t_min.

    References
    ----------
    Design rule 5; ``shared/specs/ecosystem.md`` §6 (compare with the bound's own slope).
    """
    if expect not in ("at_most", "faster"):
        raise ValueError(f"expect must be 'at_most' or 'faster', got {expect!r}")
    K, Y = _grid(trace, t_min)
    if Y.shape[0] < 2:
        raise ValueError("a rate check needs at least 2 seeds")
    slope, lo, hi = bootstrap_slope(K, Y, rng=rng, n_boot=n_boot, alpha=alpha)
    b_slope = loglog_slope(K, bound.rate(K))
    passed = (lo <= b_slope) if expect == "at_most" else (lo > b_slope)
    ratio = float(np.max(Y.mean(0) / bound.rate(K)))
    word = "at most" if expect == "at_most" else "steeper than"
    detail = f"slope {slope:.3f} [{lo:.3f}, {hi:.3f}] expected {word} the bound's {b_slope:.3f}"
    return Check(experiment, trace.setting, trace.algorithm, bound.name, bound.citation, "rate",
                 bool(passed), slope, (lo, hi), b_slope, ratio, expect, proven,
                 bound.reconstruction, 0, Y.shape[0], detail)
