"""German Credit semi-synthetic closed loop, with and without the service-rate constraint."""
from theorylab.algorithms.fairness.tasks import run_cell
from theorylab.sweep import Experiment

from ..synthetic_closed_loop.analysis import analyse

# protected attribute age < 25 and the data set's own cost matrix (a bad loan costs 5):
# with sex (or cost 1) the DP constraint never binds on this grid (reconstruction; see README)
_BASE = {"env": "german", "protected": "age", "cost": 5.0, "grid": "uniform", "eps": 0.1,
         "configs": {"ofs-commit": {"commit": 200, "burnin": 100}}}

EXPERIMENT = Experiment(
    id="fairness/german_credit",
    description="German Credit (UCI, age < 25 protected, cross-fitted logistic scores, cost 5): OFS vs "
                "UCB, primal-dual UCB and the best feasible fixed threshold, DP only and DP + service "
                "rate >= 0.97.",
    tags=("fairness", "ofs", "closed_loop", "semi_synthetic"),
    algorithms=("ofs", "ucb", "pd", "oracle", "ofs-commit"),
    settings={"quick": ({**_BASE, "T": 5000}, {**_BASE, "T": 5000, "rho_min": 0.97}),
              "full": ({**_BASE, "T": 50000}, {**_BASE, "T": 50000, "rho_min": 0.97})},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell, analyse=analyse, figures=("fairness_closed_loop",), paper="fairness",
)
