"""Checks of adversarial/d_scaling.

* T1/T2 explicit reconstructed bounds at every d (final K; proven).
* Log-log slope of regret in d at most the slope of sqrt(d) (seed bootstrap), reported with
  ``proven=False``: the d-exponents of T1/T2 are our reconstruction (spec Appendix A).
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.adversarial_linear import bounds as B
from theorylab.regret import Bound, RegretTrace, check_bound, check_rate

from .._common import final

ID = "adversarial/d_scaling"
_SQRT_D = Bound("sqrt(d)", "reconstruction; see spec §4.3 (d-dependence)", None,
                lambda d: np.sqrt(np.asarray(d, dtype=np.float64)), explicit_constants=False,
                reconstruction=True)


def analyse(results) -> list:
    """Bound checks per d plus the d-slope checks.

    References
    ----------
    Spec §4 (T1, T2) and §4.3 (d-dependence: growth at most sqrt(d)).
    """
    rng = np.random.default_rng(2025)
    out = []
    ds = np.array([s["d"] for s in results.settings])
    for alg in ("LB-PO", "MR-PO"):
        for i, s in enumerate(results.settings):
            A, K, sc = s["A"], s["K"], s.get("eta_scale", 1.0)
            bound = B.theorem1(1, s["d"], A, sc) if alg == "LB-PO" else B.theorem2(1, s["d"], A, sc)
            tr = RegretTrace(alg, np.array([K]), final(results, i, alg)[:, None], setting=f"d={s['d']}")
            out.append(check_bound(tr, bound, rng=rng, experiment=ID, n_boot=500))
        Y = np.stack([final(results, i, alg) for i in range(ds.size)], axis=1)
        tr = RegretTrace(alg, ds, Y, setting="d-scaling")
        out.append(check_rate(tr, _SQRT_D, rng=rng, experiment=ID, proven=False, n_boot=1000))
    return out
