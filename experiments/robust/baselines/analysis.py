"""Checks of robust/baselines: the k_scaling checks on the xi_norm = 0.2 instance."""
from __future__ import annotations

from ..k_scaling.analysis import analyse as _k_scaling


def analyse(results) -> list:
    """Robust learners sublinear (proven); non-robust linear iff rho > rho* = 0.376 (reported).

    References
    ----------
    Spec §4.4 T7 and §5.1 (switching radius).
    """
    return _k_scaling(results)
