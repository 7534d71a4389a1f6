"""T2: Regret(K)/sqrt(K) vs the feature dimension d on random d-rectangular instances (I2, H = 5)."""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"instance": "I2", "S": 20, "A": 4, "H": 5, "rho": 0.3, "beta": 0.01, "lam": 1.0, "c_b": 1.0,
         "eta": 1.0, "n_checkpoints": 10}

EXPERIMENT = Experiment(
    id="robust/d_scaling",
    description="Regret(K)/sqrt(K) vs d of DR-RPO and DR-LSVI-UCB on I2 (H = 5, rho = 0.3)",
    tags=("robust", "scaling", "T2"),
    algorithms=("dr_rpo", "dr_lsvi_ucb"),
    settings={"quick": tuple(dict(_BASE, d=d, K=400) for d in (4, 8, 16)),
              "full": tuple(dict(_BASE, d=d, K=5000) for d in (4, 8, 16, 32))},
    seeds={"quick": 3, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_scaling",),
    paper="robust",
)
