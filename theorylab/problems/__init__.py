"""Problem data only: MDPs with known models and named instances.

Symbols: S states, A actions, H horizon, d feature dimension, P transition kernel,
r mean rewards (or losses) in [0, 1], phi features, mu factor measures, theta reward
parameters, mu0 initial distribution.
"""
from .library import (REGISTRY, combination_lock, make, random_linear_mdp, random_tabular,
                      riverswim, tabular_as_linear)
from .linear import LinearMDP
from .tabular import TabularMDP

__all__ = ["TabularMDP", "LinearMDP", "riverswim", "combination_lock", "random_tabular",
           "random_linear_mdp", "tabular_as_linear", "REGISTRY", "make"]
