"""adversarial/simulator_free: Algorithm 3 (LB-PO-LinMDP, EXPERIMENTAL) vs LUO21's template.

I-LIN linear MDP (H = 2, S = 3, A = 4, d = 3) with the ADV-SWITCH adversary, one run per K
(the K-power schedules depend on K).  Both simulator-free learners follow the reconstructed
template of spec §3.3 (:mod:`theorylab.algorithms.adversarial_linear.simulator_free`; every
schedule default is ours, the paper gives none); LB-PO with an exact-covariance simulator
and the uniform policy are the lower and upper references.  All rate checks are
``proven=False``: the algorithms are reconstructions, only the K-exponents are the papers'.
"""
from theorylab.algorithms.adversarial_linear.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

ALGORITHMS = ("LB-PO-LinMDP", "LUO21-SF", "LB-PO", "UNIF")
_BASE = {"instance": "lin", "H": 2, "S": 3, "A": 4, "d": 3, "adversary": "lb", "gap": 0.2, "group": "lin"}

EXPERIMENT = Experiment(
    id="adversarial/simulator_free",
    description="Simulator-free linear MDP: reconstructed LB-PO-LinMDP (K^8/9, Dai et al. 2023) "
                "against Luo et al.'s simulator-free template (K^14/15), EXPERIMENTAL",
    tags=("adversarial", "regret", "rate", "experimental"),
    algorithms=ALGORITHMS,
    settings={"quick": tuple(dict(_BASE, K=2**e) for e in range(10, 14)),
              "full": tuple(dict(_BASE, K=2**e) for e in range(10, 17))},
    seeds={"quick": 4, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=20230202,
    figures=("adversarial_simulator_free",),
    paper="adversarial",
)
