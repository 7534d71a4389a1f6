"""adversarial/trap: exploration trap (I-TRAP), policy optimization with and without bonuses.

``problems.adversarial_stress.trap_instance`` with H = 4, A = 3 (good chain kept only by action 0,
final loss 0 on the good chain and 1 on the bad chain, action 0 costs 0.5/(H-1) per layer);
the losses are the same every episode.  One run per K.  Learning rates are ``eta_scale = 8``
times the derived ones (at scale 1 every learner is still at the uniform policy's regret
for K <= 2^13; README).  Spec §4.1 expects PO without bonuses to under-explore.
"""
from theorylab.algorithms.adversarial_linear.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"instance": "trap", "H": 4, "A": 3, "eta_scale": 8.0, "group": "trap"}

EXPERIMENT = Experiment(
    id="adversarial/trap",
    description="Exploration trap: dilated bonuses (LB-PO, MR-PO) against bonus-free policy optimization",
    tags=("adversarial", "exploration", "bonus"),
    algorithms=("LB-PO", "MR-PO", "LB-NOBONUS", "EXP-NOBONUS", "UNIF"),
    settings={"quick": tuple(dict(_BASE, K=2**e) for e in (11, 12, 13)),
              "full": tuple(dict(_BASE, K=2**e) for e in range(10, 16))},
    seeds={"quick": 6, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=20230204,
    figures=("adversarial_trap",),
    paper="adversarial",
)
