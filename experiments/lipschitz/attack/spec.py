"""T4: deterioration of closed-loop cost under bounded measurement attacks (E2).

``u_t = h(x_t + delta_t)``, ``||delta_t|| <= eps``, three adversaries (random sphere, greedy on
the expert's cost-to-go, input-maximising) over an eps grid, for several alpha.  Data only;
cell function :func:`theorylab.algorithms.lipschitz.tasks.run_attack`.
"""
from theorylab.algorithms.lipschitz.tasks import run_attack
from theorylab.sweep import Experiment

from .analysis import analyse

_E2 = {"system": "E2", "T": 150, "x0_box": 0.3, "adversaries": ["random", "greedy", "input"], "n_dirs": 32}

EXPERIMENT = Experiment(
    id="lipschitz/attack",
    description="T4: |J_T(h, delta) - J_T(h, 0)| vs eps and alpha, three adversaries (E2)",
    tags=("lipschitz", "control", "robustness"),
    algorithms=("lipschitz",),
    settings={
        "quick": tuple({**_E2, "alpha": a, "N": 200, "M": 5, "eps": [0.02, 0.05, 0.1, 0.2]} for a in (2.0, 8.0)),
        "full": tuple({**_E2, "alpha": a, "N": 400, "M": 20, "eps": [0.01, 0.02, 0.05, 0.1, 0.2]}
                      for a in (0.5, 2.0, 5.0, 8.0, 10.0)),
    },
    seeds={"quick": 2, "full": 10},
    run_cell=run_attack,
    analyse=analyse,
    root_seed=2103_16629,
    figures=("lipschitz_attack",),
    paper="lipschitz",
)
