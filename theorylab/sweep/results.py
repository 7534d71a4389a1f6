"""Results of an experiment as arrays keyed by cell, and helpers analysis functions use.

:class:`ResultSet` is what an experiment's ``analyse`` receives, whether the arrays come
from the on-disk store (:func:`theorylab.sweep.store.load_results`) or from
:func:`run_in_memory` (tests, notebooks).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from ..regret.trace import RegretTrace
from .spec import Cell, Experiment

__all__ = ["ResultSet", "run_cell", "run_in_memory"]


@dataclass(frozen=True)
class ResultSet:
    """Arrays of every cell of one experiment at one size.

    Attributes
    ----------
    experiment : Experiment
    size : str
    cells : tuple of Cell
    arrays : mapping cell key -> dict name -> ndarray

    References
    ----------
    Design rule 6 (analysis is a pure function of stored results).
    """

    experiment: Experiment
    size: str
    cells: tuple
    arrays: Mapping

    @property
    def settings(self) -> tuple:
        """The settings of this size, in order."""
        return tuple(self.experiment.settings[self.size])

    def _cells(self, setting_index: int, algorithm: str) -> list[Cell]:
        cs = sorted((c for c in self.cells if c.setting_index == setting_index and c.algorithm == algorithm),
                    key=lambda c: c.seed)
        if not cs:
            raise KeyError(f"no results for setting {setting_index}, algorithm {algorithm!r} of {self.experiment.id}")
        return cs

    def has(self, setting_index: int, algorithm: str) -> bool:
        """Whether any seed of this (setting, algorithm) is present."""
        return any(c.setting_index == setting_index and c.algorithm == algorithm for c in self.cells)

    def stacked(self, setting_index: int, algorithm: str, name: str) -> np.ndarray:
        """Array ``name`` of every seed stacked on a new leading axis, ordered by seed."""
        return np.stack([self.arrays[c.key][name] for c in self._cells(setting_index, algorithm)])

    def first(self, setting_index: int, algorithm: str, name: str) -> np.ndarray:
        """Array ``name`` of the lowest seed (for arrays equal across seeds, e.g. checkpoints)."""
        return self.arrays[self._cells(setting_index, algorithm)[0].key][name]

    def trace(self, setting_index: int, algorithm: str, label: str | None = None) -> RegretTrace:
        """RegretTrace from the ``checkpoints``, ``pseudo`` (and ``realised``) arrays."""
        cs = self._cells(setting_index, algorithm)
        real = None
        if all("realised" in self.arrays[c.key] for c in cs):
            real = self.stacked(setting_index, algorithm, "realised")
        return RegretTrace(algorithm, self.first(setting_index, algorithm, "checkpoints"),
                           self.stacked(setting_index, algorithm, "pseudo"), real,
                           label if label is not None else _label(self.settings[setting_index]))


def _label(setting: Mapping) -> str:
    return ",".join(f"{k}={v}" for k, v in setting.items() if not isinstance(v, (list, dict)))


def run_cell(cell: Cell, experiment: Experiment) -> dict:
    """Run one cell and return its arrays (float/int ndarrays only).

    References
    ----------
    Design rule 3 (the cell's streams come from its key alone).
    """
    out = experiment.run_cell(dict(cell.setting), cell.algorithm, cell.streams)
    if not isinstance(out, Mapping):
        raise TypeError(f"{experiment.id}: run_cell must return a dict of arrays, got {type(out).__name__}")
    return {k: np.asarray(v) for k, v in out.items()}


def run_in_memory(experiment: Experiment, size: str = "quick", n_seeds: int | None = None) -> ResultSet:
    """Run every cell serially in this process and return the ResultSet (no files).

    References
    ----------
    Design rule 6.
    """
    cells = tuple(experiment.cells(size, n_seeds))
    return ResultSet(experiment, size, cells, {c.key: run_cell(c, experiment) for c in cells})
