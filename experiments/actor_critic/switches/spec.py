"""Number of critic switches vs K against the deterministic doubling bounds (spec §4.2 B5).

NORA-Tab with count doubling and with one-hot determinant doubling on RiverSwim, NORA-Lin
on sparse random linear MDPs of two feature dimensions, and Hybrid NORA with 300 uniform
offline trajectories (spec §3.3 prediction: good coverage makes switches rarer).
"""
from theorylab.algorithms.actor_critic.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_RIVER = {"instance": "riverswim", "S": 6, "c_b": 0.02, "behaviour": "unif", "n_off_max": 300, "n_checkpoints": 20}
_LIN = {"instance": "linear", "S": 20, "A": 4, "c_beta": 0.05, "behaviour": "unif", "n_off_max": 300,
        "n_checkpoints": 20}

EXPERIMENT = Experiment(
    id="actor_critic/switches",
    description="N_sw(K) <= H d log2(1+K/(lam d)) + 1 (and H S A (1+log2 K) + 1) on every run; N_sw ~ log K",
    tags=("actor_critic", "switches", "tabular", "linear"),
    algorithms=("nora", "nora_det", "rs_greedy", "nora@300"),
    settings={
        "quick": ({**_RIVER, "H": 10, "K": 3_000}, {**_LIN, "d": 5, "H": 5, "K": 2_000},
                  {**_LIN, "d": 10, "H": 5, "K": 2_000}),
        "full": ({**_RIVER, "H": 20, "K": 100_000}, {**_LIN, "d": 5, "H": 10, "K": 30_000},
                 {**_LIN, "d": 10, "H": 10, "K": 30_000}),
    },
    seeds={"quick": 3, "full": 10},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=25050311,
    figures=("actor_critic_switches",),
    paper="actor_critic",
)
