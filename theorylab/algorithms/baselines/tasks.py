"""Cell functions of the baseline experiments (``experiments/baselines/*``).

A cell ``(setting, algorithm, seed)`` builds its problem from ``streams.instance``, runs
the algorithm for K episodes with the shared ``streams.noise``, and returns cumulative
regret at log-spaced checkpoints (design rule 1: pseudo-regret sum_k V*_1 - V^{pi_k}_1 is
exact; realised regret sum_k V*_1 - sum_h r_h(s^k_h, a^k_h) is recorded beside it).

Algorithm names
---------------
``ucbvi``          UCBVI-CH with the theorem's bonus (``bonus_scale = 1``).
``ucbvi_scaled``   UCBVI-CH with ``bonus_scale = setting["scaled_bonus"]`` (practical mode).
``lsvi_ucb``       LSVI-UCB with beta = beta_c d H sqrt(iota), ``beta_c = 1``.
``lsvi_ucb_scaled`` LSVI-UCB with ``beta_c = setting["scaled_beta_c"]`` (practical mode).

Problems (``setting["problem"]``): ``riverswim`` (S, H), ``random_tabular`` (S, A, H;
stationary, as UCBVI's theorem assumes) and ``random_linear`` (S, A, d, H).
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from ...planning.dp import backward_induction
from ...problems.library import random_linear_mdp, random_tabular, riverswim
from ...problems.linear import LinearMDP
from ...regret.trace import cumulative_at, log_checkpoints
from ...rng import Streams
from .lsvi_ucb import LSVIUCBConfig, lsvi_ucb
from .ucbvi import UCBVIConfig, ucbvi

__all__ = ["ALGORITHMS", "make_problem", "problem_dims", "algorithm_config", "run_cell"]

ALGORITHMS = ("ucbvi", "ucbvi_scaled", "lsvi_ucb", "lsvi_ucb_scaled")
N_CHECKPOINTS = 24


def make_problem(setting: Mapping, rng: np.random.Generator):
    """The TabularMDP or LinearMDP that ``setting`` names, drawn from ``rng`` when random.

    References
    ----------
    Strehl & Littman (2008) (RiverSwim); Jin et al. (2020), Assumption A (linear MDP).
    """
    name = setting.get("problem")
    if name == "riverswim":
        return riverswim(int(setting["S"]), int(setting["H"]))
    if name == "random_tabular":
        return random_tabular(rng, int(setting["S"]), int(setting["A"]), int(setting["H"]), stationary=True)
    if name == "random_linear":
        return random_linear_mdp(rng, int(setting["S"]), int(setting["A"]), int(setting["d"]), int(setting["H"]))
    raise ValueError(f"setting['problem'] must be riverswim, random_tabular or random_linear, got {name!r}")


def problem_dims(setting: Mapping) -> dict:
    """S, A, H (and d) of a setting without building the problem (RiverSwim has A = 2).

    References
    ----------
    Strehl & Littman (2008) (RiverSwim has two actions).
    """
    dims = {"S": int(setting["S"]), "A": 2 if setting["problem"] == "riverswim" else int(setting["A"]),
            "H": int(setting["H"])}
    if "d" in setting:
        dims["d"] = int(setting["d"])
    return dims


def algorithm_config(algorithm: str, setting: Mapping):
    """The config object of ``algorithm`` in ``setting`` (see the module docstring).

    References
    ----------
    Azar et al. (2017), Algorithm 3; Jin et al. (2020), Theorem 3.1.
    """
    delta = float(setting.get("delta", 0.05))
    if algorithm == "ucbvi":
        return UCBVIConfig(delta=delta)
    if algorithm == "ucbvi_scaled":
        return UCBVIConfig(delta=delta, bonus_scale=float(setting["scaled_bonus"]))
    if algorithm == "lsvi_ucb":
        return LSVIUCBConfig(delta=delta)
    if algorithm == "lsvi_ucb_scaled":
        return LSVIUCBConfig(delta=delta, beta_c=float(setting["scaled_beta_c"]))
    raise ValueError(f"unknown baseline algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")


def run_cell(setting: Mapping, algorithm: str, streams: Streams) -> dict:
    """Run one baseline cell.

    Parameters
    ----------
    setting : mapping
        ``problem``, its sizes, ``K`` (episodes) and optional ``delta``.
    algorithm : str
        One of :data:`ALGORITHMS`.
    streams : theorylab.rng.Streams

    Returns
    -------
    dict
        ``checkpoints`` int (C,), ``pseudo`` float (C,), ``realised`` float (C,),
        ``v_star`` float (), ``upper_final`` float () (the last optimistic estimate).

    References
    ----------
    ``docs/architecture.md`` (cell functions); design rule 1.
    """
    config = algorithm_config(algorithm, setting)
    mdp = make_problem(setting, streams.instance)
    K = int(setting["K"])
    if isinstance(mdp, LinearMDP):
        v_star = backward_induction(mdp.to_tabular()).value
        res = lsvi_ucb(mdp, K, config, streams.noise)
    else:
        v_star = backward_induction(mdp).value
        res = ucbvi(mdp, K, config, streams.noise)
    cp = log_checkpoints(K, N_CHECKPOINTS)
    return {"checkpoints": cp,
            "pseudo": cumulative_at(res.pseudo_regret(v_star), cp),
            "realised": cumulative_at(res.realised_regret(v_star), cp),
            "v_star": np.float64(v_star),
            "upper_final": np.float64(res.diagnostics["upper"][-1])}
