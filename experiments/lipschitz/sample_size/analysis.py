"""Checks of ``lipschitz/sample_size``.

* T1(a) (proven, deterministic): at every grid point the sup error is at most
  ``res_inf + (alpha + L*) r_N`` -- zero violations allowed on every run.
* T1(c) rate (proven): for alpha >= L* the log-log slope of the fill distance and of the sup
  error vs N must not be significantly steeper-than-allowed, i.e. its bootstrap CI must reach
  the slope of ``(log N / N)^{1/n}`` on the same grid (``check_rate``, expect "at_most").
* Consistency with -1/n (empirical, ``proven=False`` at quick size): the 95% bootstrap CI of
  the sup error's slope contains -1/n.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from theorylab.algorithms.lipschitz.bounds import hard_check, t1_rate
from theorylab.regret import Bound, RegretTrace, check_rate

from .._common import analysis_rng, info_check, label, per_run_bound, stack

__all__ = ["analyse"]


def _log_rate(n: int) -> Bound:
    return replace(t1_rate(n), name=f"T1(c) (log N / N)^(1/{n})",
                   shape=lambda N: (np.log(np.asarray(N, float)) / np.asarray(N, float)) ** (1.0 / n))


def analyse(results) -> list:
    """T1 checks of every setting.

    Parameters
    ----------
    results : theorylab.sweep.ResultSet

    Returns
    -------
    list of theorylab.regret.Check

    References
    ----------
    Reconstruction; see spec §4 T1 (Al Makdah, Krishnan, Pasqualetti 2022, finite-sample bound).
    """
    eid, checks = results.experiment.id, []
    t1a = per_run_bound("T1(a) res_inf + (alpha+L*) r_N")
    for i, s in enumerate(results.settings):
        lab, n = label(s), 2
        eta, bnd = stack(results, i, "lipschitz", "eta_grid"), stack(results, i, "lipschitz", "t1a_bound")
        checks.append(hard_check(t1a, eta, bnd, np.ones(eta.shape[0], bool), experiment=eid, setting=lab,
                                 algorithm="lipschitz"))
        if s["alpha_factor"] < 1.0:
            continue
        Ns = results.first(i, "lipschitz", "checkpoints")
        for j, name in enumerate(("r_N", "eta_grid")):
            tr = RegretTrace(f"lipschitz:{name}", Ns, stack(results, i, "lipschitz", name), setting=lab)
            c = check_rate(tr, _log_rate(n), rng=analysis_rng(results, i, j), experiment=eid)
            checks.append(c)
            lo, hi = c.slope_ci
            checks.append(info_check(eid, lab, f"lipschitz:{name}", f"slope CI contains -1/{n}",
                                     lo <= -1.0 / n <= hi, f"slope {c.slope:.3f} CI [{lo:.3f}, {hi:.3f}]", c.slope))
    return checks
