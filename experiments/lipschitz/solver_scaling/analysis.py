"""Checks of ``lipschitz/solver_scaling``.

* Agreement (proven: both solve the same convex problem): constraint generation's values match
  the all-pairs optimum to 1e-5 (max abs), wherever both ran.
* Certificate (proven): every solver's measured global Lipschitz constant is <= alpha (1 + 1e-6).
Wall times are reported in the details (speed is asserted only in ``benchmarks/``).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from theorylab.algorithms.lipschitz.bounds import hard_check

from .._common import label, per_run_bound

__all__ = ["analyse"]


def analyse(results) -> list:
    """Agreement and certificate checks of every N.

    Parameters
    ----------
    results : theorylab.sweep.ResultSet

    Returns
    -------
    list of theorylab.regret.Check

    References
    ----------
    Reconstruction; see spec §3.2 (constraint generation returns the all-pairs optimum).
    """
    eid, checks = results.experiment.id, []
    agree = per_run_bound("CG = all-pairs to 1e-5")
    cert = per_run_bound("measured constant <= alpha(1+1e-6)")
    for i, s in enumerate(results.settings):
        ran = set()
        for a in results.experiment.algorithms:
            if results.has(i, a) and np.all(np.isfinite(results.stacked(i, a, "seconds"))):
                ran.add(a)
                lip, al = results.stacked(i, a, "lipschitz"), results.stacked(i, a, "alpha")
                checks.append(hard_check(cert, lip, al, np.ones(lip.size, bool), experiment=eid, setting=label(s),
                                         algorithm=a, rtol=1e-6, atol=0.0))
        if len(ran) == 2:
            d = np.abs(results.stacked(i, "all_pairs", "v") - results.stacked(i, "constraint_generation", "v")).max(1)
            t = [float(results.stacked(i, a, "seconds").mean()) for a in ("all_pairs", "constraint_generation")]
            c = hard_check(agree, d, np.full(d.shape, 1e-5), np.ones(d.size, bool), experiment=eid, setting=label(s),
                           algorithm="constraint_generation", rtol=0.0, atol=0.0)
            checks.append(replace(c, detail=c.detail + f"; mean seconds all-pairs {t[0]:.2f}, constraint "
                                  f"generation {t[1]:.2f}; max |dv| {d.max():.2e}"))
    return checks
