"""Checks of adversarial/simulator_free (all reported, ``proven=False``).

* LB-PO-LinMDP slope at most 8/9 (T3, rate only; spec §3.3 "validate only slope <= 8/9");
* LUO21-SF slope at most 14/15 (rate only);
* "beats the Luo-style MGR variant" (spec §3.3): bootstrap CI of LUO21-SF - LB-PO-LinMDP at
  the largest K above 0;
* UNIF steeper than sqrt K (the adversary is not trivially easy).
The algorithms and schedules are reconstructions (no algorithm box, no constants), so no
check is ``proven``.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.adversarial_linear import bounds as B
from theorylab.regret import Check, check_rate, sqrt_rate
from theorylab.stats import bootstrap_ci

from .._common import final, group_indices, k_trace

ID = "adversarial/simulator_free"


def _beats(results, group, rng) -> Check:
    i = group_indices(results, group)[-1]
    diff = final(results, i, "LUO21-SF") - final(results, i, "LB-PO-LinMDP")
    m, lo, hi = bootstrap_ci(diff[:, None], rng=rng, n_boot=1000)
    K = results.settings[i]["K"]
    detail = f"K={K}: LUO21-SF - LB-PO-LinMDP = {m[0]:.1f} [{lo[0]:.1f}, {hi[0]:.1f}]"
    return Check(ID, group, "LB-PO-LinMDP vs LUO21-SF", "spec §3.3: beats the Luo-style MGR variant",
                 "reconstruction; see spec §3.3", "rate", bool(lo[0] > 0), float(m[0]), (float(lo[0]), float(hi[0])),
                 0.0, float("nan"), "faster", False, True, 0, diff.size, detail)


def analyse(results) -> list:
    """Rate-only checks of the simulator-free learners plus the comparison (all reported).

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), abstract (K^{8/9} vs K^{14/15}); spec §3.3 and §4.4.
    """
    rng = np.random.default_rng(2026)
    out = []
    for group in sorted({s["group"] for s in results.settings}):
        first = group_indices(results, group)[0]
        for alg, bound in (("LB-PO-LinMDP", B.theorem3_rate()), ("LUO21-SF", B.luo21_simfree_rate())):
            if results.has(first, alg):
                out.append(check_rate(k_trace(results, group, alg), bound, rng=rng, experiment=ID,
                                      proven=False, n_boot=1000))
        if results.has(first, "LB-PO-LinMDP") and results.has(first, "LUO21-SF"):
            out.append(_beats(results, group, rng))
        if results.has(first, "UNIF"):
            out.append(check_rate(k_trace(results, group, "UNIF"), sqrt_rate(), rng=rng, expect="faster",
                                  experiment=ID, proven=False, n_boot=1000))
    return out
