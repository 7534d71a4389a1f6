"""E2: OFS's data-dependent bounds per seed and k* staying optimistic-feasible (stationary)."""
from theorylab.algorithms.fairness.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"env": "synthetic", "kappa": 0.0}

EXPERIMENT = Experiment(
    id="fairness/data_dependent",
    description="E2 (spec §4.4): per seed, positive-part regret <= sum_t min(2 beta^r_t, R_r) and "
                "violation <= sum_t sum_j min(2 beta^j_t, 1) with the radii logged in the run; k* never "
                "leaves the optimistic-feasible set (fraction of failing seeds vs delta).",
    tags=("fairness", "ofs", "bound"),
    algorithms=("ofs",),
    settings={"quick": ({**_BASE, "T": 3000}, {**_BASE, "T": 3000, "eps": 0.05, "rho_min": 0.5}),
              "full": ({**_BASE, "T": 20000}, {**_BASE, "T": 20000, "eps": 0.05, "rho_min": 0.5},
                       {**_BASE, "T": 20000, "configs": {"ofs": {"dp_estimator": "residual_mean"}}})},
    seeds={"quick": 8, "full": 30},
    run_cell=run_cell, analyse=analyse, figures=("fairness_rates",), paper="fairness",
)
