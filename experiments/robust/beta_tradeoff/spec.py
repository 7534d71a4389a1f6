"""T5: the beta trade-off of DR-RPO on the simulated linear MDP (rho = 0.6 > rho*).

For each KL strength beta the regret is the regularised robust regret at that beta
(sublinear), and the output policy's unregularised robust gap is recorded: it is bounded by
its regularised gap plus beta H log|A| (Lemma L9), so it grows with beta once the learner has
converged, while small beta slows the OPPO-step learner (spec §4.4 T5 predicts a U-shape).
"""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

BETAS = (0.0, 0.001, 0.01, 0.1, 1.0)
_BASE = {"instance": "simulated", "xi_norm": 0.1, "rho": 0.6, "lam": 0.1, "c_b": 1.0, "eta": 1.0,
         "n_checkpoints": 20}


def _settings(K):
    return tuple(dict(_BASE, beta=b, K=K) for b in BETAS)


EXPERIMENT = Experiment(
    id="robust/beta_tradeoff",
    description="DR-RPO regularised regret and unregularised robust gap vs the KL strength beta (I1)",
    tags=("robust", "regularisation", "T5"),
    algorithms=("dr_rpo", "dr_rpo_oppo"),
    settings={"quick": _settings(2000), "full": _settings(20000)},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_beta",),
    paper="robust",
)
