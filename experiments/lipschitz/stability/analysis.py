"""Checks of ``lipschitz/stability``.

* T2(a) trajectory-wise (proven, deterministic, every run incl. divergent ones):
  ``||x_t - x*_t|| <= kappa L_u sum_{s<t} rho^{t-1-s} ||h(x_s) - h*(x_s)||``.
* T2(a) closed form (proven on the runs whose learned and expert trajectories stay in X;
  the others are flagged, not counted -- spec pitfall P2): ``kappa L_u eta (1-rho^t)/(1-rho)``.
* T2(b) small gain (proven where ``h(0) = h*(0)`` and the small-gain condition hold):
  ``||x_t|| <= kappa (rho + kappa L_u (alpha + L*))^t ||x_0||``.
* Divergence below the stabilising threshold on E1 (empirical, ``proven=False``).
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz.bounds import hard_check

from .._common import info_check, label, per_run, per_run_bound, stack

__all__ = ["analyse"]


def analyse(results) -> list:
    """T2 checks of every setting.

    Parameters
    ----------
    results : theorylab.sweep.ResultSet

    Returns
    -------
    list of theorylab.regret.Check

    References
    ----------
    Reconstruction; see spec §4 T2 (Al Makdah, Krishnan, Pasqualetti 2022, robust stability).
    """
    eid, checks, a = results.experiment.id, [], "lipschitz"
    for i, s in enumerate(results.settings):
        lab = label(s)
        dev, traj = stack(results, i, a, "dev"), stack(results, i, a, "traj_bound")
        counted = stack(results, i, a, "counted").ravel().astype(bool)
        closed = per_run(results, i, a, "closed_bound", dev.shape[0])
        checks.append(hard_check(per_run_bound("T2(a) trajectory-wise"), dev, traj, np.ones(dev.shape[0], bool),
                                 experiment=eid, setting=lab, algorithm=a))
        checks.append(hard_check(per_run_bound("T2(a) closed form"), dev, closed, counted, experiment=eid, setting=lab,
                                 algorithm=a))
        h0, sg = per_run(results, i, a, "h0_err", dev.shape[0]), per_run(results, i, a, "sg_holds", dev.shape[0])
        if s.get("anchor", False):
            checks.append(hard_check(per_run_bound("T2(b) small gain"), stack(results, i, a, "norm"),
                                     stack(results, i, a, "sg_bound"), (h0 <= 1e-9) & (sg == 1),
                                     experiment=eid, setting=lab, algorithm=a))
        L_star = float(results.first(i, a, "L_star"))
        if s["system"] == "E1" and float(results.first(i, a, "alpha")) < 0.5 * L_star:
            div = stack(results, i, a, "diverged").ravel()
            checks.append(info_check(eid, lab, a, "divergence below the stabilising alpha (P3)", bool(div.all()),
                                     f"{int(div.sum())}/{div.size} runs diverged (||x|| > 1e3), logged as inf",
                                     float(div.mean())))
    return checks
