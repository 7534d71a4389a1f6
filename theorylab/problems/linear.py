"""Finite-horizon linear MDPs (Jin, Yang, Wang, Jordan 2020).

Features phi[s, a] in R^d with ||phi(s, a)||_2 <= 1, factor measures mu[h] of shape (d, S)
and reward parameters theta[h] in R^d such that

    P_h(s' | s, a) = <phi(s, a), mu_h(s')>,      r_h(s, a) = <phi(s, a), theta_h>.

The class checks that phi @ mu_h is a valid kernel (non-negative, rows sum to 1) and that
the rewards lie in [0, 1]; :meth:`LinearMDP.to_tabular` gives the exact tabular model that
the planning oracles use.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import ATOL, as_float_array, check_positive_int, check_range, check_stochastic
from .tabular import TabularMDP

__all__ = ["LinearMDP"]


@dataclass(frozen=True, eq=False)
class LinearMDP:
    """A linear MDP with known features, factor measures and reward parameters.

    Parameters
    ----------
    phi : ndarray(float, (S, A, d))
        Features, each of Euclidean norm at most 1.
    mu : ndarray(float, (H, d, S))
        Factor measures; ``phi @ mu[h]`` must be a stochastic kernel.
    theta : ndarray(float, (H, d))
        Reward parameters; ``phi @ theta[h]`` must lie in [0, 1].
    mu0 : ndarray(float, (S,)) or int, optional
        Initial distribution or state (default state 0).
    name : str

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), "Provably efficient RL with linear function
    approximation", COLT, Assumption A (linear MDP).
    """

    phi: np.ndarray
    mu: np.ndarray
    theta: np.ndarray
    mu0: np.ndarray | int | None = None
    name: str = "linear"

    def __post_init__(self):
        phi = as_float_array("phi", self.phi, (3,))
        mu = as_float_array("mu", self.mu, (3,))
        theta = as_float_array("theta", self.theta, (2,))
        S, A, d = phi.shape
        H = check_positive_int("H (mu.shape[0])", mu.shape[0])
        if mu.shape != (H, d, S):
            raise ValueError(f"mu must have shape (H, d, S) = ({H}, {d}, {S}), got {mu.shape}")
        if theta.shape != (H, d):
            raise ValueError(f"theta must have shape (H, d) = ({H}, {d}), got {theta.shape}")
        norms = np.linalg.norm(phi, axis=-1)
        if norms.max() > 1 + ATOL:
            s, a = np.unravel_index(np.argmax(norms), norms.shape)
            raise ValueError(f"features must have norm <= 1; ||phi({s}, {a})|| = {norms[s, a]:.6g}")
        P = np.einsum("sad,hdt->hsat", phi, mu)
        check_stochastic("phi @ mu (the induced kernel P)", P)
        check_range("phi @ theta (the induced rewards r)", np.einsum("sad,hd->hsa", phi, theta), 0.0, 1.0)
        object.__setattr__(self, "phi", phi)
        object.__setattr__(self, "mu", mu)
        object.__setattr__(self, "theta", theta)
        object.__setattr__(self, "mu0", TabularMDP._initial(self.mu0, S))

    S = property(lambda self: self.phi.shape[0], doc="Number of states.")
    A = property(lambda self: self.phi.shape[1], doc="Number of actions.")
    d = property(lambda self: self.phi.shape[2], doc="Feature dimension.")
    H = property(lambda self: self.mu.shape[0], doc="Horizon.")

    def to_tabular(self) -> TabularMDP:
        """The exact tabular model: P[h] = phi @ mu[h], r[h] = phi @ theta[h]."""
        P = np.einsum("sad,hdt->hsat", self.phi, self.mu)
        P = np.clip(P, 0.0, None)
        P /= P.sum(axis=-1, keepdims=True)
        r = np.clip(np.einsum("sad,hd->hsa", self.phi, self.theta), 0.0, 1.0)
        return TabularMDP(P, r, self.H, self.mu0, name=self.name)
