"""Exact ground truth for finite-horizon MDPs (the oracles of every regret number).

Symbols: H horizon, S states, A actions, P kernel, r rewards, V/Q values, pi policy,
q occupancy measure.
"""
from .dp import (EvalResult, PlanResult, backward_induction, backward_induction_numpy,
                 best_fixed_policy, greedy_as_stochastic, occupancy, occupancy_numpy,
                 policy_evaluation, policy_evaluation_numpy, state_occupancy)

__all__ = ["PlanResult", "EvalResult", "backward_induction", "backward_induction_numpy",
           "policy_evaluation", "policy_evaluation_numpy", "occupancy", "occupancy_numpy",
           "state_occupancy", "best_fixed_policy", "greedy_as_stochastic"]
