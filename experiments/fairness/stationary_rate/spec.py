"""E1: OFS on the stationary threshold bandit (kappa = 0): worst-case bounds and rates."""
from theorylab.algorithms.fairness.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_ANY = {"ofs": {"horizon": "anytime"}, "ucb": {"horizon": "anytime"}}
_BASE = {"env": "synthetic", "kappa": 0.0, "configs": _ANY, "n_checkpoints": 20}

EXPERIMENT = Experiment(
    id="fairness/stationary_rate",
    description="E1 (spec §4.4): stationary synthetic bandit; OFS's positive-part regret and DP "
                "violation against the high-probability O~(sqrt(KT)) bounds (violation fraction vs "
                "delta by Clopper-Pearson) and log-log slopes <= 0.6; UCB's violation grows linearly.",
    tags=("fairness", "ofs", "bound", "rate"),
    algorithms=("ofs", "ucb"),
    settings={"quick": ({**_BASE, "T": 20000},),
              "full": ({**_BASE, "T": 200000},
                       {**_BASE, "T": 200000, "eps": 0.05, "means": [[-0.5, 1.5], [-1.0, 0.5]]})},
    seeds={"quick": 8, "full": 20},
    run_cell=run_cell, analyse=analyse, figures=("fairness_rates",), paper="fairness",
)
