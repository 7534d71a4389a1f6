"""Deterministic switch-count bounds and the theory step size of the rare-switching actor.

Count doubling (tabular): each switch after the first needs a pair (h, s, a) whose count
left zero or doubled since the last refit, so

    N_sw(K) <= H S A (1 + log2 K) + 1.

Determinant doubling (linear, and tabular one-hot with ridge lam): each switch after the
first needs some h whose log det Lambda_h grew by more than log 2, and
log det Lambda_h(K) - log det Lambda_h(0) <= d log(1 + K / (lam d)) (AM-GM, any offline
Lambda_h(0) >= lam I), so

    N_sw(K) <= H d log2(1 + K / (lam d)) + 1.

Step size balancing N_max log|A| / eta against eta H^2 K / 8 (spec §3.2):
eta = sqrt(8 N_max log|A| / (H^2 K)).
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["count_doubling_bound", "det_doubling_bound", "theory_eta"]


def count_doubling_bound(H: int, S: int, A: int, K) -> np.ndarray:
    """H S A (1 + log2 K) + 1, elementwise in K (K >= 1).

    References
    ----------
    Spec §3.2.2 (a) and §6 L10 (reconstruction; see spec §3.2.2); Bai et al. (2019),
    "Provably efficient Q-learning with low switching cost", NeurIPS (doubling trick).
    """
    K = np.asarray(K, dtype=np.float64)
    return H * S * A * (1.0 + np.log2(np.maximum(K, 1.0))) + 1.0


def det_doubling_bound(H: int, d: int, K, lam: float = 1.0) -> np.ndarray:
    """H d log2(1 + K / (lam d)) + 1, elementwise in K.

    References
    ----------
    Wang, Zhou, Li, Kolar, Zhang (2021), "Provably efficient RL with low switching cost /
    LSVI-UCB-RareSwitch", NeurIPS; spec §3.2.1 and §6 L6 (reconstruction; see spec §3.2.1).
    """
    K = np.asarray(K, dtype=np.float64)
    return H * d * np.log2(1.0 + K / (lam * d)) + 1.0


def theory_eta(n_max: float, A: int, H: int, K: int) -> float:
    """eta = sqrt(8 N_max log|A| / (H^2 K)) (spec §3.2 hyper-parameter table).

    References
    ----------
    Spec §3.2 (reconstruction; see spec §3.2); Cesa-Bianchi & Lugosi (2006), Thm 2.2
    (exponential weights with gains in [0, H]: log|A|/eta + eta H^2 T / 8).
    """
    if A < 2:
        return math.inf
    return math.sqrt(8.0 * float(n_max) * math.log(A) / (H * H * K))
