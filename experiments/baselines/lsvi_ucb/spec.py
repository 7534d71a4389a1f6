"""LSVI-UCB (Jin, Yang, Wang, Jordan 2020) on random linear MDPs with simplex features.

``lsvi_ucb`` uses beta = c d H sqrt(iota) with c = 1 (the theorem leaves c unspecified: our
choice); ``lsvi_ucb_scaled`` uses c = ``scaled_beta_c`` (practical mode, reconstruction; see
spec ``optimistic_actor_critic.md`` §3.2.1).  Both are checked by log-log slope against
Theorem 3.1's rate sqrt(d^3 H^3 T iota^2).  Data only.
"""
from theorylab.algorithms.baselines.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_LINEAR = {"problem": "random_linear", "S": 20, "A": 4, "d": 5, "H": 5, "delta": 0.05, "scaled_beta_c": 0.1}

EXPERIMENT = Experiment(
    id="baselines/lsvi_ucb",
    description="LSVI-UCB regret vs the sqrt(K) rate of Jin et al. 2020 Thm 3.1",
    tags=("baselines", "linear", "lsvi_ucb", "vertical-slice"),
    algorithms=("lsvi_ucb", "lsvi_ucb_scaled"),
    settings={
        "quick": ({**_LINEAR, "K": 2**14},),
        "full": ({**_LINEAR, "K": 2**16},),
    },
    seeds={"quick": 8, "full": 24},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=20200709,
    figures=("baselines_regret",),
    paper="baselines",
)
