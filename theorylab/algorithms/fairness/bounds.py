"""Bounds for OFS on the stationary threshold bandit (spec §4.2) and their per-seed checks.

These are the standard guarantees of doubly-optimistic constrained bandits, re-derived for
this setting (batch signals, confidence radii of spec §3.2); the paper's abstract states
no theorem.  Every factory returns ``reconstruction=True``.

Setting: kappa = 0 (frozen state), K arms, J = 1 + #active constraints signals, batch
size N_B.  On the good event G (all confidence intervals hold; P(G) >= 1 - delta by
Hoeffding and a union bound over (k, j, n)), k* stays optimistic-feasible, so with
R_r = g_+ + c and m_DP >= m_lo in every round:

    sum_t [r* - r_{k_t}]_+ <= K R_r + 2 alpha R_r sqrt(2 Lambda_T K T / N_B)
    sum_t [g^DP_{k_t}]_+   <= K     + 2 alpha     sqrt(2 Lambda_T K T / m_lo)

(Lambda_T = log(pi^2 K J T^2 / (3 delta)) for anytime radii, log(2 K J T / delta) for a
fixed horizon), and the data-dependent forms sum_t min(2 beta_t, R) (spec §4.2 (5)).

References
----------
Reconstruction; see spec ``ofs_fair_threshold.md`` §4.2; Chen, Gangrade & Saligrama (2022),
arXiv:2204.00706; Auer et al. (2002).
"""
from __future__ import annotations

import numpy as np

from ...regret import Bound, Check
from ...stats import clopper_pearson

__all__ = ["log_lambda", "ofs_regret_bound", "ofs_violation_bound", "power_rate", "check_per_seed"]

_CITE = ("standard guarantee of doubly-optimistic constrained bandits, not a theorem of Du (2025) "
         "arXiv:2512.22313; reconstruction; see spec §4.2")


def log_lambda(T, K: int, J: int, delta: float, horizon: str = "anytime") -> np.ndarray:
    """The log term Lambda_T of the radii (vectorised over T).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.2.
    """
    T = np.maximum(np.asarray(T, dtype=np.float64), 1.0)
    if horizon == "anytime":
        return np.log(np.pi ** 2 * K * J * T ** 2 / (3 * delta))
    if horizon == "fixed":
        return np.log(2 * K * J * T / delta)
    raise ValueError(f"horizon must be 'anytime' or 'fixed', got {horizon!r}")


def _check(K, J, delta, alpha):
    if K < 1 or J < 1:
        raise ValueError(f"K and J must be >= 1, got K={K}, J={J}")
    if not 0 < delta < 1:
        raise ValueError(f"delta must lie in (0, 1), got {delta!r}")
    if not alpha > 0:
        raise ValueError(f"alpha must be > 0, got {alpha!r}")


def ofs_regret_bound(K: int, R_r: float, N_B: int, J: int = 2, delta: float = 0.05,
                     alpha: float = 1.0, horizon: str = "anytime") -> Bound:
    """High-probability bound on OFS's positive-part pseudo-regret, stationary setting.

    B(T) = K R_r + 2 alpha R_r sqrt(2 Lambda_T K T / N_B); holds for all T at once with
    anytime radii (``uniform_in_time``).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §4.2 (4).
    """
    _check(K, J, delta, alpha)

    def value(T):
        T = np.asarray(T, dtype=np.float64)
        return K * R_r + 2 * alpha * R_r * np.sqrt(2 * log_lambda(T, K, J, delta, horizon) * K * T / N_B)

    return Bound("OFS regret (stationary)", _CITE, value, holds="high_probability", delta=delta,
                 uniform_in_time=horizon == "anytime", reconstruction=True,
                 note="positive-part pseudo-regret sum_t [r* - r_k_t]_+")


def ofs_violation_bound(K: int, m_lo: float, J: int = 2, delta: float = 0.05, alpha: float = 1.0,
                        horizon: str = "anytime") -> Bound:
    """High-probability bound on OFS's cumulative DP violation sum_t [g^DP_{k_t}]_+.

    B(T) = K + 2 alpha sqrt(2 Lambda_T K T / m_lo), valid on the event that every batch has
    harmonic group size m_DP = n_0 n_1 / N_B >= m_lo (checked from the run's record).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §4.2 (4).
    """
    _check(K, J, delta, alpha)
    if not m_lo > 0:
        raise ValueError(f"m_lo must be > 0, got {m_lo!r}")

    def value(T):
        T = np.asarray(T, dtype=np.float64)
        return K + 2 * alpha * np.sqrt(2 * log_lambda(T, K, J, delta, horizon) * K * T / m_lo)

    return Bound("OFS DP violation (stationary)", _CITE, value, holds="high_probability", delta=delta,
                 uniform_in_time=horizon == "anytime", reconstruction=True,
                 note="expected-residual positive-part violation")


def power_rate(p: float, name: str | None = None) -> Bound:
    """Rate-only curve T^p (for the issue's slope threshold, e.g. p = 0.6).

    References
    ----------
    Issue #7 acceptance ("fitted slopes of regret and violation <= 0.6 with CI").
    """
    return Bound(name or f"T^{p:g}", "issue #7 acceptance threshold; reconstruction; see spec §4.4 (E1)",
                 None, lambda T: np.asarray(T, dtype=np.float64) ** p, explicit_constants=False,
                 reconstruction=True)


def check_per_seed(measured, bound, *, delta: float, name: str, experiment: str = "", setting: str = "",
                   algorithm: str = "", alpha: float = 0.01, proven: bool = True) -> Check:
    """Per-seed high-probability check: seed s violates if measured[s, c] > bound[s, c] anywhere.

    Fails only when the one-sided Clopper-Pearson lower limit of the violation rate exceeds
    ``delta`` (design rule 5).

    Parameters
    ----------
    measured, bound : ndarray(float, (n_seeds, C))

    References
    ----------
    Design rule 5; reconstruction; see spec ``ofs_fair_threshold.md`` §4.2 (5), §4.4 (E2).
    """
    Y, B = np.atleast_2d(measured), np.atleast_2d(bound)
    if Y.shape != B.shape:
        raise ValueError(f"measured and bound must have the same shape, got {Y.shape} and {B.shape}")
    viol = np.any(Y > B, axis=1)
    k, n = int(viol.sum()), Y.shape[0]
    lo, _ = clopper_pearson(k, n, alpha, side="lower")
    ratio = float(np.max(Y / np.where(B > 0, B, np.inf)))
    return Check(experiment, setting, algorithm, name, _CITE, "bound", bool(lo <= delta), float("nan"),
                 (float("nan"), float("nan")), float("nan"), ratio, "at_most", proven, True, k, n,
                 f"{k}/{n} seeds exceed their data-dependent bound; Clopper-Pearson lower limit {lo:.3g} vs delta {delta}")
