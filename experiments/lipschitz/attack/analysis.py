"""Checks of ``lipschitz/attack``.

* T4 (proven, deterministic, on runs whose attacked, nominal and expert trajectories stay in
  X): ``|J_T(h, delta) - J_T(h, 0)|`` at most the T4 bound, for every adversary and eps.
* Sensitivity grows with alpha (empirical, ``proven=False``): the least-squares slope through
  the origin of the greedy adversary's mean deterioration vs eps increases with alpha across
  the settings (spec §4 T4 "its slope in eps increases with alpha").
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz.bounds import hard_check

from .._common import info_check, label, per_run_bound

__all__ = ["analyse"]


def analyse(results) -> list:
    """T4 checks of every setting and the cross-setting sensitivity ordering.

    Parameters
    ----------
    results : theorylab.sweep.ResultSet

    Returns
    -------
    list of theorylab.regret.Check

    References
    ----------
    Reconstruction; see spec §4 T4 (Al Makdah, Krishnan, Pasqualetti 2022, robustness bound).
    """
    eid, checks, a = results.experiment.id, [], "lipschitz"
    t4 = per_run_bound("T4 deterioration")
    alphas, slopes = [], []
    for i, s in enumerate(results.settings):
        det, bnd = results.stacked(i, a, "deterioration"), results.stacked(i, a, "bound")
        ok = results.stacked(i, a, "counted").astype(bool)
        checks.append(hard_check(t4, det.ravel(), bnd.ravel(), ok.ravel(), experiment=eid, setting=label(s),
                                 algorithm=a))
        eps = np.asarray(s["eps"], float)
        g = det[:, list(s["adversaries"]).index("greedy")].mean(axis=(0, 2))
        alphas.append(float(results.first(i, a, "alpha")))
        slopes.append(float(eps @ g / (eps @ eps)))
    order = np.argsort(alphas)
    inc = bool(np.all(np.diff(np.asarray(slopes)[order]) > 0))
    pairs = ", ".join(f"alpha={alphas[j]:g}: {slopes[j]:.3g}" for j in order)
    checks.append(info_check(eid, "all settings", a, "T4 sensitivity slope increases with alpha", inc,
                             f"greedy deterioration slope in eps -- {pairs}"))
    return checks
