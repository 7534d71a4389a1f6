"""E1 analysis: high-probability bounds and slopes of OFS; UCB's linear violation (unproven)."""
import numpy as np

from theorylab.algorithms.fairness.bounds import ofs_regret_bound, ofs_violation_bound, power_rate
from theorylab.regret import check_bound, check_rate

from .._common import SEED, trace

M_LO = 25.0  # lower bound on m_DP = n0 n1 / N_B assumed by the violation bound (N_B = 200, pi = 1/2)


def analyse(results):
    """Checks of E1 (see the experiment's README).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §4.2 and §4.4 (E1).
    """
    rng = np.random.default_rng(SEED)
    eid = results.experiment.id
    out = []
    for i, s in enumerate(results.settings):
        K, J = s.get("K", 19), 2
        reg = ofs_regret_bound(K, 2.0, s.get("N_B", 200), J, horizon="anytime")
        vio = ofs_violation_bound(K, M_LO, J, horizon="anytime")
        tr, tv = trace(results, i, "ofs", "pseudo_pos"), trace(results, i, "ofs", "viol_dp")
        m_ok = bool(np.all(results.stacked(i, "ofs", "min_m_dp") >= M_LO))
        c = check_bound(tv, vio, rng=rng, experiment=eid)
        if not m_ok:  # the bound's precondition failed: report, never pass silently
            c = c.__class__(**{**c.__dict__, "passed": False, "detail": c.detail + "; m_DP < m_lo occurred"})
        out += [check_bound(tr, reg, rng=rng, experiment=eid), c]
        t_min = max(10 * K, s["T"] // 10)  # fit the late regime: the curve starts flat (exploration of
        # infeasible high-reward arms adds no positive-part regret)
        out += [check_rate(tr, power_rate(0.6), rng=rng, t_min=t_min, experiment=eid),
                check_rate(tv, power_rate(0.6), rng=rng, t_min=t_min, experiment=eid),
                check_rate(trace(results, i, "ucb", "viol_dp"), power_rate(0.6), rng=rng, t_min=t_min,
                           expect="faster", experiment=eid, proven=False)]
    return out
