"""Cell functions of the actor-critic experiments: ``run_cell(setting, algorithm, streams)``.

A setting names an instance (``"riverswim"``, ``"lock"``, ``"linear"``, ``"random_tabular"``)
with its sizes, the number of online episodes ``K`` and the practical bonus scales ``c_b``
(tabular) and ``c_beta`` (linear); hybrid settings add ``behaviour`` and ``n_off_max``.
An algorithm name is ``<base>`` or ``<base>@<N_off>`` (N_off offline trajectories, the first
N_off of ``n_off_max`` drawn once per cell, so datasets are nested across N_off).

Bases: ``nora`` (NORA-Tab on tabular, NORA-Lin on linear instances), ``nora_det``
(NORA-Tab with one-hot determinant doubling; NORA-Lin on linear instances), ``rs_greedy`` (eta =
inf: rare-switching UCBVI / LSVI-UCB), ``nora_eta10`` / ``nora_eta100`` (10x / 100x the
theory step), ``nora_noreset``, ``nora_ls`` (non-optimistic), ``douhua``, ``npg``
(non-optimistic DOUHUA), ``ucbvi``, ``lsvi_ucb`` (foundation baselines).  The baselines get
the same bonus as NORA: UCBVI's ``bonus_scale`` is set so that its bonus equals
c_b H sqrt(L / n) with L = log(S A H K / 0.05), and LSVI-UCB's beta is NORA-Lin's beta (on
linear instances) or c_b H sqrt(L) (one-hot features on tabular instances).
"""
from __future__ import annotations

import math

import numpy as np

from ...planning.dp import backward_induction
from ...problems.actor_critic import dead_lock, sparse_linear_mdp
from ...problems.library import random_tabular, riverswim, tabular_as_linear
from ...problems.linear import LinearMDP
from ...regret.trace import cumulative_at, log_checkpoints
from ...rng import Streams
from ..baselines.lsvi_ucb import LSVIUCBConfig, lsvi_ucb
from ..baselines.ucbvi import UCBVIConfig, ucbvi, ucbvi_log_factor
from .douhua import DouhuaConfig, douhua
from .nora_lin import NORALinConfig, nora_lin
from .nora_tab import NORATabConfig, nora_tab
from .offline import behaviour_policy, collect, concentrability
from .switching import count_doubling_bound, det_doubling_bound

__all__ = ["run_cell", "build_instance", "parse_algorithm", "BASES"]

BASES = ("nora", "nora_det", "rs_greedy", "nora_eta10", "nora_eta100", "nora_noreset", "nora_ls", "douhua", "npg",
         "ucbvi", "lsvi_ucb")
_NORA = {"nora": {}, "nora_det": {"switch_rule": "det"}, "rs_greedy": {"eta": math.inf}, "nora_eta10": {"eta_scale": 10.0},
         "nora_eta100": {"eta_scale": 100.0}, "nora_noreset": {"resets": False}, "nora_ls": {"optimistic": False}}


def parse_algorithm(name: str) -> tuple[str, int]:
    """Split ``"<base>@<N_off>"`` into (base, N_off); N_off = 0 without ``@``.

    References
    ----------
    Spec §3.3 (Hybrid NORA: NORA with N_off offline trajectories).
    """
    base, _, n = name.partition("@")
    if base not in BASES:
        raise ValueError(f"unknown algorithm base {base!r}; known: {', '.join(BASES)}")
    if n and (not n.isdigit()):
        raise ValueError(f"N_off in {name!r} must be a non-negative integer")
    return base, int(n or 0)


def build_instance(setting: dict, rng: np.random.Generator):
    """The setting's problem (TabularMDP or LinearMDP), random parts from ``rng``.

    References
    ----------
    Spec §4.2 (RiverSwim B1, combination lock B2, random linear MDP B3).
    """
    kind = setting["instance"]
    if kind == "riverswim":
        return riverswim(setting.get("S", 6), setting["H"])
    if kind == "lock":
        H, A = setting["H"], setting.get("A", 4)
        return dead_lock(H, A, rng.integers(0, A, size=H))
    if kind == "linear":
        return sparse_linear_mdp(rng, setting["S"], setting["A"], setting["d"], setting["H"])
    if kind == "random_tabular":
        return random_tabular(rng, setting["S"], setting["A"], setting["H"])
    raise ValueError(f"unknown instance {kind!r}; known: riverswim, lock, linear, random_tabular")


