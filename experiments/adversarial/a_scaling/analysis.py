"""Checks of adversarial/a_scaling.

* T1 (LB-PO) and T2 (MR-PO) explicit reconstructed bounds at every A (final K; proven).
* The spec §4.3 direction, MR-PO below LB-PO at the largest A (bootstrap CI of the mean
  difference above 0), and the log-log slopes of regret in A, reported with
  ``proven=False``: the A-exponents are the spec's prediction, not a theorem of the paper.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.adversarial_linear import bounds as B
from theorylab.regret import Check, RegretTrace, check_bound
from theorylab.stats import bootstrap_ci, bootstrap_slope

from .._common import final

ID = "adversarial/a_scaling"


def _a_slope(results, alg, rng):
    As = np.array([s["A"] for s in results.settings])
    Y = np.stack([final(results, i, alg) for i in range(len(As))], axis=1)
    return As, Y, bootstrap_slope(As, Y, rng=rng, n_boot=1000)


def _direction(results, rng) -> Check:
    i = int(np.argmax([s["A"] for s in results.settings]))
    diff = final(results, i, "LB-PO") - final(results, i, "MR-PO")
    m, lo, hi = bootstrap_ci(diff[:, None], rng=rng, n_boot=1000)
    _, _, (s_lb, lo_lb, hi_lb) = _a_slope(results, "LB-PO", rng)
    _, _, (s_mr, lo_mr, hi_mr) = _a_slope(results, "MR-PO", rng)
    A = results.settings[i]["A"]
    detail = (f"A={A}: LB-PO - MR-PO = {m[0]:.1f} [{lo[0]:.1f}, {hi[0]:.1f}]; A-slopes LB-PO {s_lb:.3f} "
              f"[{lo_lb:.3f}, {hi_lb:.3f}], MR-PO {s_mr:.3f} [{lo_mr:.3f}, {hi_mr:.3f}]")
    return Check(ID, f"A={A}", "MR-PO vs LB-PO", "spec §4.3: MR-PO below LB-PO for large A",
                 "reconstruction; see spec §4.3", "rate", bool(lo[0] > 0), s_mr, (lo_mr, hi_mr), s_lb,
                 float("nan"), "at_most", False, True, 0, diff.size, detail)


def analyse(results) -> list:
    """Bound checks per A plus the LB-PO/MR-PO direction check.

    References
    ----------
    Spec §4 (T1, T2) and §4.3 (A-dependence test).
    """
    rng = np.random.default_rng(2024)
    out = []
    for i, s in enumerate(results.settings):
        A, K, sc = s["A"], s["K"], s.get("eta_scale", 1.0)
        for alg, bound in (("LB-PO", B.theorem1(1, s["d"], A, sc)), ("MR-PO", B.theorem2(1, s["d"], A, sc))):
            tr = RegretTrace(alg, np.array([K]), final(results, i, alg)[:, None], setting=f"A={A}")
            out.append(check_bound(tr, bound, rng=rng, experiment=ID, n_boot=500))
    out.append(_direction(results, rng))
    return out
