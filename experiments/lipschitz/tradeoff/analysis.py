"""Checks of ``lipschitz/tradeoff``.

* T5 bound corollary (proven: it follows from T4 for any measured eta(alpha)): the argmin over
  alpha of ``B(alpha, eps) = kappa L_u (eta(alpha) + alpha eps)/(1 - rho)`` is nonincreasing in
  eps, on every seed.
* The paper's qualitative claim on E2 (empirical, ``proven=False``): nominal cost (eps = 0)
  is nonincreasing in alpha up to L*, and the cost-optimal alpha at the largest eps is
  smaller than at eps = 0 (robustness bought by giving up nominal performance).  On E1 the
  spec expects *no* trade-off: that check passes when the shape is absent.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz.bounds import hard_check

from .._common import info_check, label, per_run_bound

__all__ = ["analyse"]


def analyse(results) -> list:
    """T5 checks of every setting.

    Parameters
    ----------
    results : theorylab.sweep.ResultSet

    Returns
    -------
    list of theorylab.regret.Check

    References
    ----------
    Reconstruction; see spec §4 T5 (Al Makdah, Krishnan, Pasqualetti 2022, abstract: trade-off
    between nominal performance and adversarial robustness).
    """
    eid, checks, a = results.experiment.id, [], "lipschitz"
    b = per_run_bound("T5 argmin-alpha nonincreasing in eps")
    for i, s in enumerate(results.settings):
        best = results.stacked(i, a, "bound_argmin")                       # (seeds, E)
        rise = np.maximum(np.diff(best, axis=1), 0).max(1)                  # > 0 means an increase
        checks.append(hard_check(b, rise, np.zeros_like(rise), np.ones(rise.size, bool), experiment=eid,
                                 setting=label(s), algorithm=a, rtol=0.0, atol=0.0))
        cost = results.stacked(i, a, "cost").mean(0)                        # (A, E)
        alphas, L = np.asarray(s["alphas"], float), float(results.first(i, a, "L_star"))
        below = alphas <= L
        nominal_ok = bool(np.all(np.diff(cost[below, 0]) <= 0))
        a0, a1 = alphas[np.argmin(cost[:, 0])], alphas[np.argmin(cost[:, -1])]
        shows = nominal_ok and a1 < a0
        name, expected = f"trade-off shape on {s['system']}", shows
        if s["system"] == "E1":               # the spec's counter-example: no trade-off expected
            name, expected = "no trade-off on E1 (spec counter-example)", not shows
        checks.append(info_check(eid, label(s), a, name, expected,
                                 f"nominal cost nonincreasing up to L*={L:.2f}: {nominal_ok}; cost-optimal alpha "
                                 f"{a0:g} at eps=0 vs {a1:g} at eps={s['eps'][-1]}", float(a1)))
    return checks
