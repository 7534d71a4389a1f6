"""Checks of adversarial/ill_conditioned (reported, ``proven=False``: a stress test, no theorem).

Per K-setting, for raw exponential weights (EXP-NOBONUS) against log-barrier with the raw
estimator (LB-NOBONUS) and exponential weights with the magnitude-reduced estimator
(MR-NOBONUS): the seed-bootstrap 95 % CI of the difference of mean final pseudo-regret lies
above 0, and the number of EXP-NOBONUS seeds whose regret exceeds the *largest* regret of the
stable learner over all seeds ("collapses") is reported in the detail.
"""
from __future__ import annotations

import numpy as np

from theorylab.regret import Check
from theorylab.stats import bootstrap_ci

from .._common import final

ID = "adversarial/ill_conditioned"
RAW = "EXP-NOBONUS"
STABLE = ("LB-NOBONUS", "MR-NOBONUS")


def _versus(results, i, other, rng) -> Check:
    raw, ref = final(results, i, RAW), final(results, i, other)
    n = min(raw.size, ref.size)
    m, lo, hi = bootstrap_ci((raw[:n] - ref[:n])[:, None], rng=rng, n_boot=2000)
    collapses = int(np.sum(raw > ref.max()))
    K = results.settings[i]["K"]
    detail = (f"K={K}: mean {RAW} - {other} = {m[0]:.1f} [{lo[0]:.1f}, {hi[0]:.1f}]; {RAW} median "
              f"{np.median(raw):.1f}, max {raw.max():.1f}; {other} median {np.median(ref):.1f}, max "
              f"{ref.max():.1f}; {collapses}/{raw.size} {RAW} seeds above {other}'s maximum")
    return Check(ID, f"K={K}", f"{RAW} vs {other}", "spec §4.4: EXP-RAW collapses on I-ILL, log-barrier stable",
                 "reconstruction; see spec §4.1 I-ILL and §4.4", "bound", bool(lo[0] > 0), float(m[0]),
                 (float(lo[0]), float(hi[0])), 0.0, float(raw.max() / max(ref.max(), 1e-12)), "faster",
                 False, True, collapses, raw.size, detail)


def analyse(results) -> list:
    """Raw exponential weights against the two stable learners, per K-setting.

    References
    ----------
    Spec §4.1 (I-ILL), §4.4 (expected outcomes), §7.6 (EXP-RAW vertex jumps).
    """
    rng = np.random.default_rng(2027)
    return [_versus(results, i, other, rng) for i in range(len(results.settings)) for other in STABLE
            if results.has(i, RAW) and results.has(i, other)]
