"""Actor step size and resets: NORA at 1x, 10x, 100x the theory eta, the greedy limit eta = inf
(rare-switching UCBVI) and the no-reset ablation (spec §4.2 [D] prediction and B6).

The spec predicts regret non-increasing in eta, approaching the greedy rare-switching
learner; the analysis reports what the data say.
"""
from theorylab.algorithms.actor_critic.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_RIVER = {"instance": "riverswim", "S": 6, "c_b": 0.02, "n_checkpoints": 16}
_LOCK = {"instance": "lock", "A": 4, "c_b": 0.05, "n_checkpoints": 16}

EXPERIMENT = Experiment(
    id="actor_critic/step_size",
    description="NORA regret vs actor step size (1x, 10x, 100x theory, greedy) and without resets",
    tags=("actor_critic", "step_size", "ablation", "tabular"),
    algorithms=("nora", "nora_eta10", "nora_eta100", "rs_greedy", "nora_noreset"),
    settings={"quick": ({**_RIVER, "H": 10, "K": 3_000}, {**_LOCK, "H": 6, "K": 2_000}),
              "full": ({**_RIVER, "H": 20, "K": 30_000}, {**_LOCK, "H": 10, "K": 30_000})},
    seeds={"quick": 3, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=25050314,
    figures=("actor_critic_step_size",),
    paper="actor_critic",
)
