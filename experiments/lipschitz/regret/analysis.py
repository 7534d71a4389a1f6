"""Checks of ``lipschitz/regret`` (both algorithms are alpha-Lipschitz, so T3 applies to both).

* T3 (proven, deterministic, on runs whose learned and expert trajectories stay in X):
  ``|J_T(h) - J_T(h*)|`` at most the a-priori T3 bound built from the certified sup error.
* Trajectory-wise certificate (proven, every finite run): ``|J_T(h) - J_T(h*)| <= sum_t
  ||Q|| ||x_t + x*_t|| ||x_t - x*_t|| + ||R|| ||u_t + u*_t|| ||u_t - u*_t||``.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz.bounds import hard_check

from .._common import label, per_run_bound

__all__ = ["analyse"]


def analyse(results) -> list:
    """T3 checks of every (setting, algorithm).

    Parameters
    ----------
    results : theorylab.sweep.ResultSet

    Returns
    -------
    list of theorylab.regret.Check

    References
    ----------
    Reconstruction; see spec §4 T3 (Al Makdah, Krishnan, Pasqualetti 2022, regret bound).
    """
    eid, checks = results.experiment.id, []
    t3 = per_run_bound("T3 regret (quadratic cost)")
    cert = per_run_bound("T3 trajectory-wise certificate")
    for i, s in enumerate(results.settings):
        for a in results.experiment.algorithms:
            if not results.has(i, a):
                continue
            reg = np.abs(results.stacked(i, a, "regret")).ravel()
            ok = results.stacked(i, a, "counted").ravel().astype(bool)
            checks.append(hard_check(t3, reg, results.stacked(i, a, "bound").ravel(), ok, experiment=eid,
                                     setting=label(s), algorithm=a))
            c = results.stacked(i, a, "certificate").ravel()
            checks.append(hard_check(cert, reg, c, np.isfinite(reg) & np.isfinite(c), experiment=eid,
                                     setting=label(s), algorithm=a))
    return checks
