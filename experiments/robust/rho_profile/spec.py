"""L10 at scale: the robust optimal value V*_rho(s_1) against the TV radius rho, batched.

Each cell draws B random I2 instances (spec §4.3) and solves all B x R (instance, radius)
robust problems in one batched call of :mod:`theorylab.backend` (numpy, or CuPy with
``theorylab run robust/rho_profile --backend cupy``), plus the B nominal problems in another.
"""
from theorylab.sweep import Experiment

from .analysis import analyse
from theorylab.algorithms.robust.rho_profile import ALGORITHM, run_cell

RHOS_QUICK = (0.0, 0.1, 0.2, 0.4, 0.7, 1.0)
RHOS_FULL = (0.0, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)
_FULL = {"S": 20, "A": 4, "d": 8, "B": 1024, "rhos": RHOS_FULL, "n_verify": 16}

EXPERIMENT = Experiment(
    id="robust/rho_profile",
    description="Robust optimal value vs TV radius on batches of random I2 instances (batched backend)",
    tags=("robust", "radius", "L10", "batched"),
    algorithms=(ALGORITHM,),
    settings={"quick": ({"S": 8, "A": 3, "d": 4, "H": 4, "B": 16, "rhos": RHOS_QUICK, "n_verify": 4},),
              "full": (dict(_FULL, H=5), dict(_FULL, H=10))},
    seeds={"quick": 2, "full": 4},
    run_cell=run_cell,
    analyse=analyse,
    figures=("robust_rho_profile",),
    paper="robust",
)
