"""Checks of robust/d_scaling: the fitted exponent of Regret(K)/sqrt(K) in d is at most 2."""
from __future__ import annotations

from .._scaling import size_checks


def analyse(results) -> list:
    """One rate check per algorithm on the d grid (the exponent itself is reported).

    References
    ----------
    Spec §4.4 T2 (DR-LSVI-UCB-like d^2 scaling; reconstruction).
    """
    return size_checks(results, "d", results.experiment.algorithms)
