"""Cell functions of the fairness experiments: setting dict -> environment -> learner -> arrays.

A setting is a JSON dict.  Environment keys (defaults from spec §5.2, all reconstruction):
``env`` ("synthetic" | "german" | "compas"), ``T``, ``K`` (19), ``grid`` ("uniform" on
[0.05, 0.95] for synthetic, "quantile" for the data sets), ``N_B`` (200), ``eps`` (0.1),
``rho_min`` (0), ``rho_max`` (1), ``kappa`` (0.02), ``gamma`` (2), ``zeta`` (0.3),
``composition`` / ``qualification`` (true), ``feedback`` ("expected"), ``protected``
("sex"), ``means`` and ``x0`` (synthetic), ``reward_kind`` ("profit"), ``cost`` (1).
Run keys: ``window`` (0.2), ``n_checkpoints`` (25), ``configs``: algorithm name -> config
keyword dict.  Algorithm names are ``ofs``, ``ucb``, ``pd`` or ``oracle`` (the best
feasible fixed threshold, from the fixed point), optionally with a ``-suffix`` naming a
variant configured under ``configs``; ``sweep`` runs :func:`sweep_cell` (oracle by
simulation vs fixed point, contraction check) instead of a learner.

References
----------
Reconstruction; see spec ``ofs_fair_threshold.md`` §4.4 and §5.2.
"""
from __future__ import annotations

import functools
import json

import numpy as np

from ...data.fairness import dataset_scores
from ...problems.fairness import (ClosedLoopDynamics, FairnessConstraints, semi_synthetic_env, synthetic_env,
                                  threshold_grid)
from ...problems.fairness_dynamics import closed_loop_map, contraction_weights, fixed_points, weighted_norm
from ...regret.trace import log_checkpoints
from . import ofs, primal_dual, ucb
from .metrics import run_metrics
from .oracle import oracle_fixed_point, oracle_sweep, run_fixed

__all__ = ["make_env", "run_cell", "ALGORITHMS"]

ALGORITHMS = {"ofs": (ofs.OFSConfig, ofs.run), "ucb": (ucb.UCBConfig, ucb.run),
              "pd": (primal_dual.PDConfig, primal_dual.run)}


def _dynamics(s: dict, **anchors) -> ClosedLoopDynamics:
    kw = {k: s[k] for k in ("kappa", "gamma", "zeta", "composition", "qualification", "feedback") if k in s}
    if "q_bar" in s:
        kw["q_bar"] = tuple(s["q_bar"])
    return ClosedLoopDynamics(**{**anchors, **kw})


def make_env(s: dict):
    """The environment of a setting dict (see the module docstring for the keys).

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §5.2.
    """
    cons = FairnessConstraints(s.get("eps", 0.1), s.get("rho_min", 0.0), s.get("rho_max", 1.0))
    common = dict(constraints=cons, batch_size=s.get("N_B", 200), cost=s.get("cost", 1.0),
                  reward_kind=s.get("reward_kind", "profit"))
    K = s.get("K", 19)
    name = s.get("env", "synthetic")
    if name == "synthetic":
        return synthetic_env(K, means=s.get("means", ((-1.0, 1.0), (-1.5, 0.5))),
                             x0=s.get("x0", (0.5, 0.6, 0.45)), dynamics=_dynamics(s), **common)
    if name not in ("german", "compas"):
        raise ValueError(f"env must be 'synthetic', 'german' or 'compas', got {name!r}")
    S, y, g = dataset_scores(name, s.get("protected", "sex"))
    anchors = dict(pi_bar=float(np.mean(g)), q_bar=tuple(float(np.mean(y[g == a])) for a in (0, 1)))
    th = threshold_grid(K) if s.get("grid", "quantile") == "uniform" else None
    return semi_synthetic_env(S, y, g, thresholds=th, K=K, dynamics=_dynamics(s, **anchors), name=name, **common)


_RUN_KEYS = ("T", "configs", "window", "n_checkpoints")


