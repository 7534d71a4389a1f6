"""T2: closed-loop deviation of the learned policy from the expert (E1 and S1).

E1 (upright pendulum, open-loop unstable): alpha below the stabilising threshold (diverges;
flagged, not counted) and alpha = 1.2 L*.  S1 (small-gain instance): alpha on both sides of L*
with the origin as an exactly labelled data point (``anchor``), where the small-gain condition
``kappa L_u (alpha + L*) < 1 - rho`` holds.  Data only; cell function
:func:`theorylab.algorithms.lipschitz.tasks.run_stability`.
"""
from theorylab.algorithms.lipschitz.tasks import run_stability
from theorylab.sweep import Experiment

from .analysis import analyse

_E1 = {"system": "E1", "T": 150, "x0_box": 0.3}
_S1 = {"system": "S1", "T": 150, "x0_box": 0.5, "anchor": True}

EXPERIMENT = Experiment(
    id="lipschitz/stability",
    description="T2: trajectory deviation vs the trajectory-wise, closed-form and small-gain bounds",
    tags=("lipschitz", "control", "stability"),
    algorithms=("lipschitz",),
    settings={
        "quick": ({**_E1, "alpha": 5.0, "N": 200, "M": 10}, {**_E1, "alpha_factor": 1.2, "N": 200, "M": 10},
                  {**_S1, "alpha": 0.05, "N": 200, "M": 10}, {**_S1, "alpha": 3.5, "N": 200, "M": 10}),
        "full": tuple({**_E1, "alpha": a, "N": 400, "M": 100} for a in (2.0, 5.0, 10.0, 15.0))
        + tuple({**_E1, "alpha_factor": f, "N": 400, "M": 100} for f in (1.0, 1.2))
        + tuple({**_S1, "alpha": a, "N": 400, "M": 100} for a in (0.05, 0.5, 1.0, 2.0, 3.5)),
    },
    seeds={"quick": 3, "full": 10},
    run_cell=run_stability,
    analyse=analyse,
    root_seed=2103_16629,
    figures=("lipschitz_trajectories",),
    paper="lipschitz",
)
