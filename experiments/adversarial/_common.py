"""Helpers shared by the adversarial experiments' analyses (pure functions of a ResultSet).

K-scaling experiments run one setting per K (the schedules depend on K, spec §4.3), so a
regret-versus-K trace is assembled from the final pseudo-regret of each K-setting of a group.
"""
from __future__ import annotations

import numpy as np

from theorylab.regret import RegretTrace

__all__ = ["group_indices", "k_trace", "final"]


def group_indices(results, group: str) -> list[int]:
    """Setting indices whose ``group`` field equals ``group``, ordered by K.

    References
    ----------
    Spec §4.3 (parameters recomputed for each K).
    """
    idx = [i for i, s in enumerate(results.settings) if s.get("group") == group]
    return sorted(idx, key=lambda i: results.settings[i]["K"])


def final(results, i: int, algorithm: str, name: str = "pseudo") -> np.ndarray:
    """Last checkpoint value of array ``name`` for every seed, shape (n_seeds,).

    References
    ----------
    Design rule 6 (analysis reads stored arrays only).
    """
    return results.stacked(i, algorithm, name)[:, -1]


def k_trace(results, group: str, algorithm: str) -> RegretTrace:
    """RegretTrace of final pseudo-regret against K over the settings of one group.

    Seeds are independent across K-settings; row j holds seed j of every K, so the seed
    bootstrap of :func:`theorylab.stats.bootstrap_slope` resamples independent rows.

    References
    ----------
    Design rule 5 (slopes with a seeded bootstrap over seeds).
    """
    idx = group_indices(results, group)
    Ks = np.array([results.settings[i]["K"] for i in idx])
    n = min(results.stacked(i, algorithm, "pseudo").shape[0] for i in idx)
    Y = np.stack([final(results, i, algorithm)[:n] for i in idx], axis=1)
    return RegretTrace(algorithm, Ks, Y, setting=group)
