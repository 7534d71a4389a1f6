"""Cell functions of the adversarial experiments: build instance + adversary, run, measure.

A setting is a JSON dict with keys ``instance`` (``"tab"``, ``"lin"``, ``"ill"``, ``"illc"``, ``"trap"``, ``"lb"``, ``"onegood"``),
sizes (``H``, ``S``, ``A``, ``d``), ``adversary`` (see ``problems.adversarial.ADVERSARIES``),
``K``, and optional ``tilt``, ``block``, ``gap``, ``good``, ``means``, ``eta_scale``, ``gamma``, ``cov_mode``,
``n_cov_samples``, ``n_checkpoints``, and ``simfree`` (algorithm name -> dict of
:class:`~.simulator_free.SimulatorFreeConfig` fields, for LB-PO-LinMDP / LUO21-SF).  The instance and the loss sequence come from
``streams.instance`` (shared by every algorithm of the cell), the learner's actions and
simulator rollouts from ``streams.algorithm(name)``, transitions from ``streams.noise``.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ...problems.adversarial import (AdversarialMDP, bandit_losses, ill_conditioned_instance, linear_instance,
                                     lower_bound_instance, make_losses, one_good_instance, tabular_instance)
from ...problems.adversarial_stress import correlated_ill_instance, correlated_ill_losses, trap_instance
from ...regret.trace import log_checkpoints
from ._base import DIAGNOSTICS, pseudo_regret, run
from .lb_po import LBPOConfig
from .luo21 import LUO21Config
from .mr_po import MRPOConfig
from .oreps import OREPSConfig, run_oreps
from .reference_learners import FTLConfig, FullInfoConfig, UniformConfig
from .simulator_free import LBPOLinMDPConfig, LUO21SimFreeConfig, SimulatorFreeConfig, run_simulator_free

__all__ = ["ALGORITHMS", "PROVEN", "build_problem", "make_config", "run_cell"]

ALGORITHMS: dict[str, Callable] = {
    "LB-PO": lambda **kw: LBPOConfig(**kw),
    "LB-NOBONUS": lambda **kw: LBPOConfig(bonus=False, **kw),
    "MR-PO": lambda **kw: MRPOConfig(**kw),
    "MR-PO-C": lambda **kw: MRPOConfig(mr_mode="clip_centered", **kw),
    "EXP-RAW": lambda **kw: MRPOConfig(mr_mode="none", **kw),
    "EXP-NOBONUS": lambda **kw: MRPOConfig(mr_mode="none", bonus=False, **kw),
    "MR-NOBONUS": lambda **kw: MRPOConfig(bonus=False, **kw),
    "LUO21": lambda **kw: LUO21Config(**kw),
    "FTL": lambda **kw: FTLConfig(**kw),
    "UNIF": lambda **kw: UniformConfig(**kw),
    "FULLINFO": lambda **kw: FullInfoConfig(**kw),
    "O-REPS": lambda **kw: OREPSConfig(**kw),
    "LB-PO-LinMDP": lambda **kw: LBPOLinMDPConfig(experimental=True, **kw),
    "LUO21-SF": lambda **kw: LUO21SimFreeConfig(experimental=True, **kw),
}
_SIMFREE = ("LB-PO-LinMDP", "LUO21-SF")
PROVEN = ("LB-PO", "MR-PO", "MR-PO-C", "LUO21", "FULLINFO")
_CONFIG_KEYS = ("cov_mode", "n_cov_samples", "eta_scale", "gamma")


def build_problem(setting: dict, rng: np.random.Generator) -> AdversarialMDP:
    """The instance and oblivious loss sequence of a setting, drawn from ``rng``.

    References
    ----------
    Spec §4.1 (instances) and §4.2 (adversaries, generated up front).
    """
    inst = setting.get("instance", "tab")
    if inst == "tab":
        P, phi = tabular_instance(rng, setting.get("H", 3), setting.get("S", 3), setting.get("A", 3))
    elif inst == "lin":
        P, phi = linear_instance(rng, setting.get("H", 2), setting.get("S", 4), setting.get("A", 4),
                                 setting.get("d", 3))
    elif inst == "ill":
        P, phi = ill_conditioned_instance(setting.get("A", 4), setting.get("eps", 0.05))
    elif inst == "illc":
        P, phi = correlated_ill_instance(setting.get("eps", 0.5))
        G = correlated_ill_losses(rng, setting["K"], setting.get("means", (0.2, 0.7)))
        return AdversarialMDP(P, phi, G, name="illc/iid")
    elif inst == "trap":
        P, phi, G = trap_instance(setting.get("H", 4), setting.get("A", 3), setting.get("cost"), setting["K"])
        return AdversarialMDP(P, phi, G, name="trap/fixed")
    elif inst == "lb":
        P, phi = lower_bound_instance(setting.get("A", 8))
    elif inst == "onegood":
        P, phi = one_good_instance(setting.get("A", 16), setting.get("d", 4))
    else:
        raise ValueError(f"instance must be one of 'tab', 'lin', 'ill', 'illc', 'trap', 'lb', 'onegood', got {inst!r}")
    if setting.get("adversary") == "bandit":
        G = bandit_losses(rng, phi, setting["K"], setting["means"])
        return AdversarialMDP(P, phi, G, name=f"{inst}/bandit")
    G = make_losses(rng, phi, setting["K"], setting.get("adversary", "switch"),
                    tilt=setting.get("tilt", 0.1), block=setting.get("block"), gap=setting.get("gap"),
                    good=setting.get("good"))
    return AdversarialMDP(P, phi, G, name=f"{inst}/{setting.get('adversary', 'switch')}")


def make_config(algorithm: str, setting: dict):
    """The config of ``algorithm`` with the setting's overrides (cov_mode, n_cov_samples, eta_scale).

    References
    ----------
    Spec §3.4 (baselines share the harness).
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")
    if algorithm in _SIMFREE:
        return ALGORITHMS[algorithm](**setting.get("simfree", {}).get(algorithm, {}))
    if algorithm == "O-REPS":  # full information: no covariance mode, sample count or gamma
        return ALGORITHMS[algorithm](**({"eta_scale": setting["eta_scale"]} if "eta_scale" in setting else {}))
    kw = {k: setting[k] for k in _CONFIG_KEYS if k in setting}
    if algorithm in ("UNIF", "FTL", "FULLINFO"):
        kw.pop("eta_scale", None)
        kw.pop("gamma", None)
    return ALGORITHMS[algorithm](**kw)


