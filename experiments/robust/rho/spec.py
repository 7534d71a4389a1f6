"""T4: robust regret vs the TV radius rho on the simulated linear MDP (I1).

The radius sits on factor 4 at stage 0; rho* = 0.481 separates the regimes where the robust
optimum plays p_max or p_min at x1.
"""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

RHOS = (0.05, 0.1, 0.2, 0.4, 0.7, 1.0)
_BASE = {"instance": "simulated", "xi_norm": 0.1, "beta": 0.01, "lam": 0.1, "c_b": 1.0, "eta": 1.0,
         "n_checkpoints": 15}

EXPERIMENT = Experiment(
    id="robust/rho",
    description="Regularised robust regret of DR-RPO vs rho on I1 (beta = 0.01)",
    tags=("robust", "radius", "T4"),
    algorithms=("dr_rpo", "soft_dr_lsvi_ucb"),
    settings={"quick": tuple(dict(_BASE, rho=r, K=1000) for r in RHOS),
              "full": tuple(dict(_BASE, rho=r, K=20000) for r in RHOS)},
    seeds={"quick": 3, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_rho",),
    paper="robust",
)
