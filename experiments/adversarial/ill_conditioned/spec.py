"""adversarial/ill_conditioned: hugely negative estimates, exponential weights vs log-barrier.

Instance I-ILL-C (``problems.adversarial_stress.correlated_ill_instance``, our construction for the
intent of spec §4.1 I-ILL): one state, A = 4 actions in d = 3, the good action alone on e_1 and
three bad actions in the rarely seen {e_2, e_3} plane, two of them nearly mirror images.  A
rare play of one mirror action gives the other a hugely negative linear estimate.  The spec's
I-ILL (independent features, A = d) cannot produce negative estimates (see the README).

Learning rates are ``eta_scale = 64`` times the derived ones so that the policies concentrate
within K (at scale 1 every learner stays near uniform; README) and gamma = 1e-5 (small, as in
spec §3.4 EXP-RAW).  The stress test compares the three estimator/solver pairs *without*
bonuses (LB-NOBONUS: log-barrier + raw; MR-NOBONUS: exp weights + magnitude-reduced;
EXP-NOBONUS: exp weights + raw) because at this eta the dilated bonus keeps the bad actions
explored and hides the effect; the bonus versions (LB-PO, EXP-RAW) are run and reported.
"""
from theorylab.algorithms.adversarial_linear.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_BASE = {"instance": "illc", "eta_scale": 64.0, "gamma": 1e-5, "group": "illc"}

EXPERIMENT = Experiment(
    id="adversarial/ill_conditioned",
    description="Ill-conditioned correlated features: raw exponential weights collapses on rare "
                "hugely negative estimates, log-barrier FTRL and the magnitude-reduced estimator stay stable",
    tags=("adversarial", "stress", "estimator"),
    algorithms=("LB-NOBONUS", "MR-NOBONUS", "EXP-NOBONUS", "LB-PO", "EXP-RAW"),
    settings={"quick": (dict(_BASE, K=2**12),),
              "full": (dict(_BASE, K=2**12), dict(_BASE, K=2**14))},
    seeds={"quick": 40, "full": 200},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=20230203,
    figures=("adversarial_ill_conditioned",),
    paper="adversarial",
)
