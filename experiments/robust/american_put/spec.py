"""The American put option (spec §5.2): test return vs the up-move probability p.

Learners train online on the exact price lattice with p = 0.5 (hat features, known
linearised exercise reward) and their output policies are evaluated exactly on the lattice
for p in {0.2, 0.4, 0.6, 0.8, 1.0} (plus 0.5).  The dynamics are not d-rectangular linear:
no regret claim is made (spec §7.16).
"""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

P_GRID = (0.2, 0.4, 0.5, 0.6, 0.8, 1.0)
_BASE = {"instance": "put", "p_train": 0.5, "beta": 0.0, "lam": 1.0, "c_b": 0.1, "eta": 1.0,
         "n_checkpoints": 8, "p_grid": list(P_GRID)}

EXPERIMENT = Experiment(
    id="robust/american_put",
    description="American put option: exact test return vs up-move probability p of robust and non-robust learners",
    tags=("robust", "perturbation", "put"),
    algorithms=("dr_rpo", "dr_lsvi_ucb", "lsvi_ucb", "oppo"),
    settings={"quick": (dict(_BASE, d=10, rho=0.2, K=100),),
              "full": tuple(dict(_BASE, d=30, rho=r, K=1000) for r in (0.025, 0.05, 0.2))},
    seeds={"quick": 2, "full": 5},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_put",),
    paper="robust",
)
