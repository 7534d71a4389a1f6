"""Hybrid NORA: regret after K online episodes vs the number N_off of offline trajectories (spec §4.3 C1).

Behaviour policies pi* ("opt", c*_off = 1), uniform ("unif") and the adversarial
0.6 (1 - pi*)/(A - 1) + 0.4 Uniform ("bad", partial coverage); c*_off is computed exactly.
Datasets are nested across N_off (the first N_off of n_off_max trajectories).
"""
from theorylab.algorithms.actor_critic.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_LOCK = {"instance": "lock", "A": 4, "H": 8, "c_b": 0.05, "n_checkpoints": 12}
_RIVER = {"instance": "riverswim", "S": 6, "H": 10, "c_b": 0.02, "n_checkpoints": 12}
_N = (10, 100, 1000, 10000)

EXPERIMENT = Experiment(
    id="actor_critic/hybrid_noff",
    description="Hybrid NORA regret vs N_off for pi*, uniform and adversarial behaviour data",
    tags=("actor_critic", "hybrid", "tabular"),
    algorithms=("nora",) + tuple(f"nora@{n}" for n in _N),
    settings={
        "quick": tuple({**_LOCK, "K": 2_000, "behaviour": b, "n_off_max": max(_N)} for b in ("opt", "unif", "bad"))
        + ({**_RIVER, "K": 2_000, "behaviour": "unif", "n_off_max": max(_N)},),
        "full": tuple({**base, "K": 10_000, "behaviour": b, "n_off_max": max(_N)}
                      for base in (_LOCK, _RIVER) for b in ("opt", "unif", "bad")),
    },
    seeds={"quick": 3, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=25050312,
    figures=("actor_critic_hybrid",),
    paper="actor_critic",
)
