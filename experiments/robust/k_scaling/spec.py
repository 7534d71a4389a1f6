"""T1/T7: robust regret vs K on the simulated linear MDP (I1), both sides of rho*.

rho* = 0.481 for xi_norm = 0.1 (spec §5.1).  rho = 0.3 < rho*: robust and nominal optima
coincide, so every method is sublinear.  rho = 0.6 > rho*: non-robust learners converge to
the nominal optimum, whose robust gap is constant, so their robust regret is linear.
beta = 0.01 adds the regularised objective (value-based learners then pay a linear KL term).
"""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"instance": "simulated", "xi_norm": 0.1, "lam": 0.1, "c_b": 1.0, "eta": 1.0, "n_checkpoints": 20}


def _settings(K):
    return tuple(dict(_BASE, rho=rho, beta=beta, K=K) for rho, beta in ((0.3, 0.0), (0.6, 0.0), (0.6, 0.01)))


EXPERIMENT = Experiment(
    id="robust/k_scaling",
    description="Robust regret vs K of DR-RPO, DR-LSVI-UCB and non-robust baselines on I1, rho on both sides of rho*",
    tags=("robust", "regret", "T1", "T7"),
    algorithms=("dr_rpo", "dr_rpo_anytime", "dr_lsvi_ucb", "lsvi_ucb", "oppo"),
    settings={"quick": _settings(2000), "full": _settings(20000)},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_regret",),
    paper="robust",
)
