"""Regret vs the number of episodes K for NORA and every baseline (spec §4.2 B1-B3).

Instances: finite-horizon RiverSwim (B1), the dead-state combination lock with a secret key
per seed (B2) and a sparse-reward random linear MDP (B3).  Bonus scales are the practical
mode (``c_b``, ``c_beta``; reconstruction; see spec §3.2.1 and §7.7), the actor step size is
the theory value with the a-priori switch bound (spec §3.2).  Data only; the cell function
is :func:`theorylab.algorithms.actor_critic.tasks.run_cell`.
"""
from theorylab.algorithms.actor_critic.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_RIVER = {"instance": "riverswim", "S": 6, "c_b": 0.02, "n_checkpoints": 20}
_LOCK = {"instance": "lock", "A": 4, "c_b": 0.05, "n_checkpoints": 20}
_LIN = {"instance": "linear", "S": 20, "A": 4, "d": 5, "c_beta": 0.05, "c_b": 0.05, "n_checkpoints": 20}

EXPERIMENT = Experiment(
    id="actor_critic/t_scaling",
    description="NORA regret ~ sqrt(K) (tabular and linear); non-optimistic AC linear on the lock",
    tags=("actor_critic", "regret", "tabular", "linear"),
    algorithms=("nora", "rs_greedy", "douhua", "npg", "nora_ls", "ucbvi", "lsvi_ucb"),
    settings={
        "quick": ({**_RIVER, "H": 10, "K": 5_000}, {**_LOCK, "H": 8, "K": 2_000},
                  {**_LIN, "H": 5, "K": 3_000}),
        "full": ({**_RIVER, "H": 20, "K": 100_000}, {**_LOCK, "H": 10, "K": 30_000},
                 {**_LIN, "H": 10, "K": 30_000}),
    },
    seeds={"quick": 3, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=25050310,
    figures=("actor_critic_regret", "actor_critic_decomposition"),
    paper="actor_critic",
)
