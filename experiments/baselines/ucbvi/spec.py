"""UCBVI-CH (Azar, Osband, Munos 2017) on RiverSwim and random stationary tabular MDPs.

Two algorithms share each cell's noise (paired): ``ucbvi`` with the theorem's Hoeffding
bonus, checked against Theorem 1's explicit bound, and ``ucbvi_scaled`` with the bonus
multiplied by ``scaled_bonus`` (our practical-mode choice, reconstruction; see spec
``optimistic_actor_critic.md`` §3.2.2), whose log-log slope is checked against the
theorem's sqrt(K) rate.  Data only; the cell function is
:func:`theorylab.algorithms.baselines.tasks.run_cell`, the analysis is ``analysis.analyse``.
"""
from theorylab.algorithms.baselines.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_RIVER = {"problem": "riverswim", "S": 6, "H": 20, "delta": 0.05, "scaled_bonus": 0.01}
_RANDOM = {"problem": "random_tabular", "S": 10, "A": 3, "H": 10, "delta": 0.05, "scaled_bonus": 0.01}

EXPERIMENT = Experiment(
    id="baselines/ucbvi",
    description="UCBVI-CH regret vs Azar et al. 2017 Thm 1 (bound) and its sqrt(K) rate",
    tags=("baselines", "tabular", "ucbvi", "vertical-slice"),
    algorithms=("ucbvi", "ucbvi_scaled"),
    settings={
        "quick": ({**_RIVER, "K": 2**14}, {**_RANDOM, "K": 2**14}),
        "full": ({**_RIVER, "K": 2**16}, {**_RANDOM, "K": 2**16}),
    },
    seeds={"quick": 8, "full": 24},
    run_cell=run_cell,
    analyse=analyse,
    root_seed=20170717,
    figures=("baselines_regret",),
    paper="baselines",
)
