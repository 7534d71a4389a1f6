"""T6: sensitivity of DR-RPO to the mirror-descent step size (I1, rho = 0.6, beta = 0.01).

Constant steps 0.1, 1 and 10, the K-tuned OPPO step and its anytime version, and the
eta -> infinity limit soft-DR-LSVI-UCB.
"""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"instance": "simulated", "xi_norm": 0.1, "rho": 0.6, "beta": 0.01, "lam": 0.1, "c_b": 1.0,
         "eta": 1.0, "n_checkpoints": 20}

EXPERIMENT = Experiment(
    id="robust/eta",
    description="DR-RPO step-size sensitivity on I1 (constant 0.1/1/10, OPPO, anytime, soft limit)",
    tags=("robust", "step-size", "T6"),
    algorithms=("dr_rpo_eta0.1", "dr_rpo", "dr_rpo_eta10", "dr_rpo_oppo", "dr_rpo_anytime", "soft_dr_lsvi_ucb"),
    settings={"quick": (dict(_BASE, K=2000),), "full": (dict(_BASE, K=20000),)},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_eta",),
    paper="robust",
)
