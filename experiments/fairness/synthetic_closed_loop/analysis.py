"""E3 analysis (also used by the semi-synthetic benchmarks)."""
import numpy as np

from theorylab.regret import check_rate, linear_rate

from .._common import SEED, gap_check, ordering_check, trace


def analyse(results):
    """Checks of a closed-loop benchmark (see the experiment's README).

    * proven=True: V_T^DP(OFS) < V_T^DP(PD) and < V_T^DP(UCB) (paired bootstrap CI), and OFS's
      DP violation grows sublinearly (log-log slope below the linear rate's 1).
    * proven=False (the paper's empirical claims, reported with CIs): steady-state gap < 0.003,
      V_T^DP(PD) < V_T^DP(UCB), average reward of OFS above PD's and UCB's; for each OFS
      variant (``ofs-*``: doubling, commitment with burn-in) its violation below PD's, its
      steady gap, and its reward above PD's.

    References
    ----------
    Du (2025), abstract; reconstruction; see spec ``ofs_fair_threshold.md`` §4.4 (E3), §5.2.
    """
    rng = np.random.default_rng(SEED)
    out = []
    for i, s in enumerate(results.settings):
        out += [ordering_check(results, i, "ofs", "pd"), ordering_check(results, i, "ofs", "ucb"),
                check_rate(trace(results, i, "ofs", "viol_dp"), linear_rate(), rng=rng,
                           t_min=max(10 * s.get("K", 19), s["T"] // 10), experiment=results.experiment.id),
                gap_check(results, i, "ofs"),
                ordering_check(results, i, "pd", "ucb", proven=False)]
        out += [ordering_check(results, i, b, "ofs", key="avg_reward", proven=False) for b in ("pd", "ucb")]
        for v in (a for a in results.experiment.algorithms if a.startswith("ofs-") and results.has(i, a)):
            out += [ordering_check(results, i, v, "pd", proven=False), gap_check(results, i, v),
                    ordering_check(results, i, "pd", v, key="avg_reward", proven=False)]
    return out
