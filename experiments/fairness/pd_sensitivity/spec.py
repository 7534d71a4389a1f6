"""E6: sensitivity of the primal-dual baseline to its dual step size eta = eta0 / sqrt(T)."""
from theorylab.algorithms.fairness.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse


def _s(T, eta0):
    return {"env": "synthetic", "T": T, "configs": {"pd": {"eta0": eta0}}}


EXPERIMENT = Experiment(
    id="fairness/pd_sensitivity",
    description="E6 (spec §4.4): primal-dual UCB with eta0 in {0.1, 1, 10} (and 100 at full size) on the "
                "synthetic closed loop; the DP violation and reward of PD against OFS per eta.",
    tags=("fairness", "baseline", "primal_dual"),
    algorithms=("pd", "ofs"),
    settings={"quick": tuple(_s(4000, e) for e in (0.1, 1.0, 10.0)),
              "full": tuple(_s(20000, e) for e in (0.1, 1.0, 10.0, 100.0))},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell, analyse=analyse, figures=("fairness_pd",), paper="fairness",
)
