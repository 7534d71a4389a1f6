"""T3: closed-loop regret of the learned policy against the LQR expert vs N and alpha (E2).

Instance E2 (hanging pendulum, L* = 8.51), horizon T = 150, quadratic cost, initial states
uniform on [-0.3, 0.3]^2 (shared by all algorithms of a cell), nested samples per seed.
Algorithms: the exact Lipschitz learner and the linear baseline ``||G|| <= alpha``.  Data only;
cell function :func:`theorylab.algorithms.lipschitz.tasks.run_regret`.
"""
from theorylab.algorithms.lipschitz.tasks import run_regret
from theorylab.sweep import Experiment

from .analysis import analyse

_E2 = {"system": "E2", "T": 150, "x0_box": 0.3}

EXPERIMENT = Experiment(
    id="lipschitz/regret",
    description="T3: |J_T(h) - J_T(h*)| vs the T3 bound and the trajectory-wise certificate (E2)",
    tags=("lipschitz", "control", "regret"),
    algorithms=("lipschitz", "linear"),
    settings={
        "quick": tuple({**_E2, "alpha": a, "N_grid": [100, 200], "M": 10} for a in (5.0, 10.0)),
        "full": tuple({**_E2, "alpha": a, "N_grid": [100, 200, 400, 800, 1600], "M": 50}
                      for a in (2.0, 5.0, 10.0, 20.0)),
    },
    seeds={"quick": 3, "full": 10},
    run_cell=run_regret,
    analyse=analyse,
    root_seed=2103_16629,
    figures=("lipschitz_regret",),
    paper="lipschitz",
)
