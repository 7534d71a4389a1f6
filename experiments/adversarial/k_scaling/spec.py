"""adversarial/k_scaling: regret versus K (one run per K; schedules depend on K, spec §4.3).

Groups of settings:
* ``lb``: I-LB (H = 1, A = d = 4) with ADV-LB, gap sqrt(d/K)/4 re-drawn per K: every
  learner pays Omega(sqrt(dK)); checks that LB-PO/MR-PO slopes lie between 0.4 and the
  bound's own slope and that the explicit (reconstructed) bounds hold.
* ``gap``: I-LB (H = 1, A = d = 2) with a fixed gap 0.2: UNIF and FTL are linear.
* ``tab`` (full size only): I-TAB (H = 2, S = 2, A = 2) with ADV-LB.
* ``late`` (full size only): the ``gap`` instance at K = 2^15..2^20, where MR-PO's local
  slope has reached the bound's (about 0.5) and LB-PO's and LUO21's are still falling
  (log-barrier's 1/(eta gap k) tail; see the README).
"""
from theorylab.algorithms.adversarial_linear.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

ALGORITHMS = ("LB-PO", "MR-PO", "LUO21", "FULLINFO", "O-REPS", "FTL", "UNIF", "EXP-RAW", "EXP-NOBONUS",
              "LB-NOBONUS")


def _group(group: str, base: dict, exponents) -> list:
    return [dict(base, group=group, K=2**e) for e in exponents]


_LB = {"instance": "lb", "A": 4, "adversary": "lb"}
_GAP = {"instance": "lb", "A": 2, "adversary": "lb", "gap": 0.2}
_TAB = {"instance": "tab", "H": 2, "S": 2, "A": 2, "adversary": "lb"}

EXPERIMENT = Experiment(
    id="adversarial/k_scaling",
    description="Regret vs K: LB-PO and MR-PO (sqrt K, Dai et al. 2023) against LUO21 (K^2/3), "
                "full-information PO and O-REPS, FTL, the uniform policy and the raw-estimator/no-bonus ablations",
    tags=("adversarial", "regret", "rate"),
    algorithms=ALGORITHMS,
    settings={"quick": tuple(_group("lb", _LB, range(10, 14)) + _group("gap", _GAP, range(10, 14))),
              "full": tuple(_group("lb", _LB, range(9, 17)) + _group("gap", _GAP, range(9, 17))
                            + _group("tab", _TAB, range(9, 16)) + _group("late", _GAP, range(15, 21)))},
    seeds={"quick": 6, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=20230130,
    figures=("adversarial_k_scaling",),
    paper="adversarial",
)
