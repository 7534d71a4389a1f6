"""Experiments as data, cells, results, stores and executors.

See :mod:`theorylab.sweep.spec` for the contract an experiment follows,
:mod:`theorylab.sweep.store` for the on-disk layout, :mod:`theorylab.sweep.executor` for
where cells run and :mod:`theorylab.sweep.runner` for sweeps with resume.
"""
from .results import ResultSet, run_cell, run_in_memory
from .runner import RunSummary, run_experiment, run_experiments
from .spec import SIZES, Cell, Experiment, canonical_json
from .store import MissingResultsError, ShardError, StoreError, load_results

__all__ = ["Experiment", "Cell", "SIZES", "canonical_json", "ResultSet", "run_cell", "run_in_memory",
           "run_experiment", "run_experiments", "RunSummary", "load_results", "StoreError",
           "ShardError", "MissingResultsError"]