def run_cell(setting: dict, algorithm: str, streams) -> dict:
    """Run one (setting, algorithm, seed) cell and return its arrays.

    Returns
    -------
    dict with ``checkpoints`` (C,), ``pseudo`` (C,) exact cumulative pseudo-regret,
    ``realised`` (C,), ``values`` (C,) cumulative exact loss, one (C,) array per diagnostic
    (running max, or running mean for fractions and entropy), and the scalars ``eta``,
    ``beta``, ``gamma``, ``M`` as 0-d arrays.

    References
    ----------
    ``docs/architecture.md`` (cell functions); spec §4.3 (measurements).
    """
    problem = build_problem(setting, streams.instance)
    config = make_config(algorithm, setting)
    runner = run_simulator_free if isinstance(config, SimulatorFreeConfig) else run
    runner = run_oreps if isinstance(config, OREPSConfig) else runner
    res = runner(problem, config, streams, stream_name=algorithm)
    cp = log_checkpoints(problem.K, setting.get("n_checkpoints", 12))
    pseudo = pseudo_regret(problem, res.values, cp)
    out = {"checkpoints": cp, "pseudo": pseudo,
           "realised": pseudo + np.cumsum(res.returns - res.values)[cp - 1],
           "values": np.cumsum(res.values)[cp - 1]}
    for name in DIAGNOSTICS:
        x = res.diagnostics[name]
        if name in ("big_negative_fraction", "entropy_s1"):
            out[name] = (np.cumsum(x) / np.arange(1, x.size + 1))[cp - 1]
        elif name == "min_pi":
            out[name] = np.minimum.accumulate(x)[cp - 1]
        else:
            out[name] = np.maximum.accumulate(x)[cp - 1]
    for k in ("eta", "beta", "gamma", "M", "W", "T0", "delta"):
        if k in res.params:
            out[k] = np.asarray(res.params[k])
    return out
