"""COMPAS semi-synthetic closed loop, with and without the service-rate constraint."""
from theorylab.algorithms.fairness.tasks import run_cell
from theorylab.sweep import Experiment

from ..synthetic_closed_loop.analysis import analyse

# accuracy reward: with the profit reward (cost 1) the DP constraint never binds on this grid
_BASE = {"env": "compas", "reward_kind": "accuracy", "grid": "uniform", "eps": 0.1,
         "configs": {"ofs-commit": {"commit": 200, "burnin": 100}}}

EXPERIMENT = Experiment(
    id="fairness/compas",
    description="COMPAS (ProPublica filter, African-American vs Caucasian, cross-fitted logistic scores "
                "without race, accuracy reward): OFS vs UCB, primal-dual UCB and the best feasible fixed "
                "threshold, DP only and DP + service rate >= 0.93.",
    tags=("fairness", "ofs", "closed_loop", "semi_synthetic"),
    algorithms=("ofs", "ucb", "pd", "oracle", "ofs-commit"),
    settings={"quick": ({**_BASE, "T": 5000}, {**_BASE, "T": 5000, "rho_min": 0.93}),
              "full": ({**_BASE, "T": 50000}, {**_BASE, "T": 50000, "rho_min": 0.93})},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell, analyse=analyse, figures=("fairness_closed_loop",), paper="fairness",
)
