"""Offline data for the hybrid actor-critics: behaviour policies, trajectories, coverage.

N_off trajectories of a behaviour policy pi_b (spec §2.4 [D]: N_off counts whole
trajectories, so the behaviour occupancy is mu_h = d^{pi_b}_h).  Single-policy
concentrability (tabular upper bound, spec §2.4 and §7.11)

    c*_off = max_h max_{(s, a)} d^{pi*}_h(s, a) / mu_h(s, a)      (+inf if mu_h misses a pair pi* visits)

is computed exactly from occupancy measures, never from empirical counts.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...planning.dp import backward_induction, greedy_as_stochastic, occupancy
from ...problems.tabular import TabularMDP

__all__ = ["OfflineData", "behaviour_policy", "collect", "concentrability", "empty"]

BEHAVIOURS = ("opt", "unif", "bad", "mix")


@dataclass(frozen=True)
class OfflineData:
    """N trajectories of horizon H: states s, actions a, rewards rew, next states s2.

    Attributes
    ----------
    s, a, s2 : ndarray(int, (N, H)); rew : ndarray(float, (N, H))

    References
    ----------
    Spec §2.4 (offline dataset D_off).
    """

    s: np.ndarray
    a: np.ndarray
    rew: np.ndarray
    s2: np.ndarray

    def __post_init__(self):
        shape = np.shape(self.s)
        if len(shape) != 2:
            raise ValueError(f"s must have shape (N, H), got {shape}")
        for name in ("a", "rew", "s2"):
            if np.shape(getattr(self, name)) != shape:
                raise ValueError(f"{name} must have shape {shape}, got {np.shape(getattr(self, name))}")
        for name in ("s", "a", "s2"):
            arr = np.ascontiguousarray(getattr(self, name), dtype=np.int64)
            if arr.size and arr.min() < 0:
                raise ValueError(f"{name} must hold non-negative indices")
            object.__setattr__(self, name, arr)
        object.__setattr__(self, "rew", np.ascontiguousarray(self.rew, dtype=np.float64))

    @property
    def N(self) -> int:
        """Number of trajectories."""
        return self.s.shape[0]

    def head(self, n: int) -> "OfflineData":
        """The first n trajectories (nested datasets for N_off sweeps)."""
        if not 0 <= n <= self.N:
            raise ValueError(f"n must lie in [0, {self.N}], got {n}")
        return OfflineData(self.s[:n], self.a[:n], self.rew[:n], self.s2[:n])

    def check_against(self, S: int, A: int, H: int) -> None:
        """Raise ValueError unless the data fit a model with S states, A actions, horizon H."""
        if self.N and self.s.shape[1] != H:
            raise ValueError(f"offline data have horizon {self.s.shape[1]}, the MDP has H = {H}")
        if self.N and (max(self.s.max(), self.s2.max()) >= S or self.a.max() >= A):
            raise ValueError(f"offline data index a state >= S = {S} or an action >= A = {A}")


def empty(H: int) -> OfflineData:
    """An empty dataset of horizon H.

    References
    ----------
    Spec §3.3 (N_off = 0 recovers online NORA).
    """
    z = np.zeros((0, H), np.int64)
    return OfflineData(z, z, np.zeros((0, H)), z)


def behaviour_policy(mdp: TabularMDP, kind: str, mix: float = 0.5) -> np.ndarray:
    """Behaviour policy pi_b (H, S, A): "opt" (pi*), "unif", "bad" or "mix".

    "bad" = 0.6 (1 - pi*)/(A - 1) + 0.4 Uniform (avoids pi*'s actions: partial coverage);
    "mix" = mix pi* + (1 - mix) Uniform (finite c*_off).

    References
    ----------
    Spec §4.3 (the three behaviours of the authors' earlier hybrid code) and §4.4 (mixture).
    """
    if kind not in BEHAVIOURS:
        raise ValueError(f"behaviour must be one of {BEHAVIOURS}, got {kind!r}")
    if not 0.0 <= mix <= 1.0:
        raise ValueError(f"mix must lie in [0, 1], got {mix!r}")
    A = mdp.A
    star = greedy_as_stochastic(backward_induction(mdp).pi, A)
    unif = np.full_like(star, 1.0 / A)
    if kind == "opt":
        return star
    if kind == "unif":
        return unif
    if kind == "bad":
        return 0.6 * (1.0 - star) / (A - 1) + 0.4 * unif
    return mix * star + (1.0 - mix) * unif


def collect(mdp: TabularMDP, pi_b: np.ndarray, N: int, rng: np.random.Generator) -> OfflineData:
    """N trajectories of pi_b, sampled in parallel by inversion (rewards are the means r).

    References
    ----------
    Spec §2.4; Devroye (1986), §III.2 (inversion).
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError("rng must be a numpy.random.Generator")
    if int(N) != N or N < 0:
        raise ValueError(f"N must be a non-negative integer, got {N!r}")
    H, S = mdp.H, mdp.S
    pi_b = np.asarray(pi_b, dtype=np.float64)
    if pi_b.shape != (H, S, mdp.A):
        raise ValueError(f"pi_b must have shape {(H, S, mdp.A)}, got {pi_b.shape}")
    u = rng.random((2, int(N), H))
    s = np.zeros((N, H), np.int64)
    a, s2, rew = np.zeros_like(s), np.zeros_like(s), np.zeros((N, H))
    cur = _inverse(np.broadcast_to(mdp.mu0, (N, S)), rng.random(N))
    for h in range(H):
        s[:, h] = cur
        a[:, h] = _inverse(pi_b[h, cur], u[0, :, h])
        rew[:, h] = mdp.r_at(h)[cur, a[:, h]]
        cur = _inverse(mdp.P_at(h)[cur, a[:, h]], u[1, :, h])
        s2[:, h] = cur
    return OfflineData(s, a, rew, s2)


def _inverse(p: np.ndarray, u: np.ndarray) -> np.ndarray:
    c = np.cumsum(p, axis=-1)
    idx = (u[:, None] >= c).sum(-1)
    return np.minimum(idx, p.shape[-1] - 1)


def concentrability(mdp: TabularMDP, pi_b: np.ndarray) -> float:
    """Exact c*_off = max_h max_{s,a} d^{pi*}_h(s, a) / d^{pi_b}_h(s, a) (inf when uncovered).

    References
    ----------
    Spec §2.4 (single-policy concentrability; tabular upper bound), §7.11.
    """
    star = greedy_as_stochastic(backward_induction(mdp).pi, mdp.A)
    d_star, mu = occupancy(mdp, star), occupancy(mdp, pi_b)
    on = d_star > 1e-15
    if np.any(mu[on] <= 0.0):
        return float("inf")
    return float(np.max(d_star[on] / mu[on]))
