"""E2 analysis: data-dependent bounds per seed; k* in F on every round."""
import numpy as np

from theorylab.algorithms.fairness.bounds import check_per_seed

from .._common import label


def analyse(results):
    """Checks of E2 (see the experiment's README).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §4.2 (5) and §4.4 (E2).
    """
    eid, out = results.experiment.id, []
    for i, s in enumerate(results.settings):
        proven = s.get("configs", {}).get("ofs", {}).get("dp_estimator", "signed_gap") == "signed_gap"
        st = lambda k: results.stacked(i, "ofs", k)  # noqa: E731
        lab = label(results, i)
        out.append(check_per_seed(st("pseudo_pos"), st("dd_regret"), delta=0.05, name="regret <= data-dependent",
                                  experiment=eid, setting=lab, algorithm="ofs", proven=proven))
        out.append(check_per_seed(st("viol_total"), st("dd_viol"), delta=0.05, name="violation <= data-dependent",
                                  experiment=eid, setting=lab, algorithm="ofs", proven=proven))
        inf = st("k_star_in_f")
        out.append(check_per_seed((inf < 1).astype(float)[:, None], np.zeros((inf.size, 1)), delta=0.05,
                                  name="k* stays optimistic-feasible", experiment=eid, setting=lab,
                                  algorithm="ofs", proven=proven))
    return out
