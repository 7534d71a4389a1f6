"""T5: the nominal-vs-robust trade-off -- mean closed-loop cost over (alpha, eps) (E2; E1 in full).

Greedy adversary, mean cost over initial states, with the expert's own cost under the same
attack, and the T5 bound ``B(alpha, eps)`` with its argmin-alpha curve.  E1 (open-loop
unstable) is the spec's counter-example (no trade-off expected); it runs at full size only.
Data only; cell function :func:`theorylab.algorithms.lipschitz.tasks.run_tradeoff`.
"""
from theorylab.algorithms.lipschitz.tasks import run_tradeoff
from theorylab.sweep import Experiment

from .analysis import analyse

_EPS = [0.0, 0.05, 0.1, 0.2]
_E2 = {"system": "E2", "T": 150, "x0_box": 0.3, "adversary": "greedy", "n_dirs": 32, "eps": _EPS,
       "alphas": [0.5, 2.0, 5.0, 10.0, 20.0, 40.0]}
_E1 = {"system": "E1", "T": 150, "x0_box": 0.3, "adversary": "greedy", "n_dirs": 32,
       "eps": [0.0, 0.01, 0.02, 0.05], "alphas": [12.0, 16.0, 20.0, 25.0, 40.0]}

EXPERIMENT = Experiment(
    id="lipschitz/tradeoff",
    description="T5: cost heat map over (alpha, eps) with the argmin-alpha curve (E2; E1 counter-example)",
    tags=("lipschitz", "control", "robustness", "tradeoff"),
    algorithms=("lipschitz",),
    settings={
        "quick": ({**_E2, "N": 200, "M": 10},),
        "full": ({**_E2, "N": 400, "M": 20}, {**_E1, "N": 400, "M": 20}),
    },
    seeds={"quick": 2, "full": 10},
    run_cell=run_tradeoff,
    analyse=analyse,
    root_seed=2103_16629,
    figures=("lipschitz_tradeoff",),
    paper="lipschitz",
)
