"""E3: the synthetic closed-loop benchmark (default contraction dynamics)."""
from theorylab.algorithms.fairness.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"env": "synthetic", "configs": {"ofs-doubling": {"doubling": True, "burnin": 0},
                                          "ofs-commit": {"commit": 200, "burnin": 100}}}

EXPERIMENT = Experiment(
    id="fairness/synthetic_closed_loop",
    description="E3 (spec §4.4): synthetic closed loop (kappa = 0.02, gamma = 2, zeta = 0.3); OFS vs "
                "unconstrained UCB, primal-dual UCB and the best feasible fixed threshold; DP violation "
                "ordering with paired CIs, the steady-state gap claim (< 0.003), sublinear violation.",
    tags=("fairness", "ofs", "closed_loop"),
    algorithms=("ofs", "ucb", "pd", "oracle", "ofs-doubling", "ofs-commit"),
    settings={"quick": ({**_BASE, "T": 5000},),
              "full": ({**_BASE, "T": 20000}, {**_BASE, "T": 20000, "eps": 0.05})},
    seeds={"quick": 5, "full": 20},
    run_cell=run_cell, analyse=analyse, figures=("fairness_closed_loop",), paper="fairness",
)
