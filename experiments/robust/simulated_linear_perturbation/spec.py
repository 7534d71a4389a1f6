"""Test return vs perturbation q on the simulated linear MDP (spec §5.1).

Each learner trains online in the nominal environment (xi_norm = 0.1, so rho* = 0.481) and
its output policy is evaluated exactly in the test environments where factor 4 at stage 0
sends mass q to the fail state.  Robust learners use rho = 0.3 (below rho*, where the spec
predicts no difference) or rho = 0.6 (above rho*, where they should win for q > rho*).
"""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

Q_GRID = tuple(round(0.1 * i, 1) for i in range(11))
_BASE = {"instance": "simulated", "xi_norm": 0.1, "beta": 0.0, "lam": 0.1, "c_b": 1.0, "eta": 1.0,
         "n_checkpoints": 10, "q_grid": list(Q_GRID)}


def _settings(K):
    return tuple(dict(_BASE, rho=rho, K=K) for rho in (0.3, 0.6))


EXPERIMENT = Experiment(
    id="robust/simulated_linear_perturbation",
    description="Test return vs perturbation q of robust and non-robust learners on the simulated linear MDP",
    tags=("robust", "perturbation"),
    algorithms=("dr_rpo", "dr_lsvi_ucb", "lsvi_ucb", "oppo"),
    settings={"quick": _settings(500), "full": _settings(2000)},
    seeds={"quick": 5, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_perturbation",),
    paper="robust",
)
