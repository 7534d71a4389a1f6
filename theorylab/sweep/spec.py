"""Experiments as data (design rule 6).

An :class:`Experiment` names its algorithms, its settings per size (``"quick"`` for the
tests and ``theorylab reproduce --quick``, ``"full"`` for the recorded numbers), its seed
counts, the *cell function* that runs one ``(setting, algorithm, seed)`` and returns a dict
of arrays, and the *analysis function* that turns stored results into bound checks.

A :class:`Cell` is the unit of work and of storage.  Its key is a hash of its canonical
JSON (experiment id, setting, algorithm, seed, root seed), so results never depend on the
order in which cells run, nor on the number of workers.

Cell functions must live in an importable module of the package (e.g.
``theorylab/algorithms/<paper>/tasks.py``) so that worker processes and Dask workers can
import them.  They return at least ``checkpoints`` (int, (C,)) and ``pseudo`` (float, (C,),
cumulative pseudo-regret) when the experiment is a regret experiment.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np

from ..rng import Streams, cell_streams

__all__ = ["Experiment", "Cell", "SIZES", "canonical_json"]

SIZES = ("quick", "full")
CELL_SCHEMA = 1


def canonical_json(obj) -> str:
    """Canonical JSON (sorted keys, no spaces; numpy scalars and arrays as lists).

    References
    ----------
    RFC 8785 (JSON canonicalisation), simplified: sorted keys, fixed separators.
    """
    def default(o):
        if isinstance(o, np.generic):
            return o.item()
        if isinstance(o, np.ndarray):
            return o.tolist()
        if isinstance(o, tuple):
            return list(o)
        raise TypeError(f"not JSON-serialisable: {type(o).__name__}")
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), default=default)


@dataclass(frozen=True)
class Cell:
    """One ``(experiment, setting, algorithm, seed)`` unit of work.

    References
    ----------
    Design rules 3 and 7.
    """

    experiment: str
    size: str
    setting_index: int
    setting: Mapping
    algorithm: str
    seed: int
    root_seed: int

    def identity(self) -> dict:
        """The fields that determine the cell's result."""
        return {"schema": CELL_SCHEMA, "experiment": self.experiment, "setting_index": self.setting_index,
                "setting": dict(self.setting), "algorithm": self.algorithm, "seed": self.seed,
                "root_seed": self.root_seed}

    @property
    def key(self) -> str:
        """16 hex digits of the SHA-256 of the canonical JSON identity."""
        return hashlib.sha256(canonical_json(self.identity()).encode()).hexdigest()[:16]

    @property
    def streams(self) -> Streams:
        """The keyed random streams of this cell (instance, shared noise, algorithm)."""
        return cell_streams(self.root_seed, self.experiment, self.setting_index, self.seed)

    @property
    def label(self) -> str:
        """Human-readable label for progress output."""
        return f"{self.experiment}[{self.setting_index}] {self.algorithm} seed={self.seed}"


@dataclass(frozen=True)
class Experiment:
    """A declared experiment: data only, no logic.

    Parameters
    ----------
    id : str
        ``"<group>/<name>"``, e.g. ``"baselines/ucbvi"``.
    description : str
    tags : tuple of str
    algorithms : tuple of str
        Names passed to ``run_cell``.
    settings : mapping size -> tuple of dict
        JSON-serialisable keyword dicts, one per problem setting, for each size in SIZES.
    seeds : mapping size -> int
    run_cell : callable(setting: dict, algorithm: str, streams: Streams) -> dict[str, ndarray]
        Module-level function of the package (picklable by reference).
    analyse : callable(results: ResultSet) -> list[Check]
        Pure function.
    root_seed : int
    figures : tuple of str
        Names of ``paper_figures`` modules that plot this experiment.
    paper : str
        Short paper label used to group the claims report (e.g. ``"baselines"``).

    References
    ----------
    bsuite experiment specs (Osband et al. 2020); ``shared/specs/aesthetics.md`` §9.4.
    """

    id: str
    description: str
    tags: tuple
    algorithms: tuple
    settings: Mapping
    seeds: Mapping
    run_cell: Callable
    analyse: Callable
    root_seed: int = 0
    figures: tuple = ()
    paper: str = ""
    notes: str = field(default="")

    def __post_init__(self):
        if self.id.count("/") != 1 or not all(self.id.split("/")):
            raise ValueError(f"experiment id must look like 'group/name', got {self.id!r}")
        for size in SIZES:
            if size not in self.settings or size not in self.seeds:
                raise ValueError(f"experiment {self.id}: settings and seeds need a {size!r} entry")
            if int(self.seeds[size]) < 1:
                raise ValueError(f"experiment {self.id}: seeds[{size!r}] must be >= 1")
            canonical_json(list(self.settings[size]))
        if not self.algorithms:
            raise ValueError(f"experiment {self.id}: needs at least one algorithm")

    def cells(self, size: str = "quick", n_seeds: int | None = None) -> list[Cell]:
        """All cells of the given size (optionally with another seed count)."""
        if size not in SIZES:
            raise ValueError(f"size must be one of {SIZES}, got {size!r}")
        n = int(self.seeds[size] if n_seeds is None else n_seeds)
        if n < 1:
            raise ValueError(f"number of seeds must be >= 1, got {n}")
        return [Cell(self.id, size, i, dict(s), a, seed, self.root_seed)
                for i, s in enumerate(self.settings[size]) for a in self.algorithms for seed in range(n)]
