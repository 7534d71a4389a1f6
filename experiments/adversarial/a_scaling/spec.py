"""adversarial/a_scaling: LB-PO (poly A) against MR-PO (ln A) as A grows at fixed d = 4.

One state (H = 1), action 0 good (mean loss 0.3), the A - 1 others bad (0.5), features of
dimension 4 (``one_good_instance``).  Spec §4.3 predicts LB-PO regret ~ A^(1/2) and MR-PO
~ sqrt(ln A).  ``eta_scale = 4`` multiplies both derived learning rates (beta and gamma are
derived from the scaled eta, so the reconstructed bounds T1/T2 still apply at the eta used);
at eta_scale = 1 neither learner leaves the uniform policy by K = 2^13 (see README).
"""
from theorylab.algorithms.adversarial_linear.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"instance": "onegood", "d": 4, "adversary": "lb", "gap": 0.2, "good": 0, "eta_scale": 4.0}

EXPERIMENT = Experiment(
    id="adversarial/a_scaling",
    description="Regret vs number of actions A at fixed d: log-barrier (LB-PO) vs magnitude-reduced "
                "exponential weights (MR-PO)",
    tags=("adversarial", "regret", "actions"),
    algorithms=("LB-PO", "MR-PO", "UNIF"),
    settings={"quick": tuple(dict(_BASE, A=A, K=2**13) for A in (4, 16, 64)),
              "full": tuple(dict(_BASE, A=A, K=2**14) for A in (4, 8, 16, 32, 64, 128, 256))},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=20230131,
    figures=("adversarial_a_scaling",),
    paper="adversarial",
)
