"""Check helpers shared by the robust experiments' analyses (pure functions)."""
from __future__ import annotations

import numpy as np

from theorylab.regret import Check
from theorylab.stats import bootstrap_ci

__all__ = ["paired_advantage", "inequality_check"]


def paired_advantage(experiment: str, setting: str, better: str, worse: str, a, b, *,
                     rng: np.random.Generator, alpha: float = 0.05, proven: bool = False,
                     claim: str = "") -> Check:
    """Pass when the bootstrap (1 - alpha) CI of mean(a - b) over seeds lies above 0.

    ``a`` and ``b`` are per-seed values (paired: same instance and noise streams).

    References
    ----------
    Efron & Tibshirani (1993), ch. 13 (percentile bootstrap over seeds).
    """
    diff = np.asarray(a, float) - np.asarray(b, float)
    mean, lo, hi = bootstrap_ci(diff, rng=rng, alpha=alpha)
    passed = bool(lo > 0)
    detail = (f"{claim}: mean({better} - {worse}) = {float(mean):.4g}, "
              f"{1 - alpha:.0%} CI [{float(lo):.4g}, {float(hi):.4g}]")
    return Check(experiment, setting, better, f"beats {worse}", "spec §5.1 (reconstruction)", "comparison",
                 passed, float("nan"), (float(lo), float(hi)), float("nan"), float(mean), "at_most", proven,
                 True, 0, diff.size, detail)


def inequality_check(experiment: str, setting: str, algorithm: str, name: str, citation: str,
                     lhs, rhs, *, proven: bool = True, tol: float = 1e-9) -> Check:
    """A deterministic inequality lhs <= rhs + tol that must hold for every seed.

    References
    ----------
    Spec §6 (lemma checks as exact inequalities).
    """
    lhs, rhs = np.asarray(lhs, float), np.asarray(rhs, float)
    viol = int(np.sum(lhs > rhs + tol))
    slack = float(np.min(rhs - lhs))
    return Check(experiment, setting, algorithm, name, citation, "bound", viol == 0, float("nan"),
                 (float("nan"), float("nan")), float("nan"), float(np.max(lhs / np.maximum(rhs, 1e-300))),
                 "at_most", proven, True, viol, lhs.size, f"{viol}/{lhs.size} seeds violate; worst slack {slack:.3g}")
