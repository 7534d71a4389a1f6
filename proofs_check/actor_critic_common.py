"""Random instances shared by the actor-critic lemma checks (no NAME: not a lemma itself)."""
from __future__ import annotations

import numpy as np

from theorylab.problems import random_tabular

__all__ = ["random_instance", "random_policy", "SIZES"]

SIZES = {"quick": 40, "full": 400}


def random_instance(rng: np.random.Generator, size: str):
    """A random tabular MDP with S in [3, 30], A in [2, 8], H in [2, 15] (quick: smaller ranges).

    References
    ----------
    Spec §6 (L1, L2 random instances).
    """
    hi = (10, 5, 8) if size == "quick" else (30, 8, 15)
    S, A, H = int(rng.integers(3, hi[0] + 1)), int(rng.integers(2, hi[1] + 1)), int(rng.integers(2, hi[2] + 1))
    return random_tabular(rng, S, A, H)


def random_policy(rng: np.random.Generator, mdp) -> np.ndarray:
    """A random stochastic policy (H, S, A) with Dirichlet(1) rows.

    References
    ----------
    Spec §6 L1.
    """
    return rng.dirichlet(np.ones(mdp.A), size=(mdp.H, mdp.S))
