"""Finite-horizon tabular MDPs.

Symbols: S states, A actions, horizon H (stages h = 0..H-1), transition kernel
P[h, s, a, s'] = Pr(s_{h+1} = s' | s_h = s, a_h = a), mean reward r[h, s, a] in [0, 1] (or
any bounded range when ``reward_range`` says so), initial distribution mu0[s].

Stationary models keep P of shape (S, A, S) and r of shape (S, A) in memory (a (1000, 10,
100) problem would otherwise need 8 GB); kernels read them through :attr:`TabularMDP.P4`
and :attr:`TabularMDP.r3`, whose leading axis has length H or 1.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import as_float_array, check_positive_int, check_range, check_stochastic

__all__ = ["TabularMDP"]


@dataclass(frozen=True, eq=False)
class TabularMDP:
    """A finite-horizon MDP with known model.

    Parameters
    ----------
    P : ndarray(float, (H, S, A, S) or (S, A, S))
        Transition kernel, rows sum to 1 (checked to 1e-9).
    r : ndarray(float, (H, S, A) or (S, A))
        Mean rewards.
    H : int
        Horizon (number of decisions per episode), >= 1.
    mu0 : ndarray(float, (S,)) or int, optional
        Initial distribution, or an initial state index.  Default: state 0.
    reward_range : (float, float)
        Allowed range of ``r`` (default ``(0, 1)``; losses use the same range).
    name : str

    Raises
    ------
    ValueError
        Naming the field when shapes disagree, P is not stochastic, rewards leave their
        range, or H < 1.

    References
    ----------
    Puterman (1994), *Markov Decision Processes*, ch. 4 (finite-horizon models).
    """

    P: np.ndarray
    r: np.ndarray
    H: int
    mu0: np.ndarray | int | None = None
    reward_range: tuple = (0.0, 1.0)
    name: str = "tabular"

    def __post_init__(self):
        H = check_positive_int("H", self.H)
        P = as_float_array("P", self.P, (3, 4))
        r = as_float_array("r", self.r, (2, 3))
        S, A = P.shape[-3], P.shape[-2]
        if P.shape[-1] != S:
            raise ValueError(f"P must have shape (..., S, A, S); got {P.shape}")
        if P.ndim == 4 and P.shape[0] != H:
            raise ValueError(f"P has {P.shape[0]} stages but H = {H}")
        if r.shape[-2:] != (S, A):
            raise ValueError(f"r must have trailing shape (S, A) = {(S, A)}, got {r.shape}")
        if r.ndim == 3 and r.shape[0] != H:
            raise ValueError(f"r has {r.shape[0]} stages but H = {H}")
        check_stochastic("P", P)
        lo, hi = self.reward_range
        check_range("r", r, lo, hi)
        mu0 = self._initial(self.mu0, S)
        for k, v in (("H", H), ("P", P), ("r", r), ("mu0", mu0)):
            object.__setattr__(self, k, v)

    @staticmethod
    def _initial(mu0, S: int) -> np.ndarray:
        if mu0 is None:
            mu0 = 0
        if np.ndim(mu0) == 0:
            s0 = int(mu0)
            if not 0 <= s0 < S:
                raise ValueError(f"initial state {s0} outside 0..{S - 1}")
            out = np.zeros(S)
            out[s0] = 1.0
            return out
        out = as_float_array("mu0", mu0, (1,))
        if out.shape != (S,):
            raise ValueError(f"mu0 must have shape ({S},), got {out.shape}")
        check_stochastic("mu0", out)
        return out

    @property
    def S(self) -> int:
        """Number of states."""
        return self.P.shape[-3]

    @property
    def A(self) -> int:
        """Number of actions."""
        return self.P.shape[-2]

    @property
    def stationary(self) -> bool:
        """True when P and r do not depend on the stage."""
        return self.P.ndim == 3 and self.r.ndim == 2

    @property
    def P4(self) -> np.ndarray:
        """P with a leading stage axis of length H or 1 (a view, no copy)."""
        return self.P if self.P.ndim == 4 else self.P[None]

    @property
    def r3(self) -> np.ndarray:
        """r with a leading stage axis of length H or 1 (a view, no copy)."""
        return self.r if self.r.ndim == 3 else self.r[None]

    def P_at(self, h: int) -> np.ndarray:
        """Transition kernel of stage ``h``, shape (S, A, S)."""
        return self.P[h] if self.P.ndim == 4 else self.P

    def r_at(self, h: int) -> np.ndarray:
        """Mean rewards of stage ``h``, shape (S, A)."""
        return self.r[h] if self.r.ndim == 3 else self.r

    def with_rewards(self, r, reward_range=None) -> "TabularMDP":
        """The same dynamics with other rewards (e.g. an episode's loss table)."""
        rr = self.reward_range if reward_range is None else reward_range
        return TabularMDP(self.P, r, self.H, self.mu0, rr, self.name)

    @property
    def initial_state(self) -> int:
        """The initial state when mu0 is a point mass (raises otherwise)."""
        nz = np.flatnonzero(self.mu0)
        if nz.size != 1:
            raise ValueError("this MDP has a random initial state")
        return int(nz[0])
