"""Shared problem instances and the group/role marking of the benchmarks."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from theorylab.problems import random_linear_mdp, random_tabular


@lru_cache(maxsize=None)
def tabular(S: int, A: int, H: int, stationary: bool = True):
    """A random tabular MDP with a fixed seed (cached: the largest one takes a second to draw)."""
    return random_tabular(np.random.default_rng([S, A, H]), S, A, H, stationary=stationary)


@lru_cache(maxsize=None)
def linear(S: int, A: int, d: int, H: int):
    """A random linear MDP with a fixed seed."""
    return random_linear_mdp(np.random.default_rng([S, A, d, H]), S, A, d, H)


def mark(benchmark, group: str, role: str, target: float | None = None, **info) -> None:
    """Put ``benchmark`` in ``group`` with its role (and target, and extra numbers)."""
    benchmark.group = group
    benchmark.extra_info["role"] = role
    if target is not None:
        benchmark.extra_info["target"] = target
    benchmark.extra_info.update(info)
