"""Non-optimistic offline-initialised actor-critic: suboptimality vs N_off (spec §4.4 D1).

NORA-LS (no bonus, unvisited pairs at 0) initialised with N_off trajectories of the
mixture behaviour 0.5 pi* + 0.5 Uniform (finite c*_off, computed exactly), then K online
episodes; the suboptimality of the output mixture policy is Reg(K)/K.  ``nora_ls@<N_ref>``
with the largest dataset estimates the online floor (the sqrt(1/K)-type actor term).
"""
from theorylab.algorithms.actor_critic.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_N = (10, 30, 100, 300)
N_REF = 10000
_RAND = {"instance": "random_tabular", "S": 5, "A": 3, "H": 5, "behaviour": "mix", "mix": 0.5,
         "n_off_max": N_REF, "n_checkpoints": 8}

EXPERIMENT = Experiment(
    id="actor_critic/offline_init",
    description="NORA-LS suboptimality - floor ~ N_off^(-1/2) or faster (Theorem D rate)",
    tags=("actor_critic", "offline", "non-optimistic", "tabular"),
    algorithms=tuple(f"nora_ls@{n}" for n in _N) + (f"nora_ls@{N_REF}",),
    settings={"quick": ({**_RAND, "K": 50},), "full": ({**_RAND, "K": 50}, {**_RAND, "S": 10, "K": 50})},
    seeds={"quick": 6, "full": 40},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=25050313,
    figures=("actor_critic_offline_init",),
    paper="actor_critic",
)
