"""Checks of ``baselines/lsvi_ucb`` (pure functions of a ResultSet).

Theorem 3.1 of Jin et al. (2020) gives Regret(K) = O(sqrt(d^3 H^3 T iota^2)) with an
unspecified absolute constant, so only its rate is checkable
(:func:`theorylab.regret.lsvi_ucb`, rate-only).  The log-log slope of mean pseudo-regret over
the last ``TAIL_OCTAVES`` octaves of checkpoints must not lie entirely above the rate
curve's own slope on the same grid.

* ``lsvi_ucb_scaled`` (beta_c = ``scaled_beta_c``): asserted (``proven=True``), flagged as a
  reconstruction (the constant and the fit window are ours).
* ``lsvi_ucb`` (beta_c = 1): reported, not asserted: with beta = d H sqrt(iota) ~ 100 the
  bonus saturates Q at H for thousands of episodes, so at these K its regret is still
  linear.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from theorylab.algorithms.baselines.tasks import problem_dims
from theorylab.regret import check_rate, lsvi_ucb

__all__ = ["analyse", "TAIL_OCTAVES"]

TAIL_OCTAVES = 4


def analyse(results) -> list:
    """Rate checks of every setting of a ``baselines/lsvi_ucb`` ResultSet.

    Parameters
    ----------
    results : theorylab.sweep.ResultSet

    Returns
    -------
    list of theorylab.regret.Check

    References
    ----------
    Jin, Yang, Wang, Jordan (2020), "Provably efficient reinforcement learning with linear
    function approximation", COLT, Theorem 3.1; design rule 5.
    """
    eid, checks = results.experiment.id, []
    for i, setting in enumerate(results.settings):
        dims = problem_dims(setting)
        bound = lsvi_ucb(dims["d"], dims["H"], float(setting.get("delta", 0.05)))
        t_min = int(setting["K"]) >> TAIL_OCTAVES
        scaled = replace(bound, name=f"LSVI-UCB sqrt(K) rate, c={setting['scaled_beta_c']:g}",
                         reconstruction=True, note="beta constant and fit window are ours (reconstruction)")
        variants = (("lsvi_ucb", bound, False), ("lsvi_ucb_scaled", scaled, True))
        for salt, (algorithm, b, proven) in enumerate(variants):
            if results.has(i, algorithm):
                rng = np.random.default_rng([results.experiment.root_seed, i, salt])
                checks.append(check_rate(results.trace(i, algorithm), b, rng=rng, t_min=t_min,
                                         experiment=eid, proven=proven))
    return checks
