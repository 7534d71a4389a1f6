"""E4 analysis: excess violation over the least achievable one grows sublinearly."""
import numpy as np

from theorylab.algorithms.fairness.bounds import power_rate
from theorylab.regret import check_rate

from .._common import SEED, trace


def analyse(results):
    """Checks of E4: slope of the mean excess violation sum_t (v_t - v_min) <= 0.6 (OFS, sum
    aggregation; proven on the good event, spec §4.2); the max-aggregation variant is reported
    unproven (its fallback minimises max_j, not the sum the excess is measured in).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §4.2 (infeasible instance), §4.4 (E4).
    """
    rng = np.random.default_rng(SEED)
    out = []
    for i, s in enumerate(results.settings):
        t_min = s["T"] // 10
        out.append(check_rate(trace(results, i, "ofs", "excess_viol"), power_rate(0.6), rng=rng, t_min=t_min,
                              experiment=results.experiment.id))
        out.append(check_rate(trace(results, i, "ofs-max", "excess_viol"), power_rate(0.6), rng=rng,
                              t_min=t_min, experiment=results.experiment.id, proven=False))
    return out
