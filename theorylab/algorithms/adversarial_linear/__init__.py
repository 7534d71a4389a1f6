"""Adversarial linear-Q MDPs (Dai, Luo, Wei, Zimmert 2023): LB-PO, MR-PO and baselines.

Symbols (spec ``shared/specs/ftrl_adversarial_mdp.md``): K episodes, H layers, S state slots
per layer, A actions, d feature dimension, phi features, P transitions, l_k losses,
eta learning rate, beta bonus scale, gamma covariance regulariser, Sinv ~ (gamma I +
Sigma)^{-1}, C cumulative per-state losses fed to FTRL, B dilated bonus.

Algorithms (one config each, all run by :func:`run`): :class:`LBPOConfig` (Algorithm 1;
``bonus=False`` = LB-NOBONUS), :class:`MRPOConfig` (Algorithm 2; ``mr_mode="none"`` =
EXP-RAW, plus ``bonus=False`` = EXP-NOBONUS), :class:`LUO21Config`, :class:`FTLConfig`,
:class:`UniformConfig`, :class:`FullInfoConfig`.  Algorithm 3 (simulator-free linear MDP,
EXPERIMENTAL: structure and schedule are reconstructions) is :class:`LBPOLinMDPConfig`, with
Luo et al.'s simulator-free template :class:`LUO21SimFreeConfig`; both run by
:func:`run_simulator_free`.  O-REPS (full information over occupancy measures, Zimin & Neu
2013) is :class:`OREPSConfig`, run by :func:`run_oreps`.
"""
from ._base import AdversarialResult, PolicyOptimizationConfig, pseudo_regret, run
from .lb_po import LBPOConfig
from .luo21 import LUO21Config
from .mr_po import MRPOConfig
from .oreps import OREPSConfig, run_oreps
from .reference_learners import FTLConfig, FullInfoConfig, UniformConfig
from .simulator_free import LBPOLinMDPConfig, LUO21SimFreeConfig, SimulatorFreeConfig, run_simulator_free

__all__ = ["AdversarialResult", "PolicyOptimizationConfig", "run", "pseudo_regret", "LBPOConfig",
           "MRPOConfig", "LUO21Config", "FTLConfig", "UniformConfig", "FullInfoConfig",
           "SimulatorFreeConfig", "LBPOLinMDPConfig", "LUO21SimFreeConfig", "run_simulator_free",
           "OREPSConfig", "run_oreps"]
