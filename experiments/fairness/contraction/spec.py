"""E5: contraction of the closed-loop map and the oracle by simulation vs by fixed point."""
from theorylab.algorithms.fairness.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_G = {"env": "german", "protected": "age", "cost": 5.0, "grid": "uniform"}
_C = {"env": "compas", "reward_kind": "accuracy", "grid": "uniform"}

EXPERIMENT = Experiment(
    id="fairness/contraction",
    description="E5 (spec §4.4): numeric Lipschitz modulus of Phi vs L, fixed-point residuals, and the "
                "sweep's window averages vs the fixed-point values within Monte-Carlo error (Bonferroni).",
    tags=("fairness", "oracle", "contraction"),
    algorithms=("sweep",),
    settings={"quick": ({"env": "synthetic", "T": 1500}, {**_G, "T": 1500}, {**_C, "T": 1500}),
              "full": ({"env": "synthetic", "T": 5000}, {"env": "synthetic", "T": 5000, "zeta": 0.0},
                       {**_G, "T": 5000}, {**_C, "T": 5000})},
    seeds={"quick": 2, "full": 10},
    run_cell=run_cell, analyse=analyse, figures=(), paper="fairness",
)
