"""Explicit, keyed randomness (design rule 3).

One root seed.  For each cell ``(experiment, setting, seed)`` a
:class:`numpy.random.SeedSequence` with spawn key
``(crc32(experiment), setting, seed)`` is split into

* an **instance** stream (random problem generation, adversary's loss tables),
* a **noise** stream shared by every algorithm of the cell (paired comparisons),
* one **algorithm** stream per algorithm, keyed by ``crc32(algorithm name)``.

Python's ``hash`` is salted per process and never used.  Streams therefore depend only on
the key: the same bits on 1 or N workers, locally or on Dask, in any cell order.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

__all__ = ["stable_hash", "Streams", "cell_streams"]

_INSTANCE, _NOISE, _ALGORITHM = 0, 1, 2


def stable_hash(name: str) -> int:
    """A process-independent 32-bit hash of ``name`` (CRC-32 of its UTF-8 bytes).

    References
    ----------
    Design rule 3; ``shared/specs/aesthetics.md`` §9.3.
    """
    if not isinstance(name, str):
        raise TypeError(f"stable_hash expects a str, got {type(name).__name__}")
    return zlib.crc32(name.encode("utf-8"))


@dataclass(frozen=True)
class Streams:
    """The three random streams of one cell.

    Attributes
    ----------
    root_seed : int
    key : tuple of int
        ``(crc32(experiment), setting_index, seed_index)``.

    References
    ----------
    Design rule 3; ``shared/specs/aesthetics.md`` §9.3.
    """

    root_seed: int
    key: tuple

    def _seq(self, *extra: int) -> np.random.SeedSequence:
        return np.random.SeedSequence(self.root_seed, spawn_key=tuple(self.key) + tuple(extra))

    @property
    def instance(self) -> np.random.Generator:
        """A fresh generator for problem instances (same bits at every access)."""
        return np.random.default_rng(self._seq(_INSTANCE))

    @property
    def noise(self) -> np.random.Generator:
        """A fresh generator for environment noise, shared by all algorithms of the cell."""
        return np.random.default_rng(self._seq(_NOISE))

    def algorithm(self, name: str) -> np.random.Generator:
        """A fresh generator for the internal randomisation of algorithm ``name``."""
        return np.random.default_rng(self._seq(_ALGORITHM, stable_hash(name)))


def cell_streams(root_seed: int, experiment: str, setting_index: int, seed: int) -> Streams:
    """Streams for the cell ``(experiment, setting_index, seed)``.

    Parameters
    ----------
    root_seed : int, >= 0
    experiment : str
        Experiment id such as ``"baselines/ucbvi"``.
    setting_index, seed : int, >= 0

    References
    ----------
    Design rule 3.
    """
    for name, v in (("root_seed", root_seed), ("setting_index", setting_index), ("seed", seed)):
        if int(v) != v or v < 0:
            raise ValueError(f"{name} must be a non-negative integer, got {v!r}")
    return Streams(int(root_seed), (stable_hash(experiment), int(setting_index), int(seed)))
