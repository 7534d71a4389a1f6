"""Closed-loop fair threshold environments (data and exact population quantities).

Two groups a in {0, 1} (group 1 the protected one), a label Y in {0, 1} (1 = qualified) and
a scalar score S.  A learner picks one common threshold theta_k from a grid of K points; a
batch of N_B individuals arrives and D = 1{S >= theta_k}.  Every environment is summarised
by the table

    rates[a, y, k] = Pr(S >= theta_k | A = a, Y = y)      (y = 1: TPR_a, y = 0: FPR_a)

and the population state x = (pi, q^0, q^1): pi the share of group 1, q^a = Pr(Y = 1 | a).
At state x, threshold k:

    P_a(k, x)  = q^a TPR_a(k) + (1 - q^a) FPR_a(k)                      acceptance rates
    r(k, x)    = sum_a w_a [g_+ q^a TPR_a(k) - c (1 - q^a) FPR_a(k)],  w = (1 - pi, pi)
    g_DP(k, x) = |P_0 - P_1| - eps,   g_SR = rho_min - sum_a w_a P_a,   g_CAP = sum_a w_a P_a - rho_max

and the closed-loop map x' = Phi(x, k) of spec §2.3 (kappa speed, gamma composition
feedback, zeta qualification feedback).  An inactive service (capacity) constraint is
rho_min = 0 (rho_max = 1): its residual is never positive.  This module holds the
environments and their constructors; the exact population quantities (signals, Phi, its
contraction modulus and the fixed points x*(k)) are in :mod:`theorylab.problems.fairness_dynamics`.

References
----------
Du (2025), "Optimistic Feasible Search for Closed-Loop Fair Threshold Decision-Making",
arXiv:2512.22313 (setting, from the abstract); reconstruction; see spec
``ofs_fair_threshold.md`` §2.2-2.5 and §5.2.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.special import logit
from scipy.stats import norm

from ._validate import as_float_array, check_positive_int, check_range
# Re-exported for tests/fairness/test_kernels.py (owned by another engineer); new code imports
# them from .fairness_dynamics.
from .fairness_dynamics import closed_loop_map, expected_signals  # noqa: F401

__all__ = ["ClosedLoopDynamics", "FairnessConstraints", "FairThresholdEnv", "threshold_grid",
           "quantile_grid", "synthetic_env", "semi_synthetic_env"]


def _unit(name, v, lo=0.0, hi=1.0, open_lo=False):
    v = float(v)
    if not (lo < v if open_lo else lo <= v) or not v <= hi:
        raise ValueError(f"{name} must lie in {'(' if open_lo else '['}{lo}, {hi}], got {v!r}")
    return v


@dataclass(frozen=True)
class ClosedLoopDynamics:
    """Parameters of the contraction dynamics Phi (spec §2.3).

    pi'  = (1 - kappa) pi + kappa sigmoid(logit(pi_bar) + gamma (P_1 - P_0))        if composition
    q^a' = (1 - kappa) q^a + kappa clip(q_bar^a + zeta (P_a - p_ref), q_lo, q_hi)  if qualification

    Parameters
    ----------
    kappa : float in [0, 1], adjustment speed (0 freezes the state: stationary bandit)
    pi_bar : float in (0, 1); gamma : float >= 0; q_bar : (float, float) in [q_lo, q_hi]
    zeta : float in [0, 1), qualification feedback (< 1 for a contraction)
    p_ref : float in [0, 1]; q_lo, q_hi : 0 <= q_lo <= q_hi <= 1
    composition, qualification : bool, switch each feedback channel on or off
    feedback : {"expected", "realised"}, feed back P_a (deterministic state) or the batch rates

    All values are reconstruction; see spec §2.3 and §5.2.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.3; Zhang et al. (2020),
    arXiv:2010.11300 (qualification dynamics); Liu et al. (2018), delayed impact.
    """

    kappa: float = 0.02
    pi_bar: float = 0.5
    gamma: float = 2.0
    q_bar: tuple = (0.6, 0.45)
    zeta: float = 0.3
    p_ref: float = 0.5
    q_lo: float = 0.05
    q_hi: float = 0.95
    composition: bool = True
    qualification: bool = True
    feedback: str = "expected"

    def __post_init__(self):
        _unit("kappa", self.kappa)
        _unit("pi_bar", self.pi_bar, open_lo=True)
        if not 0 < self.pi_bar < 1:
            raise ValueError(f"pi_bar must lie in (0, 1), got {self.pi_bar!r}")
        if not 0 <= self.gamma < np.inf:
            raise ValueError(f"gamma must be a finite number >= 0, got {self.gamma!r}")
        if not 0 <= self.zeta < 1:
            raise ValueError(f"zeta must lie in [0, 1) for a contraction, got {self.zeta!r}")
        _unit("p_ref", self.p_ref)
        if not 0 <= self.q_lo <= self.q_hi <= 1:
            raise ValueError(f"need 0 <= q_lo <= q_hi <= 1, got q_lo={self.q_lo!r}, q_hi={self.q_hi!r}")
        if len(self.q_bar) != 2 or not all(self.q_lo <= q <= self.q_hi for q in self.q_bar):
            raise ValueError(f"q_bar must be two values in [q_lo, q_hi] = [{self.q_lo}, {self.q_hi}], "
                             f"got {self.q_bar!r}")
        if self.feedback not in ("expected", "realised"):
            raise ValueError(f"feedback must be 'expected' or 'realised', got {self.feedback!r}")

    def packed(self) -> np.ndarray:
        """Parameters as a float array (12,) for kernels, in the order of the fields."""
        return np.array([self.kappa, self.pi_bar, self.gamma, self.q_bar[0], self.q_bar[1], self.zeta,
                         self.p_ref, self.q_lo, self.q_hi, float(self.composition),
                         float(self.qualification), float(self.feedback == "realised")])


@dataclass(frozen=True)
class FairnessConstraints:
    """Tolerances: DP gap eps, minimum service rate rho_min, capacity rho_max.

    Parameters
    ----------
    eps : float in [0, 1]
    rho_min : float in [0, 1] (0 = service constraint off)
    rho_max : float in [0, 1] (1 = capacity constraint off), rho_min <= rho_max

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2 (defaults eps = 0.1).
    """

    eps: float = 0.1
    rho_min: float = 0.0
    rho_max: float = 1.0

    def __post_init__(self):
        _unit("eps", self.eps)
        _unit("rho_min", self.rho_min)
        _unit("rho_max", self.rho_max)
        if self.rho_min > self.rho_max:
            raise ValueError(f"rho_min ({self.rho_min}) must not exceed rho_max ({self.rho_max})")

    @property
    def active(self) -> np.ndarray:
        """ndarray(bool, (3,)): which of (DP, SR, CAP) constrain the learner."""
        return np.array([True, self.rho_min > 0, self.rho_max < 1])

    def packed(self) -> np.ndarray:
        """``[eps, rho_min, rho_max]`` as float array (3,)."""
        return np.array([self.eps, self.rho_min, self.rho_max])


@dataclass(frozen=True, eq=False)
class FairThresholdEnv:
    """A closed-loop threshold environment.

    Parameters
    ----------
    thresholds : ndarray(float, (K,)), increasing grid inside ``score_range``
    rates : ndarray(float, (2, 2, K)), rates[a, y, k] = Pr(S >= theta_k | A=a, Y=y), non-increasing in k
    x0 : ndarray(float, (3,)), initial state (pi, q^0, q^1), each in [0, 1]
    dynamics : ClosedLoopDynamics; constraints : FairnessConstraints
    batch_size : int in [2, 1000], N_B
    gain, cost : float >= 0, reward g_+ for an accepted qualified and -c for an accepted unqualified
    reward_kind : {"profit", "accuracy"}; score_range : (float, float); name : str

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.2 and §5.2.
    """

    thresholds: np.ndarray
    rates: np.ndarray
    x0: np.ndarray
    dynamics: ClosedLoopDynamics = field(default_factory=ClosedLoopDynamics)
    constraints: FairnessConstraints = field(default_factory=FairnessConstraints)
    batch_size: int = 200
    gain: float = 1.0
    cost: float = 1.0
    reward_kind: str = "profit"
    score_range: tuple = (0.0, 1.0)
    name: str = "fair-threshold"

    def __post_init__(self):
        th = as_float_array("thresholds", self.thresholds, (1,))
        if th.size < 1 or np.any(np.diff(th) <= 0):
            raise ValueError(f"thresholds must be a non-empty increasing grid, got {th!r}")
        lo, hi = self.score_range
        if th[0] < lo or th[-1] > hi:
            raise ValueError(f"thresholds must lie in the score range [{lo}, {hi}], got [{th[0]}, {th[-1]}]")
        R = as_float_array("rates", self.rates, (3,))
        if R.shape != (2, 2, th.size):
            raise ValueError(f"rates must have shape (2, 2, {th.size}), got {R.shape}")
        check_range("rates", R, 0.0, 1.0)
        if np.any(np.diff(R, axis=-1) > 1e-12):
            raise ValueError("rates must be non-increasing in the threshold index")
        x0 = as_float_array("x0", self.x0, (1,))
        if x0.shape != (3,):
            raise ValueError(f"x0 must have shape (3,), got {x0.shape}")
        check_range("x0", x0, 0.0, 1.0)
        check_positive_int("batch_size", self.batch_size, 2)
        if self.batch_size > 1000:
            raise ValueError(f"batch_size must lie in [2, 1000], got {self.batch_size}")
        for nm in ("gain", "cost"):
            if not 0 <= getattr(self, nm) < np.inf:
                raise ValueError(f"{nm} must be a finite number >= 0, got {getattr(self, nm)!r}")
        if self.reward_kind not in ("profit", "accuracy"):
            raise ValueError(f"reward_kind must be 'profit' or 'accuracy', got {self.reward_kind!r}")
        for nm, v in (("thresholds", th), ("rates", R), ("x0", x0)):
            v.setflags(write=False)
            object.__setattr__(self, nm, v)

    @property
    def K(self) -> int:
        """Number of grid thresholds."""
        return int(self.thresholds.size)

    @property
    def reward_range(self) -> float:
        """Width R_r of the per-individual reward range (g_+ + c, or 1 for accuracy)."""
        return self.gain + self.cost if self.reward_kind == "profit" else 1.0


def threshold_grid(K: int = 19, lo: float = 0.05, hi: float = 0.95) -> np.ndarray:
    """K equally spaced thresholds on [lo, hi] (default: spec §3.1, reconstruction).

    Returns
    -------
    ndarray(float, (K,))

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.1.
    """
    K = check_positive_int("K", K, 1)
    if not lo < hi and K > 1:
        raise ValueError(f"need lo < hi for a grid, got lo={lo}, hi={hi}")
    return np.linspace(lo, hi, K)


def quantile_grid(scores, K: int = 19) -> np.ndarray:
    """K distinct interior quantiles of the pooled scores (levels 1/(K+1) .. K/(K+1)).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.1 (quantile grid option).
    """
    K = check_positive_int("K", K, 1)
    g = np.unique(np.quantile(np.asarray(scores, dtype=np.float64), np.arange(1, K + 1) / (K + 1)))
    if g.size < K:
        raise ValueError(f"the scores have only {g.size} distinct quantiles, fewer than K={K}")
    return g


def synthetic_env(K: int = 19, lo: float = 0.05, hi: float = 0.95,
                  means=((-1.0, 1.0), (-1.5, 0.5)), x0=(0.5, 0.6, 0.45), **kw) -> FairThresholdEnv:
    """The synthetic benchmark: S = sigmoid(Z), Z | A=a, Y=y ~ N(means[a][y], 1).

    rates[a, y, k] = 1 - Phi(logit(theta_k) - means[a][y]) exactly.  Other keywords go to
    :class:`FairThresholdEnv` (dynamics, constraints, batch_size, ...).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §5.2 (i).
    """
    th = threshold_grid(K, lo, hi)
    if th[0] <= 0 or th[-1] >= 1:
        raise ValueError(f"synthetic thresholds must lie in the open score range (0, 1), got [{th[0]}, {th[-1]}]")
    m = np.asarray(means, dtype=np.float64)
    if m.shape != (2, 2):
        raise ValueError(f"means must have shape (2, 2) [group][label], got {m.shape}")
    rates = norm.sf(logit(th)[None, None, :] - m[:, :, None])
    return FairThresholdEnv(th, rates, np.asarray(x0, dtype=np.float64), name=kw.pop("name", "synthetic"), **kw)


def semi_synthetic_env(scores, labels, groups, thresholds=None, K: int = 19, **kw) -> FairThresholdEnv:
    """An environment resampling rows of a scored data set by (group, label) sub-pool.

    rates[a, y, k] is the fraction of sub-pool (a, y) with score >= theta_k (rows drawn
    uniformly with replacement), x0 and the dynamics' anchors (pi_bar, q_bar) are the
    empirical group share and base rates unless ``dynamics`` is given.

    Parameters
    ----------
    scores : ndarray(float, (n,)); labels, groups : ndarray(int, (n,)) in {0, 1}
    thresholds : ndarray(float, (K,)), optional (default: :func:`quantile_grid`)

    Raises
    ------
    ValueError
        If a group or a (group, label) sub-pool has no members, or lengths disagree.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §5.2 (ii).
    """
    S = as_float_array("scores", scores, (1,))
    y, g = np.asarray(labels), np.asarray(groups)
    if y.shape != S.shape or g.shape != S.shape:
        raise ValueError(f"scores, labels and groups must have the same length, got {S.shape}, {y.shape}, {g.shape}")
    for a in (0, 1):
        for lab in (0, 1):
            if not np.any((g == a) & (y == lab)):
                raise ValueError(f"group {a} has no members with label {lab}: the sub-pool is empty")
    th = quantile_grid(S, K) if thresholds is None else as_float_array("thresholds", thresholds, (1,))
    rates = np.array([[[np.mean(S[(g == a) & (y == lab)] >= t) for t in th] for lab in (0, 1)] for a in (0, 1)])
    pi, q = float(np.mean(g == 1)), tuple(float(np.mean(y[g == a])) for a in (0, 1))
    if "dynamics" not in kw:
        kw["dynamics"] = ClosedLoopDynamics(pi_bar=pi, q_bar=q)
    kw.setdefault("score_range", (0.0, 1.0))
    return FairThresholdEnv(th, rates, np.array([pi, q[0], q[1]]), **kw)