def _run(base: str, mdp, K: int, setting: dict, noise, algo, offline):
    linear = isinstance(mdp, LinearMDP)
    tab = mdp.to_tabular() if linear else mdp
    c_b, c_beta = setting.get("c_b", 1.0), setting.get("c_beta", 1.0)
    L = math.log(tab.S * tab.A * tab.H * K / 0.05)
    if base in _NORA:
        kw = dict(_NORA[base])
        if linear:
            kw.pop("switch_rule", None)
            if kw.pop("optimistic", True) is False:
                kw["c_beta"] = 0.0
            return nora_lin(mdp, K, NORALinConfig(c_beta=kw.pop("c_beta", c_beta), **kw), noise, algo, offline)
        return nora_tab(mdp, K, NORATabConfig(c_b=c_b, **kw), noise, algo, offline)
    if offline is not None and offline.N:
        raise ValueError(f"{base} does not take offline data")
    if base in ("douhua", "npg"):
        return douhua(tab, K, DouhuaConfig(c_b=c_b, optimistic=base == "douhua"), noise, algo)
    if base == "ucbvi":
        scale = c_b * math.sqrt(L) / (7.0 * ucbvi_log_factor(tab.S, tab.A, tab.H, K, 0.05))
        return ucbvi(tab, K, UCBVIConfig(bonus_scale=scale), noise)
    lin = mdp if linear else tabular_as_linear(mdp)
    beta = NORALinConfig(c_beta=c_beta).bonus(lin.d, lin.H, K) if linear else c_b * tab.H * math.sqrt(L)
    return lsvi_ucb(lin, K, LSVIUCBConfig(beta=beta), noise)


def _switch_bound(base: str, mdp, K_grid) -> np.ndarray:
    if base in ("douhua", "npg", "ucbvi", "lsvi_ucb"):
        return np.full(len(K_grid), np.nan)
    if isinstance(mdp, LinearMDP):
        return det_doubling_bound(mdp.H, mdp.d, K_grid, 1.0)
    if base == "nora_det":
        return det_doubling_bound(mdp.H, mdp.S * mdp.A, K_grid, 1.0)
    return count_doubling_bound(mdp.H, mdp.S, mdp.A, K_grid)


def run_cell(setting: dict, algorithm: str, streams: Streams) -> dict:
    """Run one (setting, algorithm, seed) cell and return its arrays.

    Returns
    -------
    dict with ``checkpoints`` (C,), cumulative ``pseudo``, ``realised``, ``switches``,
    ``opt``, ``act``, ``be`` (C,) at the checkpoints, ``switch_bound`` (C,) (NaN for
    algorithms without rare switching), ``decomp_err`` (1,) = max_t |OPT + ACT + BE - gap_t|
    (NaN for the foundation baselines), ``eta`` (1,) the actor step size, ``subopt`` (1,) = Reg(K)/K (suboptimality of the
    uniform mixture of the played policies), ``c_off`` (1,) concentrability of the behaviour.

    References
    ----------
    ``docs/architecture.md`` (cell function contract); spec §4.0 (decomposition).
    """
    base, n_off = parse_algorithm(algorithm)
    K = int(setting["K"])
    inst_rng = streams.instance
    mdp = build_instance(setting, inst_rng)
    tab = mdp.to_tabular() if isinstance(mdp, LinearMDP) else mdp
    offline, c_off = None, np.nan
    if "behaviour" in setting:
        pi_b = behaviour_policy(tab, setting["behaviour"], setting.get("mix", 0.5))
        c_off = concentrability(tab, pi_b)
        offline = collect(tab, pi_b, int(setting["n_off_max"]), inst_rng).head(n_off)
    elif n_off:
        raise ValueError(f"{algorithm!r} needs a setting with 'behaviour' and 'n_off_max'")
    res = _run(base, mdp, K, setting, streams.noise, streams.algorithm(algorithm), offline)
    vstar = float(res.diagnostics["vstar"][0]) if "vstar" in res.diagnostics else _vstar(tab)
    gap = vstar - res.values
    cp = log_checkpoints(K, setting.get("n_checkpoints", 16))
    out = {"checkpoints": cp, "pseudo": cumulative_at(gap, cp),
           "realised": cumulative_at(vstar - res.returns, cp),
           "switch_bound": _switch_bound(base, mdp, cp), "subopt": np.array([gap.sum() / K]),
           "c_off": np.array([c_off])}
    diag = res.diagnostics
    if "opt" in diag:
        out["switches"] = cumulative_at(diag["switch"], cp)
        for k in ("opt", "act", "be"):
            out[k] = cumulative_at(diag[k], cp)
        out["decomp_err"] = np.array([np.max(np.abs(diag["opt"] + diag["act"] + diag["be"] - gap))])
        out["eta"] = np.asarray(diag["eta"], dtype=np.float64)
    else:
        out["switches"] = np.full(cp.size, np.nan)
        out["decomp_err"] = np.array([np.nan])
        out["eta"] = np.array([np.nan])
    return out


def _vstar(mdp) -> float:
    return float(backward_induction(mdp).value)
