"""T7: all baselines on the same robust-regret tracker, xi_norm = 0.2 (rho* = 0.376).

The companion of robust/k_scaling (xi_norm = 0.1, rho* = 0.481): rho = 0.3 lies below this
instance's switching radius and rho = 0.6 above it, so non-robust learners should be
sublinear at 0.3 and linear at 0.6.
"""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"instance": "simulated", "xi_norm": 0.2, "beta": 0.0, "lam": 0.1, "c_b": 1.0, "eta": 1.0,
         "n_checkpoints": 20}


def _settings(K):
    return tuple(dict(_BASE, rho=rho, K=K) for rho in (0.3, 0.6))


EXPERIMENT = Experiment(
    id="robust/baselines",
    description="Robust regret of DR-RPO, DR-LSVI-UCB, LSVI-UCB and OPPO-style PO on I1 with xi_norm = 0.2",
    tags=("robust", "regret", "T7"),
    algorithms=("dr_rpo", "dr_lsvi_ucb", "lsvi_ucb", "oppo"),
    settings={"quick": _settings(2000), "full": _settings(20000)},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_baselines",),
    paper="robust",
)
