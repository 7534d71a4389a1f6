"""adversarial/d_scaling: LB-PO and MR-PO as the feature dimension d grows at fixed A = 16.

Same one-state, one-good-action instance as a_scaling (``one_good_instance``) with
``eta_scale = 4`` (see the a_scaling README for why).  Spec §4.3 expects growth at most
sqrt(d) for both algorithms (T1 and T2 both scale with sqrt(d)).
"""
from theorylab.algorithms.adversarial_linear.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"instance": "onegood", "A": 16, "adversary": "lb", "gap": 0.2, "good": 0, "eta_scale": 4.0}

EXPERIMENT = Experiment(
    id="adversarial/d_scaling",
    description="Regret vs feature dimension d at fixed A: LB-PO and MR-PO (growth at most sqrt(d))",
    tags=("adversarial", "regret", "dimension"),
    algorithms=("LB-PO", "MR-PO"),
    settings={"quick": tuple(dict(_BASE, d=d, K=2**12) for d in (2, 4, 8)),
              "full": tuple(dict(_BASE, d=d, K=2**14) for d in (2, 3, 4, 6, 8, 12, 16))},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=20230201,
    figures=("adversarial_d_scaling",),
    paper="adversarial",
)
