"""Helpers shared by the lipschitz analyses (pure functions of a ResultSet)."""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz.bounds import CITATION
from theorylab.regret import Bound
from theorylab.regret.check import Check

__all__ = ["stack", "per_run", "label", "analysis_rng", "info_check", "per_run_bound"]


def stack(results, i: int, algorithm: str, name: str) -> np.ndarray:
    """Array ``name`` of every seed, the seed axis merged with the runs axis for arrays of 2+ dims per seed."""
    a = results.stacked(i, algorithm, name)
    return a.reshape(-1, *a.shape[2:]) if a.ndim >= 3 else a


def per_run(results, i: int, algorithm: str, name: str, runs: int) -> np.ndarray:
    """A per-seed array repeated so that it has one row per run (``runs`` rows in all)."""
    a = results.stacked(i, algorithm, name)
    return np.repeat(a, runs // a.shape[0], axis=0)


def label(setting: dict) -> str:
    """Short label of a setting (scalar entries only)."""
    return ",".join(f"{k}={v}" for k, v in setting.items() if not isinstance(v, (list, tuple, dict)))


def analysis_rng(results, i: int, salt: int) -> np.random.Generator:
    """Deterministic generator for the bootstraps of setting ``i``."""
    return np.random.default_rng([results.experiment.root_seed, i, salt])


def info_check(experiment: str, setting: str, algorithm: str, name: str, passed: bool, detail: str,
               value: float = float("nan")) -> Check:
    """An empirical (not proven) shape check: reported, never gating (``proven=False``)."""
    return Check(experiment, setting, algorithm, name, "empirical; reconstruction; see spec §4-5", "bound",
                 bool(passed), float("nan"), (float("nan"), float("nan")), float("nan"), float(value),
                 "at_most", False, True, 0, 0, detail)


def per_run_bound(name: str) -> Bound:
    """The reconstruction Bound named ``name`` that ``hard_check`` reports against.

    ``hard_check`` reads only the name, citation and reconstruction flag: the bound's values
    are per-run arrays stored by the cell, so the value function is the identity placeholder.
    """
    return Bound(name, CITATION, lambda x: np.asarray(x, float), reconstruction=True)
