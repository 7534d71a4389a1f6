"""Solvers of (P_alpha^N): all-pairs cvxpy QP vs constraint generation, time and agreement.

Instance E1, alpha = 0.5 L* (so the constraints bind), i.i.d. uniform data.  The all-pairs QP
is skipped above ``max_all_pairs`` (its O(N^2) constraints; spec §3.2).  Data only; cell
function :func:`theorylab.algorithms.lipschitz.tasks.run_solver_scaling`.
"""
from theorylab.algorithms.lipschitz.tasks import run_solver_scaling
from theorylab.sweep import Experiment

from .analysis import analyse

_E1 = {"system": "E1", "alpha_factor": 0.5, "max_all_pairs": 800}

EXPERIMENT = Experiment(
    id="lipschitz/solver_scaling",
    description="all-pairs vs constraint generation: agreement to 1e-5, certified constant, wall time",
    tags=("lipschitz", "solvers", "scaling"),
    algorithms=("all_pairs", "constraint_generation"),
    settings={
        "quick": tuple({**_E1, "N": N} for N in (100, 150)),
        "full": tuple({**_E1, "N": N} for N in (100, 200, 400, 800, 1600, 3200, 5000)),
    },
    seeds={"quick": 2, "full": 3},
    run_cell=run_solver_scaling,
    analyse=analyse,
    root_seed=2103_16629,
    figures=("lipschitz_solvers",),
    paper="lipschitz",
)
