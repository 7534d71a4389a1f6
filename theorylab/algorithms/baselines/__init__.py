"""Baselines of the foundation: UCBVI-CH (tabular) and LSVI-UCB (linear MDPs).

Each is a frozen config plus a run function whose whole K-episode loop is one numba kernel
call, and a plain-numpy implementation of the same update (``*_numpy``) for tests and
benchmarks.  Cell functions for the experiments live in :mod:`.tasks`.
"""
from .lsvi_ucb import LSVIUCBConfig, lsvi_ucb, lsvi_ucb_beta, lsvi_ucb_numpy
from .ucbvi import UCBVIConfig, ucbvi, ucbvi_log_factor, ucbvi_numpy

__all__ = ["UCBVIConfig", "ucbvi", "ucbvi_numpy", "ucbvi_log_factor", "LSVIUCBConfig", "lsvi_ucb",
           "lsvi_ucb_numpy", "lsvi_ucb_beta"]
