"""Experiments as data, cells, results, stores and executors.

See :mod:`theorylab.sweep.spec` for the contract an experiment follows.
"""
from .results import ResultSet, run_cell, run_in_memory
from .spec import SIZES, Cell, Experiment, canonical_json

__all__ = ["Experiment", "Cell", "SIZES", "canonical_json", "ResultSet", "run_cell", "run_in_memory"]
