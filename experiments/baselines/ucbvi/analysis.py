"""Checks of ``baselines/ucbvi`` (pure functions of a ResultSet).

Per setting:

* ``ucbvi`` (theorem's bonus) against Azar et al. (2017) Theorem 1 with its explicit
  constants (:func:`theorylab.regret.ucbvi_hoeffding`): a proven, high-probability check
  (fails only if the Clopper-Pearson lower limit of the violation rate exceeds delta).
  Its log-log slope is reported too, not asserted (``proven=False``): with L = ln(5SAT/delta)
  the bonus 7HL/sqrt(N) exceeds H until N ~ 49 L^2 visits per pair, so at these K the
  theorem's algorithm is still exploring and its regret grows linearly; the theorem allows
  that (its bound exceeds H K here).
* ``ucbvi_scaled`` (bonus x ``scaled_bonus``) against the theorem's sqrt(K) rate curve
  H sqrt(S A T) L: its slope CI must not lie entirely above the rate curve's own slope on
  the same grid.  The rate claim is asymptotic, so the fit uses the last ``TAIL_OCTAVES``
  octaves of checkpoints (K / 2^TAIL_OCTAVES .. K); reconstruction (the scaled bonus and the
  fit window are ours), asserted because linear regret there means a broken learner.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from theorylab.algorithms.baselines.tasks import problem_dims
from theorylab.regret import check_bound, check_rate, ucbvi_hoeffding

__all__ = ["analyse", "TAIL_OCTAVES"]

TAIL_OCTAVES = 4


def _rng(results, setting_index: int, salt: int) -> np.random.Generator:
    return np.random.default_rng([results.experiment.root_seed, setting_index, salt])


def analyse(results) -> list:
    """Bound and rate checks of every setting of a ``baselines/ucbvi`` ResultSet.

    Parameters
    ----------
    results : theorylab.sweep.ResultSet

    Returns
    -------
    list of theorylab.regret.Check

    References
    ----------
    Azar, Osband, Munos (2017), "Minimax regret bounds for reinforcement learning", ICML,
    Theorem 1; design rule 5 (rate checks against the bound's own slope).
    """
    eid, checks = results.experiment.id, []
    for i, setting in enumerate(results.settings):
        dims = problem_dims(setting)
        bound = ucbvi_hoeffding(dims["S"], dims["A"], dims["H"], float(setting.get("delta", 0.05)))
        t_min = int(setting["K"]) >> TAIL_OCTAVES
        if results.has(i, "ucbvi"):
            tr = results.trace(i, "ucbvi")
            checks.append(check_bound(tr, bound, rng=_rng(results, i, 0), experiment=eid, proven=True))
            checks.append(check_rate(tr, bound, rng=_rng(results, i, 1), t_min=t_min, experiment=eid,
                                     proven=False))
        if results.has(i, "ucbvi_scaled"):
            scale = float(setting["scaled_bonus"])
            scaled = replace(bound, name=f"UCBVI-CH sqrt(K) rate, bonus x{scale:g}", reconstruction=True,
                             note="bonus scale and fit window are ours (reconstruction)")
            checks.append(check_rate(results.trace(i, "ucbvi_scaled"), scaled, rng=_rng(results, i, 2),
                                     t_min=t_min, experiment=eid, proven=True))
    return checks
