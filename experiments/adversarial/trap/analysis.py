"""Checks of adversarial/trap (reported, ``proven=False``: the constants are ours).

* bonus helps (spec §4.1 I-TRAP): at the largest K, the seed-bootstrap 95 % CI of
  mean(no-bonus) - mean(bonus) lies above 0, for log-barrier (LB-NOBONUS vs LB-PO) and
  exponential weights (EXP-NOBONUS vs MR-PO);
* the bonus-free learners and UNIF are linear: slope steeper than sqrt K.
"""
from __future__ import annotations

import numpy as np

from theorylab.regret import Check, check_rate, sqrt_rate
from theorylab.stats import bootstrap_ci

from .._common import final, group_indices, k_trace

ID = "adversarial/trap"
PAIRS = (("LB-NOBONUS", "LB-PO"), ("EXP-NOBONUS", "MR-PO"))


def _bonus_helps(results, group, nobonus, bonus, rng) -> Check:
    i = group_indices(results, group)[-1]
    a, b = final(results, i, nobonus), final(results, i, bonus)
    m, lo, hi = bootstrap_ci((a - b)[:, None], rng=rng, n_boot=2000)
    K = results.settings[i]["K"]
    detail = (f"K={K}: {nobonus} {a.mean():.1f} vs {bonus} {b.mean():.1f}; difference {m[0]:.1f} "
              f"[{lo[0]:.1f}, {hi[0]:.1f}]")
    return Check(ID, group, f"{nobonus} vs {bonus}", "spec §4.1 I-TRAP: PO without bonuses under-explores",
                 "reconstruction; see spec §4.1", "bound", bool(lo[0] > 0), float(m[0]), (float(lo[0]), float(hi[0])),
                 0.0, float("nan"), "faster", False, True, 0, a.size, detail)


def analyse(results) -> list:
    """Bonus-vs-no-bonus comparisons and linear-regret checks (all reported).

    References
    ----------
    Spec §4.1 (I-TRAP) and §3.4 (EXP-NOBONUS, LB-NOBONUS).
    """
    rng = np.random.default_rng(2028)
    out = []
    for group in sorted({s["group"] for s in results.settings}):
        first = group_indices(results, group)[0]
        out += [_bonus_helps(results, group, nb, b, rng) for nb, b in PAIRS
                if results.has(first, nb) and results.has(first, b)]
        for alg in ("LB-NOBONUS", "EXP-NOBONUS", "UNIF"):
            if results.has(first, alg):
                out.append(check_rate(k_trace(results, group, alg), sqrt_rate(), rng=rng, expect="faster",
                                      experiment=ID, proven=False, n_boot=1000))
    return out
