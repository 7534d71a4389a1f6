"""Checks of robust/h_scaling: the fitted exponent of Regret(K)/sqrt(K) in H is at most 2."""
from __future__ import annotations

from .._scaling import size_checks


def analyse(results) -> list:
    """One rate check per algorithm on the H grid (the exponent itself is reported).

    References
    ----------
    Spec §4.4 T3 (average-suboptimality scale; reconstruction).
    """
    return size_checks(results, "H", results.experiment.algorithms)
