"""Helpers shared by the actor-critic analyses: problem dimensions of a setting, labels."""
from __future__ import annotations

import numpy as np

__all__ = ["dims", "label", "rng", "ANALYSIS_SEED"]

ANALYSIS_SEED = 20250506


def dims(setting: dict) -> tuple[int, int, int, int]:
    """(d, H, A, S) of a setting: d = S A for tabular instances, d_phi for linear ones.

    References
    ----------
    Spec §2.2 (BE dimension stand-ins: S A tabular, d_phi linear).
    """
    kind, H = setting["instance"], int(setting["H"])
    if kind == "lock":
        A = int(setting.get("A", 4))
        return (H + 1) * A, H, A, H + 1
    if kind == "riverswim":
        S = int(setting.get("S", 6))
        return 2 * S, H, 2, S
    if kind == "linear":
        return int(setting["d"]), H, int(setting["A"]), int(setting["S"])
    S, A = int(setting["S"]), int(setting["A"])
    return S * A, H, A, S


def label(setting: dict) -> str:
    """Short human label of a setting.

    References
    ----------
    ``theorylab.sweep.results`` labels.
    """
    keys = ("instance", "S", "A", "d", "H", "K", "behaviour")
    return ",".join(f"{k}={setting[k]}" for k in keys if k in setting)


def rng() -> np.random.Generator:
    """The seeded generator of the analyses' bootstraps.

    References
    ----------
    Design rule 3.
    """
    return np.random.default_rng(ANALYSIS_SEED)
