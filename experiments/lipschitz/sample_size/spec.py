"""T1: learning error of the Lipschitz learner vs the sample size N, for several alpha.

Instance E1 (upright pendulum, LQR expert, L* = 19.24), X = [-1, 1]^2, states i.i.d. uniform,
nested samples per seed (alpha < L* only up to N = 800 at full size: the QP is the cost).
Per (alpha, N): sup error eta on a grid, its certified value, mean
error, fill distance r_N, W1 estimate, residuals and the T1(a) bound.  Data only; cell function
:func:`theorylab.algorithms.lipschitz.tasks.run_sample_size`.
"""
from theorylab.algorithms.lipschitz.tasks import run_sample_size
from theorylab.sweep import Experiment

from .analysis import analyse

_Q_RATE = {"system": "E1", "N_grid": [100, 200, 400, 800, 1600], "grid": 61, "w1_k": 0}
_Q_LOW = {"system": "E1", "N_grid": [50, 100], "grid": 41, "w1_k": 2}
_F_RATE = {"system": "E1", "N_grid": [100, 200, 400, 800, 1600, 3200], "grid": 121, "w1_k": 2, "w1_max": 1600}
_F_LOW = {"system": "E1", "N_grid": [100, 200, 400, 800], "grid": 121, "w1_k": 2, "w1_max": 1600}

EXPERIMENT = Experiment(
    id="lipschitz/sample_size",
    description="T1: sup/mean learning error, fill distance and W1 vs N for several alpha (E1)",
    tags=("lipschitz", "control", "generalisation"),
    algorithms=("lipschitz",),
    settings={
        "quick": ({**_Q_RATE, "alpha_factor": 1.2}, {**_Q_LOW, "alpha_factor": 0.5}),
        "full": tuple({**_F_RATE, "alpha_factor": a} for a in (1.0, 1.2))
        + tuple({**_F_LOW, "alpha_factor": a} for a in (0.25, 0.5)),
    },
    seeds={"quick": 8, "full": 10},
    run_cell=run_sample_size,
    analyse=analyse,
    root_seed=2103_16629,
    figures=("lipschitz_sample_size",),
    paper="lipschitz",
)
