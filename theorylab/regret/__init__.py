"""Regret traces, bounds and the checks that compare them (design rule 5).

Symbols: K episodes (or rounds T), C checkpoints, B(K) a bound, delta its failure
probability.
"""
from .bounds import Bound, linear_rate, lsvi_ucb, sqrt_rate, ucbvi_hoeffding
from .check import Check, check_bound, check_rate
from .trace import RegretTrace, cumulative_at, log_checkpoints

__all__ = ["RegretTrace", "log_checkpoints", "cumulative_at", "Bound", "ucbvi_hoeffding",
           "lsvi_ucb", "sqrt_rate", "linear_rate", "Check", "check_bound", "check_rate"]
