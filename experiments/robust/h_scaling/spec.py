"""T3: Regret(K)/sqrt(K) vs the horizon H on random d-rectangular instances (I2, d = 8)."""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"instance": "I2", "S": 20, "A": 4, "d": 8, "rho": 0.3, "beta": 0.01, "lam": 1.0, "c_b": 1.0,
         "eta": 1.0, "n_checkpoints": 10}

EXPERIMENT = Experiment(
    id="robust/h_scaling",
    description="Regret(K)/sqrt(K) vs H of DR-RPO and DR-LSVI-UCB on I2 (d = 8, rho = 0.3)",
    tags=("robust", "scaling", "T3"),
    algorithms=("dr_rpo", "dr_lsvi_ucb"),
    settings={"quick": tuple(dict(_BASE, H=H, K=400) for H in (3, 5, 10)),
              "full": tuple(dict(_BASE, H=H, K=5000) for H in (3, 5, 10, 20))},
    seeds={"quick": 3, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_scaling",),
    paper="robust",
)
