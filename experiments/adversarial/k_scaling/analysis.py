"""Checks of adversarial/k_scaling (pure functions of the ResultSet).

Per group of K-settings: explicit (reconstructed) bounds T1/T2 for LB-PO/MR-PO, the
Hedge bound for FULLINFO and the OMD bound for O-REPS (check_bound); slopes against the bound's own slope (check_rate);
on ADV-LB the slope floor 0.4 (spec §4.3; reported, ``proven=False``: with quick seed counts
the slope CI is about +-0.2 wide); FTL and UNIF "expected linear" on the fixed-gap group
(slope steeper than sqrt K; reported).  LB-PO/MR-PO/LUO21 slopes on the fixed-gap groups
(``gap``: K = 2^10..2^16, ``late``: K = 2^15..2^20, full size only) are reported with
``proven=False``: a finite-K log-log slope is not a consequence of the theorems, and at
``gap`` sizes the runs are pre-asymptotic (see README).
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.adversarial_linear import bounds as B
from theorylab.regret import check_bound, check_rate, sqrt_rate

from .._common import group_indices, k_trace

ID = "adversarial/k_scaling"


def _sizes(results, group):
    s = results.settings[group_indices(results, group)[0]]
    A = s.get("A", 3)
    if s["instance"] == "lb":
        return 1, A, A
    return s.get("H", 3), s.get("S", 3) * A, A


def _group_checks(results, group, rng) -> list:
    H, d, A = _sizes(results, group)
    scale = results.settings[group_indices(results, group)[0]].get("eta_scale", 1.0)
    lb = group in ("lb", "tab")
    out = []
    for alg, bound in (("LB-PO", B.theorem1(H, d, A, scale)), ("MR-PO", B.theorem2(H, d, A, scale))):
        if not results.has(group_indices(results, group)[0], alg):
            continue
        tr = k_trace(results, group, alg)
        out.append(check_bound(tr, bound, rng=rng, experiment=ID, n_boot=1000))
        out.append(check_rate(tr, bound, rng=rng, experiment=ID, proven=lb, n_boot=1000))
        if lb:
            out.append(check_rate(tr, B.lb_floor(0.4), rng=rng, expect="faster", experiment=ID,
                                  proven=False, n_boot=1000))
    if results.has(group_indices(results, group)[0], "LUO21"):
        out.append(check_rate(k_trace(results, group, "LUO21"), B.luo21_rate(H, d, A), rng=rng,
                              experiment=ID, proven=lb, n_boot=1000))
    if results.has(group_indices(results, group)[0], "FULLINFO"):
        out.append(check_bound(k_trace(results, group, "FULLINFO"), B.fullinfo_po(H, A), rng=rng,
                               experiment=ID, n_boot=1000))
    if results.has(group_indices(results, group)[0], "O-REPS"):
        s0 = results.settings[group_indices(results, group)[0]]
        S = 1 if s0["instance"] == "lb" else s0.get("S", 3)  # states per layer
        out.append(check_bound(k_trace(results, group, "O-REPS"), B.oreps_fullinfo(H, S, A), rng=rng,
                               experiment=ID, n_boot=1000))
    if group in ("gap", "late"):
        for alg in ("FTL", "UNIF"):
            if results.has(group_indices(results, group)[0], alg):
                out.append(check_rate(k_trace(results, group, alg), sqrt_rate(), rng=rng, expect="faster",
                                      experiment=ID, proven=False, n_boot=1000))
    return out


def analyse(results) -> list:
    """All checks of the experiment, group by group.

    References
    ----------
    Spec §4 (T1, T2, LUO21) and §4.3 (slope and ADV-LB checks); design rule 5.
    """
    rng = np.random.default_rng(2023)
    groups = sorted({s["group"] for s in results.settings})
    return [c for g in groups for c in _group_checks(results, g, rng)]
