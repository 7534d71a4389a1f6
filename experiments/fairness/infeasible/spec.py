"""E4: an infeasible instance (no grid threshold meets every constraint): the fallback branch."""
from theorylab.algorithms.fairness.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"env": "synthetic", "kappa": 0.0, "eps": 0.0, "rho_min": 0.6, "rho_max": 0.65,
         "configs": {"ofs-max": {"fallback": "max"}}, "n_checkpoints": 20}

EXPERIMENT = Experiment(
    id="fairness/infeasible",
    description="E4 (spec §4.4): eps = 0 and a service band [0.6, 0.65] make every threshold "
                "infeasible; OFS's fallback (sum or max of optimistic violations) drives V_T / T to "
                "min_k sum_j [g^j_k]_+ with sublinear excess violation.",
    tags=("fairness", "ofs", "infeasible"),
    algorithms=("ofs", "ofs-max"),
    settings={"quick": ({**_BASE, "T": 10000},), "full": ({**_BASE, "T": 100000},)},
    seeds={"quick": 5, "full": 20},
    run_cell=run_cell, analyse=analyse, figures=("fairness_rates",), paper="fairness",
)
