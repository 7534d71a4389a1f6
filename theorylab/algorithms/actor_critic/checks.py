"""Checks that are not statistical: deterministic bounds, exact identities, paired comparisons.

:func:`theorylab.regret.check_bound` fails only on significant evidence, which is right for
regret bounds that hold in expectation or with probability 1 - delta.  The switch-count
bound and the regret decomposition hold on every sample path, so they are checked hard:
a single violating seed fails.  Paired comparisons (hybrid vs online on the same noise)
use a bootstrap lower confidence limit of the mean paired difference.
"""
from __future__ import annotations

import numpy as np

from ...regret.bounds import Bound
from ...regret.check import Check
from ...stats import loglog_slope, mean_lower_confidence

__all__ = ["hard_bound_check", "identity_check", "paired_not_worse"]


def hard_bound_check(K, Y, bound: Bound, *, experiment: str, setting: str, algorithm: str,
                     quantity: str = "switches") -> Check:
    """Pass iff Y[seed, k] <= bound(K[k]) for every seed and checkpoint.

    Parameters
    ----------
    K : ndarray(int, (C,)); Y : ndarray(float, (n_seeds, C)); bound : Bound (explicit)

    References
    ----------
    Spec §4.2 B5 (the switch count never exceeds its deterministic bound).
    """
    K, Y = np.asarray(K, dtype=np.float64), np.atleast_2d(np.asarray(Y, dtype=np.float64))
    B = bound.evaluate(K)
    over = Y > B[None, :] + 1e-9
    k = int(over.any(1).sum())
    return Check(experiment, setting, algorithm, bound.name, bound.citation, "bound", k == 0,
                 loglog_slope(K, Y.mean(0)), (float("nan"), float("nan")), loglog_slope(K, B),
                 float(np.max(Y.mean(0) / B)), "at_most", True, bound.reconstruction, k, Y.shape[0],
                 f"{quantity}: {k}/{Y.shape[0]} seeds exceed the deterministic bound at some checkpoint "
                 f"(max ratio to the bound {np.max(Y / B[None, :]):.3g})")


def identity_check(errors, *, experiment: str, setting: str, algorithm: str, tol: float = 1e-9,
                   what: str = "OPT + ACT + BE = V* - V^pi_t on every episode") -> Check:
    """Pass iff every recorded error is <= tol.

    References
    ----------
    Spec §4.0 (the three-way regret identity, exact for any critic and policy).
    """
    e = np.asarray(errors, dtype=np.float64).ravel()
    worst = float(np.max(e))
    return Check(experiment, setting, algorithm, "regret decomposition identity",
                 "reconstruction; see spec §4.0", "bound", bool(worst <= tol), float("nan"),
                 (float("nan"), float("nan")), float("nan"), worst / tol, "at_most", True, True,
                 int((e > tol).sum()), e.size, f"{what}: max error {worst:.3g} (tol {tol:g})")


def paired_not_worse(a, b, *, rng: np.random.Generator, experiment: str, setting: str, algorithm: str,
                     reference: str, alpha: float = 0.05, proven: bool = False) -> Check:
    """Pass unless the mean of a - b (paired over seeds) is significantly > 0.

    a : (n_seeds,) regret of ``algorithm``; b : (n_seeds,) regret of ``reference``.

    References
    ----------
    Spec §4.3 C1 (i) (hybrid never worse than online, up to constants); Efron & Tibshirani
    (1993), ch. 13 (bootstrap over seeds).
    """
    diff = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    lo = float(mean_lower_confidence(diff[:, None], rng=rng, alpha=alpha)[0]) if diff.size > 1 else float(diff[0])
    ratio = float(np.mean(a) / np.mean(b)) if np.mean(b) > 0 else float("nan")
    return Check(experiment, setting, algorithm, f"not worse than {reference}",
                 "Tan, Fan, Wei 2025, hybrid claim; reconstruction; see spec §4.3", "bound", lo <= 0.0,
                 float("nan"), (float("nan"), float("nan")), float("nan"), ratio, "at_most", proven, True, 0,
                 diff.size, f"mean regret ratio {ratio:.3g}; lower {1 - alpha:.2g} limit of mean difference {lo:.3g}")
