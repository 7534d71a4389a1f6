"""E6 analysis: OFS's DP violation against PD's for every eta (reported, not proven)."""
from .._common import ordering_check


def analyse(results):
    """For each eta0: V_T^DP(OFS) < V_T^DP(PD) and the average-reward comparison, with paired CIs.

    These are the paper's empirical comparison under each tuning of the baseline
    (proven=False: no theorem orders them).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §3.5 and §4.4 (E6), pitfall 11.
    """
    out = []
    for i in range(len(results.settings)):
        out += [ordering_check(results, i, "ofs", "pd", proven=False),
                ordering_check(results, i, "pd", "ofs", key="avg_reward", proven=False)]
    return out
