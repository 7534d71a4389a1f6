"""Checks of robust/optimism (pure functions): at the theory-scale bonus the fraction of
optimistic (k, h, s, a) is at least 1 - delta for every seed (proven, spec L13); at c_b = 1
the fraction is reported (not gated)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from .._checks import inequality_check

DELTA = 0.05


def analyse(results) -> list:
    """One inequality check per setting: 1 - delta <= mean over (k, h, s, a) of optimism.

    References
    ----------
    Spec §4.4 T8 and §6 L13.
    """
    checks = []
    for i, s in enumerate(results.settings):
        frac = results.stacked(i, "dr_rpo", "optimism").mean(1)
        theory = s["bonus_regime"] == "theory"
        c = inequality_check(results.experiment.id, f"{s['instance']},c_b={s['c_b']} ({s['bonus_regime']})", "dr_rpo",
                             f"optimism frequency >= {1 - DELTA}", "spec §6 L13 (reconstruction)",
                             np.full(frac.shape, 1 - DELTA), frac, proven=theory)
        checks.append(replace(c, detail=f"{c.detail}; per-seed fractions {np.round(frac, 3).tolist()}"))
    return checks