@functools.lru_cache(maxsize=32)
def _env_and_oracle(env_json: str):
    # a pure function of the environment keys: memoised so cells of one setting share it
    env = make_env(json.loads(env_json))
    return env, oracle_fixed_point(env)


def run_cell(setting: dict, algorithm: str, streams) -> dict:
    """Run one learner on one setting with the cell's streams; return its metric arrays.

    Parameters
    ----------
    setting : dict (JSON); algorithm : str, "ofs" | "ucb" | "pd" | "oracle" [+ "-variant"]
    streams : theorylab.rng.Streams

    Returns
    -------
    dict name -> ndarray, see :func:`theorylab.algorithms.fairness.metrics.run_metrics`

    References
    ----------
    ``docs/architecture.md`` (cell functions); reconstruction; see spec §4.4, §5.2.
    """
    T = int(setting["T"])
    if algorithm == "sweep":
        return sweep_cell(make_env(setting), T, streams, setting.get("window", 0.2))
    env, orc = _env_and_oracle(json.dumps({k: v for k, v in setting.items() if k not in _RUN_KEYS}, sort_keys=True))
    base = algorithm.split("-")[0]
    if base == "oracle":
        run = run_fixed(env, orc.k_star, T, streams, name=algorithm)
    elif base in ALGORITHMS:
        cls, fn = ALGORITHMS[base]
        cfg = cls(**setting.get("configs", {}).get(algorithm, {}))
        run = fn(env, cfg, T, streams, name=algorithm, watch=orc.k_star if orc.feasible_exists else -1)
    else:
        raise ValueError(f"unknown algorithm {algorithm!r}; known: ofs, ucb, pd, oracle")
    cp = log_checkpoints(T, setting.get("n_checkpoints", 25))
    return run_metrics(run, orc, env.constraints.active, env.reward_range, cp, setting.get("window", 0.2))


def sweep_cell(env, T: int, streams, window: float = 0.2, n_pairs: int = 500) -> dict:
    """E5 arrays: the oracle by simulation vs by fixed point, and the contraction of Phi.

    Returns
    -------
    dict: ``fp_reward``, ``sw_reward``, ``sw_reward_se``, ``fp_dp``, ``sw_dp``, ``sw_dp_se`` (K,);
    ``fp_k_star``, ``sw_k_star``; ``lipschitz_ratio`` (max over random state pairs and arms of
    ||Phi(x) - Phi(y)||_w / ||x - y||_w), ``modulus`` L, ``fixed_point_residual``
    max_k ||Phi(x*_k) - x*_k||_w.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.3 and §4.4 (E5).
    """
    fp, sw = oracle_fixed_point(env), oracle_sweep(env, T, streams, window)
    w, L = contraction_weights(env.dynamics)
    rng = streams.instance
    X, Y = rng.random((n_pairs, 3)), rng.random((n_pairs, 3))
    ratio = 0.0
    for k in range(env.K):
        P = lambda Z: Z[:, 1:3] * env.rates[:, 1, k] + (1 - Z[:, 1:3]) * env.rates[:, 0, k]  # noqa: E731
        d = weighted_norm(closed_loop_map(env, X, P(X)) - closed_loop_map(env, Y, P(Y)), w)
        ratio = max(ratio, float(np.max(d / weighted_norm(X - Y, w))))
    Xs, _, _ = fixed_points(env)
    return {"fp_reward": fp.reward, "sw_reward": sw.reward, "sw_reward_se": sw.reward_se,
            "fp_dp": fp.residuals[0], "sw_dp": sw.residuals[0], "sw_dp_se": sw.residual_se[0],
            "fp_k_star": np.int64(fp.k_star), "sw_k_star": np.int64(sw.k_star),
            "lipschitz_ratio": np.float64(ratio), "modulus": np.float64(L),
            "fixed_point_residual": np.float64(weighted_norm(closed_loop_map(env, Xs) - Xs, w).max()),
            "thresholds": env.thresholds.copy()}
